package org.guichets.evidence.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a file's type from its first bytes, not from its name: what a file says it is counts
 * for nothing. Stateless.
 */
final class TypeSniffer {

    static final String PDF = "application/pdf";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    static final String GIF = "image/gif";
    static final String WEBP = "image/webp";
    static final String ZIP = "application/zip";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String ODT = "application/vnd.oasis.opendocument.text";
    static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain";
    static final String BINARY = "application/octet-stream";

    /** The extensions each type goes by, to catch a file whose name lies about its content. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("pdf", PDF), Map.entry("png", PNG), Map.entry("jpg", JPEG), Map.entry("jpeg", JPEG),
            Map.entry("gif", GIF), Map.entry("webp", WEBP), Map.entry("zip", ZIP), Map.entry("docx", DOCX),
            Map.entry("xlsx", XLSX), Map.entry("pptx", PPTX), Map.entry("odt", ODT), Map.entry("ods", ODS),
            Map.entry("json", JSON), Map.entry("txt", TEXT), Map.entry("csv", TEXT), Map.entry("log", TEXT));

    private TypeSniffer() {}

    /**
     * The type of a file from its head (the first few kilobytes; zip-based formats are told by the
     * name of their first entries, which sit at the start).
     */
    static String sniff(byte[] head, int length) {
        if (starts(head, length, "%PDF-")) {
            return PDF;
        }
        if (length >= 8 && (head[0] & 0xff) == 0x89 && starts(head, length, 1, "PNG\r\n")) {
            return PNG;
        }
        if (length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (starts(head, length, "GIF87a") || starts(head, length, "GIF89a")) {
            return GIF;
        }
        if (starts(head, length, "RIFF") && starts(head, length, 8, "WEBP")) {
            return WEBP;
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return zipKind(head, length);
        }
        String text = utf8(head, length);
        if (text != null) {
            String t = text.stripLeading();
            if (t.startsWith("\uFEFF")) {
                t = t.substring(1).stripLeading();
            }
            return t.startsWith("{") || t.startsWith("[") ? JSON : TEXT;
        }
        return BINARY;
    }

    /** The type a file's extension claims, or {@code null} when the extension is unknown or absent. */
    static String claimed(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? null : EXTENSIONS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether content of type {@code sniffed} may carry the extension claiming {@code claimed}. */
    static boolean consistent(String sniffed, String claimed) {
        if (claimed == null || claimed.equals(sniffed)) {
            return true;
        }
        // JSON is text; a .txt holding JSON, or a .json named text, is honest enough
        return (claimed.equals(TEXT) && sniffed.equals(JSON)) || (claimed.equals(ZIP) && sniffed.startsWith("application/vnd."));
    }

    private static String zipKind(byte[] head, int length) {
        String ascii = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        if (ascii.contains("mimetypeapplication/vnd.oasis.opendocument.text")) {
            return ODT;
        }
        if (ascii.contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
            return ODS;
        }
        if (ascii.contains("word/")) {
            return DOCX;
        }
        if (ascii.contains("xl/")) {
            return XLSX;
        }
        if (ascii.contains("ppt/")) {
            return PPTX;
        }
        return ZIP;
    }

    private static String utf8(byte[] head, int length) {
        // a multi-byte character cut at the end of the head is not an error
        int end = length;
        for (int i = 0; i < Math.min(3, length); i++) {
            if ((head[length - 1 - i] & 0xC0) == 0xC0) {
                end = length - 1 - i;
                break;
            }
            if ((head[length - 1 - i] & 0x80) == 0) {
                break;
            }
        }
        for (int i = 0; i < end; i++) {
            int b = head[i] & 0xff;
            if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f')) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, end)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean starts(byte[] head, int length, String magic) {
        return starts(head, length, 0, magic);
    }

    private static boolean starts(byte[] head, int length, int offset, String magic) {
        if (length < offset + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (head[offset + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
