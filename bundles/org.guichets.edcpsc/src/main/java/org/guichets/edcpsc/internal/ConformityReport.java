package org.guichets.edcpsc.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.guichets.api.LocalizedText;

/**
 * A session report of the agency's conformity tool: the session's status, execution date
 * ({@code dateExecution}, or the guide's {@code dataExecution}), time taken, owner, session uuid and
 * type, then each check's name, status, description, execution date, time taken and project id.
 */
record ConformityReport(String status, String dateExecution, String timeTaken, String owner, String uuidSession,
        String type, List<Check> checks) {

    /** Session statuses of the tool. */
    static final List<String> SESSION_STATUSES = List.of("NONEXECUTE", "CONSTRUCT", "DEPLOYMENT", "STARTING", "PENDING",
            "ERROR", "CANCELED", "FINISHED", "WAITING");
    /** Result statuses of the tool. */
    static final List<String> RESULT_STATUSES = List.of("NONEXECUTE", "PENDING", "SUCCESS", "FAILURE", "ERROR", "WAITING");

    record Check(String name, String status, String description, String dateExecution, String timeTaken, String projectId) {
        boolean succeeded() {
            return "SUCCESS".equals(status);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static ConformityReport parse(byte[] bytes) throws PenTestForm.Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonParseException e) {
            throw unreadable("Le rapport n'est pas un JSON valide (ligne " + e.getLocation().getLineNr() + ", colonne "
                            + e.getLocation().getColumnNr() + ") : " + e.getOriginalMessage(),
                    "The report is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw unreadable("Le rapport est illisible : " + e.getMessage(), "The report is unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw unreadable("Le rapport n'est pas un objet JSON de session de l'outil de conformité.",
                    "The report is not a JSON object of a conformity-tool session.");
        }
        JsonNode session = root.has("session") && root.get("session").isObject() ? root.get("session") : root;
        List<LocalizedText> errors = new ArrayList<>();
        String status = text(session, "status", "statut");
        String date = text(session, "dateExecution", "dataExecution");
        String uuid = text(session, "uuidSession", "sessionUuid");
        JsonNode list = first(root, "checks", "results", "tests", "resultats");
        if (list == null && session != root) {
            list = first(session, "checks", "results", "tests", "resultats");
        }
        for (Object[] m : new Object[][] {{status, "status"}, {date, "dateExecution"}, {uuid, "uuidSession"}}) {
            if (m[0] == null) {
                errors.add(Texts.of("Champ manquant dans le rapport : « " + m[1] + " ».", "Field missing from the report: \"" + m[1] + "\"."));
            }
        }
        if (list == null || !list.isArray()) {
            errors.add(Texts.of("Le rapport ne contient pas la liste des vérifications (« checks »).",
                    "The report holds no list of checks (\"checks\")."));
        }
        List<Check> checks = new ArrayList<>();
        if (list != null && list.isArray()) {
            int i = 0;
            for (JsonNode c : list) {
                i++;
                String name = text(c, "name", "nom", "checkName");
                String st = text(c, "status", "statut");
                if (name == null || st == null) {
                    errors.add(Texts.of("Vérification n° " + i + " : nom ou statut manquant.", "Check no. " + i + ": name or status missing."));
                    continue;
                }
                checks.add(new Check(name, st.toUpperCase(java.util.Locale.ROOT), text(c, "description"),
                        text(c, "dateExecution", "dataExecution"), text(c, "timeTaken", "time"), text(c, "projectId", "idProject", "project")));
            }
        }
        if (!errors.isEmpty()) {
            throw new PenTestForm.Unreadable(errors);
        }
        return new ConformityReport(status.toUpperCase(java.util.Locale.ROOT), date, text(session, "timeTaken"),
                text(session, "owner", "proprietaire"), uuid, text(session, "type", "sessionType"), List.copyOf(checks));
    }

    List<Check> failed() {
        return checks.stream().filter(c -> !c.succeeded()).toList();
    }

    private static PenTestForm.Unreadable unreadable(String fr, String en) {
        return new PenTestForm.Unreadable(List.of(Texts.of(fr, en)));
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String n : names) {
            if (node.has(n)) {
                return node.get(n);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... names) {
        JsonNode v = first(node, names);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
