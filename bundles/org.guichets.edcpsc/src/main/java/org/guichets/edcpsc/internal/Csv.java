package org.guichets.edcpsc.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV a spreadsheet saves: UTF-8 (with or without BOM) or Windows-1252, cells separated
 * by the most frequent of {@code ;}, {@code ,} and tab, quoted with {@code "} (doubled inside).
 */
final class Csv {

    private Csv() {}

    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer buf = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buf).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, start, bytes.length - start, Charset.forName("windows-1252"));
        }
    }

    /** The rows of {@code text}, each a list of cells (stripped); blank rows are kept as empty lists. */
    static List<List<String>> rows(String text) {
        char sep = separator(text);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (ch == sep) {
                row.add(cell.toString().strip());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString().strip());
                cell.setLength(0);
                rows.add(trimmed(row));
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString().strip());
            rows.add(trimmed(row));
        }
        return rows;
    }

    private static List<String> trimmed(List<String> row) {
        int end = row.size();
        while (end > 0 && row.get(end - 1).isEmpty()) {
            end--;
        }
        return List.copyOf(row.subList(0, end));
    }

    /**
     * The separator: the one most frequent outside quotes on the table's header row (the first row
     * naming a "Référence" or "Sévérité" column), else in the whole text; free text in comments
     * does not decide.
     */
    private static char separator(String text) {
        for (String line : text.split("\\R")) {
            String key = Texts.key(line);
            if (key.startsWith("reference") || key.contains("severite") || key.contains("severity")) {
                return mostFrequent(line);
            }
        }
        return mostFrequent(text);
    }

    private static char mostFrequent(String text) {
        int semi = 0;
        int comma = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (ch) {
                    case ';' -> semi++;
                    case ',' -> comma++;
                    case '\t' -> tab++;
                    default -> { }
                }
            }
        }
        return semi >= comma && semi >= tab ? ';' : tab > comma ? '\t' : ',';
    }
}
