package org.guichets.signing.internal;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;
import org.guichets.api.deliverable.DeliverableContent;

/**
 * Renders a deliverable as an A4 PDF, in French: the issuer, the title, the scheme and guichet, the
 * statement, each line as "label : value", the identifier, the verification address and its QR
 * code, and on each page a footer saying who signs and the validity. Liberation Sans, read once
 * from the bundle, is embedded (subset, see {@link EmbeddedFont}) so the document never depends on
 * the reader's fonts and its text extracts exactly. Thread-safe.
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
    /** Bytes to allocate for a PDF: most of a one-page deliverable is its two fonts' programs. */
    private static final int INITIAL_SIZE = 96 * 1024;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH).withZone(PARIS);

    private final EmbeddedFont regular;
    private final EmbeddedFont bold;

    /**
     * Reads the fonts from the bundle.
     *
     * @throws IOException if they are missing
     */
    public PdfRenderer() throws IOException {
        regular = EmbeddedFont.resource(REGULAR_FONT);
        bold = EmbeddedFont.resource(BOLD_FONT);
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
        try (PDDocument document = new PDDocument()) {
            Style normal = new Style(regular.use(document), COSName.getPDFName("F1"));
            Style strong = new Style(bold.use(document), COSName.getPDFName("F2"));
            describe(document, content, issuerName);

            Layout layout = new Layout(document, List.of(normal, strong), footer(content, issuerName));
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
            normal.font.embed();
            strong.font.embed();

            // a classic cross-reference table, no object streams: the signer reads the file again, and
            // compressed object streams would cost it more than they save here
            ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_SIZE);
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
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

    /** A font in one document, under its name in the pages' resources. */
    private static final class Style {
        private final EmbeddedFont.Use font;
        private final COSName name;

        Style(EmbeddedFont.Use font, COSName name) {
            this.font = font;
            this.name = name;
        }

        /** A run of {@code text} in this font, once made drawable. */
        Run run(String text) {
            return new Run(drawable(text), this);
        }

        /** The width of {@code text}, {@code size} points high. */
        float width(String text, float size) {
            return font.width(text) / 1000f * size;
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
                } else if (!font.has(c)) {
                    drawable.append(UNKNOWN);
                } else {
                    drawable.appendCodePoint(c);
                }
            });
            return drawable.toString();
        }
    }

    /** Some text in one font. */
    private record Run(String text, Style style) {}

    /** A word, or words that must stay together, in one font; {@code newLine} if a line break precedes it. */
    private record Word(String text, Style style, boolean newLine) {}

    /** The pages being written, top to bottom, a new page when the current one is full. */
    private static final class Layout {
        private static final float FOOTER_SIZE = 8.5f;
        private static final float LEADING = 1.3f;

        private final PDDocument document;
        private final COSDictionary resources = new COSDictionary();
        private final Style footerStyle;
        private final List<List<Word>> footer;
        private final float bottom;
        /** Each page's content, open until {@link #finish()} adds the footers, which number the pages. */
        private final List<PDPageContentStream> pages = new ArrayList<>();
        private PDPageContentStream stream;
        private float y;

        /** Pages using {@code styles}, the first one for the footer. */
        Layout(PDDocument document, List<Style> styles, String footer) throws IOException {
            this.document = document;
            COSDictionary fonts = new COSDictionary();
            for (Style style : styles) {
                fonts.setItem(style.name, style.font.dictionary());
            }
            resources.setItem(COSName.FONT, fonts);
            this.footerStyle = styles.get(0);
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

        /**
         * The QR code of {@code text} (error correction M; the mask the encoder scores best, as
         * ISO/IEC 18004 7.8.3 requires, although it costs about as much as the rest of the page), each dark module
         * a filled square, each row's runs of dark modules one rectangle, in a coordinate system of
         * one unit a module.
         */
        void qrCode(String text) throws IOException {
            ByteMatrix matrix;
            try {
                Map<EncodeHintType, ?> hints = StandardCharsets.US_ASCII.newEncoder().canEncode(text)
                        ? Map.of()
                        : Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
                matrix = Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
            } catch (WriterException e) {
                throw new IOException("cannot encode the verification address as a QR code: " + e.getMessage(), e);
            }
            keep(QR_SIZE);
            float module = QR_SIZE / matrix.getWidth();
            stream.saveGraphicsState();
            stream.transform(new Matrix(module, 0, 0, module, MARGIN, y - QR_SIZE));
            stream.setNonStrokingColor(0f, 0f, 0f);
            for (int row = 0; row < matrix.getHeight(); row++) {
                int column = 0;
                while (column < matrix.getWidth()) {
                    if (matrix.get(column, row) == 1) {
                        int start = column;
                        while (column < matrix.getWidth() && matrix.get(column, row) == 1) {
                            column++;
                        }
                        stream.addRect(start, matrix.getHeight() - 1 - row, column - start, 1);
                    } else {
                        column++;
                    }
                }
            }
            stream.fill();
            stream.restoreGraphicsState();
            y -= QR_SIZE;
        }

        /** Writes each page's footer, with its number, and closes the pages. */
        void finish() throws IOException {
            int count = pages.size();
            for (int i = 0; i < count; i++) {
                try (PDPageContentStream page = pages.get(i)) {
                    page.setNonStrokingColor(GREY[0], GREY[1], GREY[2]);
                    float leading = FOOTER_SIZE * LEADING;
                    float baseline = MARGIN + leading * footer.size();
                    for (List<Word> line : footer) {
                        show(page, line, MARGIN, baseline, FOOTER_SIZE);
                        baseline -= leading;
                    }
                    String number = (i + 1) + " / " + count;
                    show(page, List.of(new Word(number, footerStyle, false)),
                            MARGIN + WIDTH - footerStyle.width(number, FOOTER_SIZE), MARGIN, FOOTER_SIZE);
                }
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PAGE);
            page.setResources(new PDResources(resources));
            document.addPage(page);
            // uncompressed: deflating a page's few kilobytes would cost a fifth of the rendering
            stream = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, false);
            pages.add(stream);
            y = PAGE.getHeight() - MARGIN;
        }

        /**
         * Writes a line of words, a space between each, from ({@code x}, {@code baseline}): the
         * glyphs of each run of words in one font shown at once, in the raw, as PDFBox's fonts
         * are not used ({@link EmbeddedFont}).
         */
        private static void show(PDPageContentStream stream, List<Word> line, float x, float baseline, float size)
                throws IOException {
            String fontSize = size == (int) size ? Integer.toString((int) size) : Float.toString(size);
            StringBuilder operators = new StringBuilder();
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                Word word = line.get(i);
                run.append(i == 0 ? "" : " ").append(word.text());
                Style style = word.style();
                if (i == line.size() - 1 || line.get(i + 1).style() != style) {
                    operators.append('/').append(style.name.getName()).append(' ').append(fontSize).append(" Tf ")
                            .append(style.font.show(run.toString())).append(" Tj\n");
                    run.setLength(0);
                }
            }
            stream.beginText();
            stream.newLineAtOffset(x, baseline);
            stream.appendRawCommands(operators.toString());
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
                        if (glueNext || (!newLine && last != null && last.style() == run.style()
                                && text.length() == 1 && ":;!?»".contains(text))) {
                            words.set(words.size() - 1, new Word(last.text() + " " + text, run.style(), last.newLine()));
                        } else {
                            words.add(new Word(text, run.style(), newLine));
                        }
                        glueNext = text.equals("«");
                        newLine = false;
                    }
                }
            }
            return words;
        }

        /** {@code words} in lines no wider than the page; a word wider than a line is cut. */
        private static List<List<Word>> lines(List<Word> words, float size) {
            List<List<Word>> lines = new ArrayList<>();
            List<Word> line = new ArrayList<>();
            float width = 0;
            for (Word word : words) {
                if (word.newLine() && !line.isEmpty()) {
                    lines.add(line);
                    line = new ArrayList<>();
                    width = 0;
                }
                float wordWidth = word.style().width(word.text(), size);
                float spaced = line.isEmpty() ? wordWidth : word.style().width(" ", size) + wordWidth;
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
                while (word.style().width(rest, size) > WIDTH) {
                    int cut = fitting(rest, word.style(), size);
                    lines.add(List.of(new Word(rest.substring(0, cut), word.style(), false)));
                    rest = rest.substring(cut);
                }
                line.add(new Word(rest, word.style(), false));
                width = word.style().width(rest, size);
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            return lines;
        }

        /** How many of the first characters of {@code text} fit in a line (at least one code point). */
        private static int fitting(String text, Style style, float size) {
            int end = text.offsetByCodePoints(0, 1);
            while (end < text.length()) {
                int next = text.offsetByCodePoints(end, 1);
                if (style.width(text.substring(0, next), size) > WIDTH) {
                    break;
                }
                end = next;
            }
            return end;
        }
    }
}
