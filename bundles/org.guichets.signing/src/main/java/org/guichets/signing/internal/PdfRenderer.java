package org.guichets.signing.internal;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.guichets.api.deliverable.DeliverableContent;

/**
 * Renders a deliverable as an A4 PDF, in French: the issuer, the title, the scheme and guichet, the
 * statement, each line as "label : value", the identifier, the verification address and its QR
 * code, and on each page a footer saying who signs and the validity. Liberation Sans, read once
 * from the bundle, is embedded (subset) so the document never depends on the reader's fonts and
 * its text extracts exactly. Thread-safe: each rendering parses its own fonts from the bytes.
 */
public final class PdfRenderer {

    private static final String REGULAR_FONT = "/liberation/LiberationSans-Regular.ttf";
    private static final String BOLD_FONT = "/liberation/LiberationSans-Bold.ttf";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 56;
    private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    private static final float QR_SIZE = 96;
    private static final float LABELLED_SIZE = 10.5f;
    private static final float[] ACCENT = {0.12f, 0.23f, 0.37f};
    private static final float[] GREY = {0.35f, 0.35f, 0.35f};
    private static final float[] BLACK = {0, 0, 0};
    private static final char UNKNOWN = '?';
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH).withZone(PARIS);

    private final byte[] regular;
    private final byte[] bold;
    /**
     * Parsed fonts, each pair used by one render at a time: a {@link TrueTypeFont} is not
     * thread-safe (subsetting reads it at save time through a shared cursor), and parsing one per
     * document would cost more than the rest of the render. The pool holds as many pairs as renders
     * ever ran at once.
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<Fonts> fonts = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** A regular and a bold font, parsed. */
    private record Fonts(TrueTypeFont regular, TrueTypeFont bold) {}

    /**
     * Reads the fonts from the bundle.
     *
     * @throws IOException if they are missing
     */
    public PdfRenderer() throws IOException {
        regular = resource(REGULAR_FONT);
        bold = resource(BOLD_FONT);
        fonts.push(new Fonts(parse(regular), parse(bold)));
    }

    /**
     * Renders a deliverable.
     *
     * @param content what it states
     * @param issuerName the agency issuing and signing it
     * @return the PDF, unsigned
     * @throws IOException if it cannot be rendered
     */
    public byte[] render(DeliverableContent content, String issuerName) throws IOException {
        Objects.requireNonNull(issuerName, "issuerName");
        Fonts pair = fonts.poll();
        if (pair == null) {
            pair = new Fonts(parse(regular), parse(bold));
        }
        try (PDDocument document = new PDDocument()) {
            Style normal = new Style(document, pair.regular());
            Style strong = new Style(document, pair.bold());
            describe(document, content, issuerName);

            Layout layout = new Layout(document, normal, footer(content, issuerName));
            layout.paragraph(List.of(strong.run(issuerName)), 12, ACCENT);
            layout.rule();
            layout.space(18);
            layout.paragraph(List.of(strong.run(content.title())), 20, BLACK);
            layout.space(6);
            layout.paragraph(List.of(normal.run(content.dispositifName())), 12, BLACK);
            layout.paragraph(List.of(normal.run(content.guichetName())), 11, GREY);
            if (content.statement() != null && !content.statement().isBlank()) {
                layout.space(14);
                layout.paragraph(List.of(normal.run(content.statement())), 11, BLACK);
            }
            layout.space(14);
            for (DeliverableContent.Line line : content.lines()) {
                labelled(layout, normal, strong, line.label(), line.value());
                layout.space(3);
            }
            layout.space(11);
            // the identifier, the address and its QR code on one page
            layout.keep(2 * LABELLED_SIZE * Layout.LEADING + 13 + QR_SIZE);
            labelled(layout, normal, strong, "Identifiant", content.id());
            layout.space(3);
            labelled(layout, normal, strong, "Vérification", content.verificationUrl());
            layout.space(10);
            layout.qrCode(content.verificationUrl());
            layout.finish();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } finally {
            fonts.push(pair);
        }
    }

    private static void labelled(Layout layout, Style normal, Style strong, String label, String value)
            throws IOException {
        layout.paragraph(List.of(strong.run(label + " :"), normal.run(" " + (value == null ? "" : value))),
                LABELLED_SIZE, BLACK);
    }

    private static void describe(PDDocument document, DeliverableContent content, String issuerName) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(content.title());
        info.setAuthor(issuerName);
        info.setCreator("Guichets");
        info.setCreationDate(GregorianCalendar.from(content.issuedAt().atZone(PARIS)));
        info.setCustomMetadataValue(PdfSignatureChecks.DELIVERABLE_ID_KEY, content.id());
        document.getDocumentCatalog().setLanguage("fr-FR");
    }

    private static String footer(DeliverableContent content, String issuerName) {
        return "Document signé électroniquement par " + issuerName + ". Délivré le " + DATE.format(content.issuedAt())
                + " · valable jusqu'au " + DATE.format(content.expiresAt());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PdfRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("font " + name + " is missing from the bundle");
            }
            return in.readAllBytes();
        }
    }

    /** Parses a font, without glyph substitutions: ligatures would not extract as the letters they join. */
    private static TrueTypeFont parse(byte[] font) throws IOException {
        TrueTypeFont parsed = new TTFParser().parse(new RandomAccessReadBuffer(font));
        parsed.setEnableGsub(false);
        return parsed;
    }

    /** A font embedded in one document, and what it can draw. */
    private static final class Style {
        private final PDFont font;
        private final CmapLookup characters;

        Style(PDDocument document, TrueTypeFont font) throws IOException {
            this.font = PDType0Font.load(document, font, true);
            this.characters = font.getUnicodeCmapLookup();
        }

        /** A run of {@code text} in this font, once made drawable. */
        Run run(String text) {
            return new Run(drawable(text), font);
        }

        /**
         * {@code text} in NFC, its line breaks kept as {@code '\n'}, other white space and control
         * characters as spaces, and characters the font lacks as {@value #UNKNOWN}.
         */
        private String drawable(String text) {
            String normalized = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC)
                    .replace("\r\n", "\n").replace('\r', '\n');
            StringBuilder drawable = new StringBuilder(normalized.length());
            normalized.codePoints().forEach(c -> {
                if (c == '\n') {
                    drawable.append('\n');
                } else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                    drawable.append(' ');
                } else if (characters.getGlyphId(c) == 0) {
                    drawable.append(UNKNOWN);
                } else {
                    drawable.appendCodePoint(c);
                }
            });
            return drawable.toString();
        }
    }

    /** Some text in one font. */
    private record Run(String text, PDFont font) {}

    /** A word, or words that must stay together, in one font; {@code newLine} if a line break precedes it. */
    private record Word(String text, PDFont font, boolean newLine) {}

    /** The pages being written, top to bottom, a new page when the current one is full. */
    private static final class Layout {
        private static final float FOOTER_SIZE = 8.5f;
        private static final float LEADING = 1.3f;

        private final PDDocument document;
        private final PDFont footerFont;
        private final List<List<Word>> footer;
        private final float bottom;
        private PDPageContentStream stream;
        private float y;

        Layout(PDDocument document, Style footerStyle, String footer) throws IOException {
            this.document = document;
            this.footerFont = footerStyle.font;
            this.footer = lines(words(List.of(footerStyle.run(footer))), FOOTER_SIZE);
            // the footer's lines, then the page number's
            this.bottom = MARGIN + (this.footer.size() + 1) * FOOTER_SIZE * LEADING + 12;
            newPage();
        }

        /** Writes runs as one paragraph, wrapped to the page's width, {@code size} points high. */
        void paragraph(List<Run> runs, float size, float[] color) throws IOException {
            float leading = size * LEADING;
            for (List<Word> line : lines(words(runs), size)) {
                keep(leading);
                y -= leading;
                stream.setNonStrokingColor(color[0], color[1], color[2]);
                show(stream, line, MARGIN, y + (leading - size) / 2 + size * 0.2f, size);
            }
        }

        void space(float points) {
            y -= points;
        }

        /** Starts a new page unless {@code height} points fit on this one. */
        void keep(float height) throws IOException {
            if (y - height < bottom) {
                newPage();
            }
        }

        /** A thin line across the page. */
        void rule() throws IOException {
            y -= 4;
            stream.setStrokingColor(GREY[0], GREY[1], GREY[2]);
            stream.setLineWidth(0.5f);
            stream.moveTo(MARGIN, y);
            stream.lineTo(MARGIN + WIDTH, y);
            stream.stroke();
        }

        /** The QR code of {@code text} (error correction M), each dark module a filled square. */
        void qrCode(String text) throws IOException {
            ByteMatrix matrix;
            try {
                Map<EncodeHintType, ?> hints = StandardCharsets.US_ASCII.newEncoder().canEncode(text) ? Map.of()
                        : Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
                matrix = Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
            } catch (WriterException e) {
                throw new IOException("cannot encode the verification address as a QR code: " + e.getMessage(), e);
            }
            keep(QR_SIZE);
            float module = QR_SIZE / matrix.getWidth();
            float top = y;
            stream.setNonStrokingColor(0f, 0f, 0f);
            for (int row = 0; row < matrix.getHeight(); row++) {
                int column = 0;
                while (column < matrix.getWidth()) {
                    if (matrix.get(column, row) == 1) {
                        int start = column;
                        while (column < matrix.getWidth() && matrix.get(column, row) == 1) {
                            column++;
                        }
                        stream.addRect(MARGIN + start * module, top - (row + 1) * module, (column - start) * module,
                                module);
                    } else {
                        column++;
                    }
                }
            }
            stream.fill();
            y -= QR_SIZE;
        }

        /** Closes the last page and writes each page's footer, with its number. */
        void finish() throws IOException {
            stream.close();
            int count = document.getNumberOfPages();
            for (int i = 0; i < count; i++) {
                try (PDPageContentStream page = new PDPageContentStream(document, document.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    page.setNonStrokingColor(GREY[0], GREY[1], GREY[2]);
                    float leading = FOOTER_SIZE * LEADING;
                    float baseline = MARGIN + leading * footer.size();
                    for (List<Word> line : footer) {
                        show(page, line, MARGIN, baseline, FOOTER_SIZE);
                        baseline -= leading;
                    }
                    String number = (i + 1) + " / " + count;
                    show(page, List.of(new Word(number, footerFont, false)),
                            MARGIN + WIDTH - width(number, footerFont, FOOTER_SIZE), MARGIN, FOOTER_SIZE);
                }
            }
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private static void show(PDPageContentStream stream, List<Word> line, float x, float baseline, float size)
                throws IOException {
            stream.beginText();
            stream.newLineAtOffset(x, baseline);
            for (int i = 0; i < line.size(); i++) {
                Word word = line.get(i);
                stream.setFont(word.font(), size);
                stream.showText(i == 0 ? word.text() : " " + word.text());
            }
            stream.endText();
        }

        /**
         * The runs' words, split at spaces: French punctuation that follows a space ({@code : ; ! ? »})
         * stays with the word before it, and {@code «} with the word after it.
         */
        private static List<Word> words(List<Run> runs) {
            List<Word> words = new ArrayList<>();
            for (Run run : runs) {
                String[] paragraphs = run.text().split("\n", -1);
                for (int p = 0; p < paragraphs.length; p++) {
                    boolean newLine = p > 0;
                    boolean glueNext = false;
                    for (String text : paragraphs[p].split(" ")) {
                        if (text.isEmpty()) {
                            continue;
                        }
                        Word last = words.isEmpty() ? null : words.get(words.size() - 1);
                        if (glueNext || (!newLine && last != null && last.font() == run.font()
                                && text.length() == 1 && ":;!?»".contains(text))) {
                            words.set(words.size() - 1, new Word(last.text() + " " + text, run.font(), last.newLine()));
                        } else {
                            words.add(new Word(text, run.font(), newLine));
                        }
                        glueNext = text.equals("«");
                        newLine = false;
                    }
                }
            }
            return words;
        }

        /** {@code words} in lines no wider than the page; a word wider than a line is cut. */
        private static List<List<Word>> lines(List<Word> words, float size) throws IOException {
            List<List<Word>> lines = new ArrayList<>();
            List<Word> line = new ArrayList<>();
            float width = 0;
            for (Word word : words) {
                if (word.newLine() && !line.isEmpty()) {
                    lines.add(line);
                    line = new ArrayList<>();
                    width = 0;
                }
                float wordWidth = width(word.text(), word.font(), size);
                float spaced = line.isEmpty() ? wordWidth : width(" ", word.font(), size) + wordWidth;
                if (width + spaced <= WIDTH) {
                    line.add(word);
                    width += spaced;
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line);
                    line = new ArrayList<>();
                }
                String rest = word.text();
                while (width(rest, word.font(), size) > WIDTH) {
                    int cut = fitting(rest, word.font(), size);
                    lines.add(List.of(new Word(rest.substring(0, cut), word.font(), false)));
                    rest = rest.substring(cut);
                }
                line.add(new Word(rest, word.font(), false));
                width = width(rest, word.font(), size);
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            return lines;
        }

        /** How many of the first characters of {@code text} fit in a line (at least one code point). */
        private static int fitting(String text, PDFont font, float size) throws IOException {
            int end = text.offsetByCodePoints(0, 1);
            while (end < text.length()) {
                int next = text.offsetByCodePoints(end, 1);
                if (width(text.substring(0, next), font, size) > WIDTH) {
                    break;
                }
                end = next;
            }
            return end;
        }

        private static float width(String text, PDFont font, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }
    }
}
