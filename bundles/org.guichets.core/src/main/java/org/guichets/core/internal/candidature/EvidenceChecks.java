package org.guichets.core.internal.candidature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.guichets.api.LocalizedText;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.guichets.api.check.EvidenceCheck;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EvidenceCheck} services of the deployed schemes (whiteboard), run on each upload of
 * the kinds they name. A check that throws, answers nothing or takes longer than
 * {@link EvidenceCheck#TIMEOUT_SECONDS} is recorded as an error of that check: a plugin's bug
 * never fails an upload or reaches another check.
 */
@Component(service = EvidenceChecks.class)
public final class EvidenceChecks {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceChecks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Stored>> LIST = new TypeReference<>() {};
    /** Stored results longer than this are cut to their summaries (the column holds 20 000 characters). */
    private static final int MAX_JSON = 19_000;

    private final Map<EvidenceCheck, Registration> checks = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guichets-evidence-check");
        t.setDaemon(true);
        return t;
    });
    private final int timeoutSeconds;

    /** A check and what it reads. */
    private record Registration(String name, String dispositif, Set<String> kinds) {}

    public EvidenceChecks() {
        this(EvidenceCheck.TIMEOUT_SECONDS);
    }

    /** For tests: a shorter patience. */
    public EvidenceChecks(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addCheck(EvidenceCheck check, Map<String, Object> properties) {
        Object dispositif = properties.get(EvidenceCheck.DISPOSITIF);
        Set<String> kinds = strings(properties.get(EvidenceCheck.EVIDENCE_KINDS));
        if (!(dispositif instanceof String d) || kinds.isEmpty()) {
            LOG.warn("Evidence check {} ignored: it needs the service properties {} and {}", check.getClass().getName(),
                    EvidenceCheck.DISPOSITIF, EvidenceCheck.EVIDENCE_KINDS);
            return;
        }
        Object name = properties.get("component.name");
        checks.put(check, new Registration(name == null ? check.getClass().getName() : name.toString(), d, kinds));
    }

    public void removeCheck(EvidenceCheck check) {
        checks.remove(check);
    }

    private static Set<String> strings(Object value) {
        if (value instanceof String s) {
            return Set.of(s);
        }
        if (value instanceof String[] a) {
            return Set.copyOf(Arrays.asList(a));
        }
        if (value instanceof Collection<?> c) {
            return Set.copyOf(c.stream().map(String::valueOf).toList());
        }
        return Set.of();
    }

    /** Whether any check reads files of this kind in this scheme (so that the file is read back only then). */
    boolean any(String dispositifId, String kind) {
        return checks.values().stream().anyMatch(r -> r.dispositif().equals(dispositifId) && r.kinds().contains(kind));
    }

    /**
     * Runs every check of the file's scheme and kind, one after the other.
     *
     * @param content opens the file's bytes, once per check
     */
    List<CheckResult> run(CheckedFile file, ContentSource content) {
        List<CheckResult> results = new ArrayList<>();
        for (Map.Entry<EvidenceCheck, Registration> e : checks.entrySet()) {
            Registration r = e.getValue();
            if (r.dispositif().equals(file.dispositifId()) && r.kinds().contains(file.kind().name())) {
                results.add(runOne(e.getKey(), r.name(), file, content));
            }
        }
        return results;
    }

    /** Opens a file's content. */
    @FunctionalInterface
    interface ContentSource {
        InputStream open() throws IOException;
    }

    private CheckResult runOne(EvidenceCheck check, String name, CheckedFile file, ContentSource content) {
        Future<CheckResult> answer = runner.submit(() -> {
            try (InputStream in = content.open()) {
                return check.check(file, in);
            }
        });
        try {
            CheckResult result = answer.get(timeoutSeconds, TimeUnit.SECONDS);
            if (result == null) {
                return error(name, "it answered nothing", "elle n'a rien répondu");
            }
            return result;
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.warn("Evidence check {} gave up on {} after {} s", name, file.fileName(), timeoutSeconds);
            return error(name, "it took longer than " + timeoutSeconds + " s", "elle a duré plus de " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("Evidence check {} failed on {} of candidature {}", name, file.fileName(), file.candidatureNumber(), cause);
            String why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return error(name, why, why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return error(name, "interrupted", "interrompue");
        }
    }

    private static CheckResult error(String check, String english, String french) {
        return new CheckResult(check, CheckResult.Outcome.ERROR,
                new LocalizedText(Map.of("fr", "La vérification automatique n'a pas pu se faire (" + french
                        + ") : l'agence examinera le fichier.", "en", "The automatic check could not run (" + english
                        + "): the agency will examine the file.")),
                List.of(), Map.of());
    }

    @Deactivate
    public void close() {
        runner.shutdownNow();
    }

    /** The results as stored with the file. */
    static String toJson(List<CheckResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        try {
            List<Stored> stored = results.stream().map(Stored::of).toList();
            String json = JSON.writeValueAsString(stored);
            if (json.length() > MAX_JSON) {
                json = JSON.writeValueAsString(stored.stream()
                        .map(s -> new Stored(s.check, s.outcome, s.summary, List.of(), Map.of())).toList());
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("check results are not serialisable", e);
        }
    }

    /** The results stored with a file. */
    static List<CheckResult> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST).stream().map(Stored::result).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored check results are not JSON", e);
        }
    }

    /** The stored form of a result: plain maps, so that the API records carry no Jackson annotation. */
    private record Stored(String check, String outcome, Map<String, String> summary, List<Map<String, String>> details,
            Map<String, String> facts) {
        static Stored of(CheckResult r) {
            return new Stored(r.check(), r.outcome().name(), r.summary().values(),
                    r.details().stream().map(LocalizedText::values).toList(), r.facts());
        }

        CheckResult result() {
            return new CheckResult(check, CheckResult.Outcome.valueOf(outcome), new LocalizedText(summary),
                    details.stream().map(LocalizedText::new).toList(), facts);
        }
    }
}
