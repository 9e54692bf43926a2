package org.guichets.signing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A TrueType font as the deliverables embed it: a Type 0 font (Identity-H) whose CIDFontType2
 * descendant has the font's glyph ids as CIDs, its widths, a subset of its program and a ToUnicode
 * map, so that the text extracts exactly.
 *
 * <p>Subsetting and compressing a font program costs more than the rest of a one-page PDF, so
 * one subset of the program, for a {@linkplain #REPERTOIRE repertoire} that covers French and the
 * other Western European languages, is made and compressed once: a document whose glyphs are all
 * in it embeds those bytes as they are. A document that needs other glyphs gets a program of its
 * own, the repertoire's glyphs and its own.
 *
 * <p>Thread-safe: what documents read is immutable; the parsed font, which is not (it reads its
 * tables through one cursor), is only used under its lock.
 */
final class EmbeddedFont {

    /** The code points whose glyphs the shared program holds (ranges, both ends included). */
    private static final int[][] REPERTOIRE = {
        {0x20, 0x7E}, // ASCII
        {0xA0, 0x17F}, // Latin-1 Supplement, Latin Extended-A: œ, Œ, Ÿ
        {0x2010, 0x2022}, // dashes, quotation marks, daggers, bullet
        {0x2026, 0x2026}, // ellipsis
        {0x202F, 0x2030}, // narrow no-break space, per mille
        {0x2039, 0x203A}, // single guillemets
        {0x20AC, 0x20AC}, // euro
        {0x2122, 0x2122}, // trade mark
    };
    /** The tables of a subset program: those PDFBox keeps, enough to draw the glyphs. */
    private static final List<String> TABLES =
            List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp");
    private static final int MAX_BFCHAR_ENTRIES = 100;

    private final TrueTypeFont font;
    private final String name;
    /** Glyph id by code point, 0 (.notdef) for a code point the font lacks. */
    private final int[] glyphs;
    /** Code point by glyph id, the lowest one, or -1 for a glyph no code point maps to. */
    private final int[] codePoints;
    /** Advance width by glyph id, in thousandths of an em. */
    private final int[] widths;
    /** The font descriptor as PDFBox makes it, without its name and program. */
    private final COSDictionary descriptor;
    private final Program shared;

    private EmbeddedFont(TrueTypeFont font) throws IOException {
        this.font = font;
        this.name = font.getName();
        int count = font.getNumberOfGlyphs();
        CmapLookup cmap = font.getUnicodeCmapLookup();
        float scale = 1000f / font.getUnitsPerEm();
        codePoints = new int[count];
        widths = new int[count];
        int maxCodePoint = 0;
        for (int gid = 0; gid < count; gid++) {
            widths[gid] = Math.round(font.getAdvanceWidth(gid) * scale);
            codePoints[gid] = -1;
            List<Integer> codes = cmap.getCharCodes(gid);
            for (int code : codes == null ? List.<Integer>of() : codes) {
                codePoints[gid] = codePoints[gid] < 0 ? code : Math.min(codePoints[gid], code);
                maxCodePoint = Math.max(maxCodePoint, code);
            }
        }
        glyphs = new int[maxCodePoint + 1];
        for (int codePoint = 0; codePoint <= maxCodePoint; codePoint++) {
            glyphs[codePoint] = cmap.getGlyphId(codePoint);
        }
        try (PDDocument scratch = new PDDocument()) {
            descriptor = new COSDictionary(PDType0Font.load(scratch, font, true).getFontDescriptor().getCOSObject());
        }
        descriptor.removeItem(COSName.FONT_NAME);
        descriptor.removeItem(COSName.FONT_FILE2);
        BitSet repertoire = new BitSet();
        for (int[] range : REPERTOIRE) {
            for (int codePoint = range[0]; codePoint <= range[1]; codePoint++) {
                if (has(codePoint)) {
                    repertoire.set(glyphs[codePoint]);
                }
            }
        }
        shared = program(repertoire);
    }

    /**
     * Reads a TrueType font shipped with the bundle, without glyph substitutions (ligatures would
     * not extract as the letters they join), and makes its shared program.
     *
     * @param path the font file's path in the bundle
     * @throws IOException if it is missing or not a TrueType font
     */
    static EmbeddedFont resource(String path) throws IOException {
        byte[] ttf;
        try (InputStream in = EmbeddedFont.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("font " + path + " is missing from the bundle");
            }
            ttf = in.readAllBytes();
        }
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(ttf));
        font.setEnableGsub(false);
        return new EmbeddedFont(font);
    }

    /** Whether the font has a glyph for {@code codePoint}. */
    boolean has(int codePoint) {
        return codePoint < glyphs.length && glyphs[codePoint] != 0;
    }

    /** The width of {@code text}, in thousandths of an em; characters the font lacks count as .notdef. */
    int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += widths[has(codePoint) ? glyphs[codePoint] : 0];
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /** Starts using the font in {@code document}. */
    Use use(PDDocument document) {
        return new Use(document);
    }

    /** The font in one document: the glyphs it draws, and its font dictionary. Not thread-safe. */
    final class Use {
        private final PDDocument document;
        private final COSDictionary dictionary = new COSDictionary();
        private final BitSet used = new BitSet();

        private Use(PDDocument document) {
            this.document = document;
            used.set(0);
        }

        /** The font dictionary for the pages' resources, complete once {@link #embed()} is called. */
        COSDictionary dictionary() {
            return dictionary;
        }

        /** The width of {@code text}, in thousandths of an em. */
        int width(String text) {
            return EmbeddedFont.this.width(text);
        }

        /** Whether the font has a glyph for {@code codePoint}. */
        boolean has(int codePoint) {
            return EmbeddedFont.this.has(codePoint);
        }

        /**
         * {@code text} as a content stream string operand, {@code <…>}: its glyph ids (the CIDs),
         * two bytes each, now part of what the document embeds.
         */
        String show(String text) {
            StringBuilder hex = new StringBuilder(2 + 4 * text.length()).append('<');
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                int glyph = has(codePoint) ? glyphs[codePoint] : 0;
                used.set(glyph);
                hex.append(Character.forDigit(glyph >> 12 & 0xF, 16)).append(Character.forDigit(glyph >> 8 & 0xF, 16))
                        .append(Character.forDigit(glyph >> 4 & 0xF, 16)).append(Character.forDigit(glyph & 0xF, 16));
                i += Character.charCount(codePoint);
            }
            return hex.append('>').toString();
        }

        /**
         * Completes the font dictionary: the shared program if it holds every glyph drawn, else a
         * program of the document's own; the widths of the glyphs drawn.
         */
        void embed() throws IOException {
            BitSet missing = (BitSet) used.clone();
            missing.andNot(shared.glyphs());
            Program program = shared;
            if (!missing.isEmpty()) {
                BitSet glyphs = (BitSet) shared.glyphs().clone();
                glyphs.or(used);
                program = program(glyphs);
            }
            String baseFont = program.tag() + "+" + name;

            COSDictionary fontDescriptor = new COSDictionary();
            for (Map.Entry<COSName, COSBase> entry : descriptor.entrySet()) {
                fontDescriptor.setItem(entry.getKey(), entry.getValue() instanceof COSArray array
                        ? new COSArray(array.toList()) : entry.getValue());
            }
            fontDescriptor.setName(COSName.FONT_NAME, baseFont);
            COSStream fontFile = stream(program.fontFile());
            fontFile.setInt(COSName.LENGTH1, program.fontFileLength());
            fontDescriptor.setItem(COSName.FONT_FILE2, fontFile);

            COSDictionary systemInfo = new COSDictionary();
            systemInfo.setString(COSName.REGISTRY, "Adobe");
            systemInfo.setString(COSName.ORDERING, "Identity");
            systemInfo.setInt(COSName.SUPPLEMENT, 0);

            COSDictionary cidFont = new COSDictionary();
            cidFont.setItem(COSName.TYPE, COSName.FONT);
            cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
            cidFont.setName(COSName.BASE_FONT, baseFont);
            cidFont.setItem(COSName.CIDSYSTEMINFO, systemInfo);
            cidFont.setItem(COSName.FONT_DESC, fontDescriptor);
            cidFont.setItem(COSName.W, widthArray());
            cidFont.setItem(COSName.CID_TO_GID_MAP, stream(program.cidToGidMap()));

            COSArray descendants = new COSArray();
            descendants.add(cidFont);
            dictionary.setItem(COSName.TYPE, COSName.FONT);
            dictionary.setItem(COSName.SUBTYPE, COSName.TYPE0);
            dictionary.setName(COSName.BASE_FONT, baseFont);
            dictionary.setItem(COSName.ENCODING, COSName.IDENTITY_H);
            dictionary.setItem(COSName.DESCENDANT_FONTS, descendants);
            dictionary.setItem(COSName.TO_UNICODE, stream(program.toUnicode()));
        }

        /** {@code /W}: the widths of the glyphs drawn, {@code c [w1 w2 …]} for each run of consecutive CIDs. */
        private COSArray widthArray() {
            COSArray array = new COSArray();
            COSArray run = null;
            for (int glyph = used.nextSetBit(0); glyph >= 0; glyph = used.nextSetBit(glyph + 1)) {
                if (run == null || !used.get(glyph - 1)) {
                    run = new COSArray();
                    array.add(COSInteger.get(glyph));
                    array.add(run);
                }
                run.add(COSInteger.get(widths[glyph]));
            }
            return array;
        }

        /** A stream of already compressed bytes. */
        private COSStream stream(byte[] deflated) throws IOException {
            COSStream stream = document.getDocument().createCOSStream();
            try (OutputStream out = stream.createRawOutputStream()) {
                out.write(deflated);
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            return stream;
        }
    }

    /**
     * A subset of the font program, compressed like the rest (Flate).
     *
     * @param glyphs the glyph ids it holds (composite glyphs' components included)
     * @param tag the subset's tag, six capital letters to put before the font's name
     * @param fontFile the program
     * @param fontFileLength the program's length uncompressed
     * @param cidToGidMap the map from CIDs (the font's glyph ids) to the program's glyph ids
     * @param toUnicode the ToUnicode CMap of the glyphs that a code point maps to
     */
    private record Program(BitSet glyphs, String tag, byte[] fontFile, int fontFileLength, byte[] cidToGidMap,
            byte[] toUnicode) {}

    /** A program holding {@code glyphs} (glyph 0 always, and the components of the composite ones). */
    private Program program(BitSet glyphs) throws IOException {
        ByteArrayOutputStream fontFile = new ByteArrayOutputStream();
        Map<Integer, Integer> fontGlyphs; // the program's glyph id to the font's
        synchronized (font) {
            TTFSubsetter subsetter = new TTFSubsetter(font, TABLES);
            subsetter.addGlyphIds(glyphs.stream().boxed().collect(Collectors.toSet()));
            subsetter.writeToStream(fontFile);
            fontGlyphs = subsetter.getGIDMap();
        }
        BitSet held = new BitSet();
        fontGlyphs.values().forEach(held::set);
        byte[] cidToGid = new byte[2 * held.length()];
        for (Map.Entry<Integer, Integer> entry : fontGlyphs.entrySet()) {
            int cid = entry.getValue();
            cidToGid[2 * cid] = (byte) (entry.getKey() >> 8);
            cidToGid[2 * cid + 1] = (byte) (entry.getKey() & 0xFF);
        }
        return new Program(held, tag(held), deflate(fontFile.toByteArray()), fontFile.size(), deflate(cidToGid),
                deflate(toUnicode(held)));
    }

    /** The ToUnicode CMap of {@code glyphs}: each CID to the lowest code point that maps to its glyph. */
    private byte[] toUnicode(BitSet glyphs) {
        StringBuilder cmap = new StringBuilder("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                + "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                + "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        int[] mapped = glyphs.stream().filter(glyph -> codePoints[glyph] >= 0).toArray();
        for (int from = 0; from < mapped.length; from += MAX_BFCHAR_ENTRIES) {
            int to = Math.min(mapped.length, from + MAX_BFCHAR_ENTRIES);
            cmap.append(to - from).append(" beginbfchar\n");
            for (int glyph : Arrays.copyOfRange(mapped, from, to)) {
                cmap.append(String.format("<%04X> <", glyph));
                for (char c : Character.toChars(codePoints[glyph])) {
                    cmap.append(String.format("%04X", (int) c));
                }
                cmap.append(">\n");
            }
            cmap.append("endbfchar\n");
        }
        cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return cmap.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A subset tag: six capital letters derived from the glyphs it holds. */
    private static String tag(BitSet glyphs) {
        long hash = Integer.toUnsignedLong(glyphs.hashCode());
        StringBuilder tag = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            tag.append((char) ('A' + hash % 26));
            hash /= 26;
        }
        return tag.toString();
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(out, deflater)) {
            deflating.write(bytes);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }
}
