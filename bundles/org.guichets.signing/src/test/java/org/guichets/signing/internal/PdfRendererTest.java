package org.guichets.signing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.guichets.api.deliverable.DeliverableContent.Line;
import org.junit.BeforeClass;
import org.junit.Test;

/** The deliverable PDFs (R-18 authorisations, R-21 habilitations): their text, fonts, QR code and pages. */
public class PdfRendererTest {

    private static PdfRenderer renderer;

    @BeforeClass
    public static void fonts() throws Exception {
        renderer = new PdfRenderer();
    }

    @Test
    public void textExtractsExactlyWithTypographicCharacters() throws Exception {
        String text = text(renderer.render(Samples.authorisation(), Samples.ISSUER));

        for (String expected : List.of("Autorisation d’accès", "« Espace de Confiance »", "œuvre", "€", "Éditeur",
                Samples.ISSUER, "Identifiant : " + Samples.ID, "Vérification : " + Samples.URL,
                "Éditeur : Société d’Études Médicales", "Frais d’instruction : 1 250 €")) {
            assertTrue("extracted text contains " + expected + ":\n" + text, text.contains(expected));
        }
        assertFalse("no ligature glyph (GSUB disabled)", text.contains("ﬁ") || text.contains("ﬀ"));
        assertTrue(text, text.replace('\n', ' ').contains("Document signé électroniquement par " + Samples.ISSUER
                + ". Délivré le 2 mars 2026 · valable jusqu'au 2 mars 2029"));
    }

    @Test
    public void fontsAreEmbeddedSubsets() throws Exception {
        try (PDDocument document = Loader.loadPDF(renderer.render(Samples.authorisation(), Samples.ISSUER))) {
            int fonts = 0;
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.getName() + " is embedded", font.isEmbedded());
                    assertTrue(font.getName() + " is a subset", font.getName().matches("[A-Z]{6}\\+LiberationSans.*"));
                    fonts++;
                }
            }
            assertTrue("regular and bold", fonts >= 2);
        }
    }

    @Test
    public void textBeyondTheSharedRepertoireIsEmbeddedToo() throws Exception {
        // Greek, Cyrillic, Romanian (Latin Extended-B): outside the fonts' shared subset programs
        byte[] pdf = renderer.render(Samples.content(List.of(new Line("Délégué", "Σωκράτης Ђорђевић Șerban"))),
                Samples.ISSUER);

        String text = text(pdf);
        assertTrue(text, text.contains("Délégué : Σωκράτης Ђорђевић Șerban"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDResources resources = document.getPage(0).getResources();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertTrue(font.getName() + " is embedded", font.isEmbedded());
                assertTrue(font.getName() + " is a subset", font.getName().matches("[A-Z]{6}\\+LiberationSans.*"));
            }
        }
    }

    @Test
    public void documentInformationNamesTheDeliverable() throws Exception {
        try (PDDocument document = Loader.loadPDF(renderer.render(Samples.authorisation(), Samples.ISSUER))) {
            PDDocumentInformation info = document.getDocumentInformation();
            assertEquals("Autorisation d’accès au banc de test", info.getTitle());
            assertEquals(Samples.ISSUER, info.getAuthor());
            assertEquals("Guichets", info.getCreator());
            assertEquals(Samples.ISSUED, info.getCreationDate().toInstant());
            assertEquals(Samples.ID, info.getCustomMetadataValue(PdfSignatureChecks.DELIVERABLE_ID_KEY));
            assertEquals(1, document.getNumberOfPages());
            assertEquals(595, (int) document.getPage(0).getMediaBox().getWidth());
            assertEquals(841, (int) document.getPage(0).getMediaBox().getHeight());
        }
    }

    @Test
    public void qrCodeDecodesToTheVerificationAddress() throws Exception {
        try (PDDocument document = Loader.loadPDF(renderer.render(Samples.authorisation(), Samples.ISSUER))) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 150);
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
            assertEquals(Samples.URL, new QRCodeReader().decode(bitmap).getText());
        }
    }

    @Test
    public void sixtyLinesPaginateWithoutLosingOne() throws Exception {
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            lines.add(new Line("Profil " + i, "Valeur numéro " + i + " du profil, accordée pour l’ensemble des"
                    + " fonctions décrites dans la déclaration de conformité"));
        }
        byte[] pdf = renderer.render(Samples.content(lines), Samples.ISSUER);

        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertTrue("several pages: " + document.getNumberOfPages(), document.getNumberOfPages() > 1);
            text = new PDFTextStripper().getText(document);
            assertTrue(text, text.contains("1 / " + document.getNumberOfPages()));
        }
        int from = 0;
        for (int i = 1; i <= 60; i++) {
            int at = text.indexOf("Profil " + i + " : Valeur numéro " + i + " du profil", from);
            assertTrue("line " + i + " present, in order", at >= 0);
            from = at;
        }
        assertTrue(text.contains("Identifiant : " + Samples.ID));
    }

    @Test
    public void longValuesWrapAndUnknownCharactersDegrade() throws Exception {
        String longWord = "x".repeat(400);
        String sentence = "mot ".repeat(300).strip();
        byte[] pdf = renderer.render(Samples.content(List.of(new Line("Long", longWord), new Line("Phrase", sentence),
                new Line("Symbole", "fusée 🚀\ttab\u0007"))), Samples.ISSUER);

        String text = text(pdf);
        assertTrue("the long word is cut, not lost", text.replace("\n", "").contains(longWord));
        assertEquals(300, text.split("\\bmot\\b", -1).length - 1);
        assertTrue("a character the font lacks degrades to '?'", text.contains("Symbole : fusée ? tab"));
    }

    @Test
    public void rendersConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> pdfs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pdfs.add(pool.submit(() -> renderer.render(Samples.authorisation(), Samples.ISSUER)));
            }
            for (Future<byte[]> pdf : pdfs) {
                assertTrue(text(pdf.get()).contains("« Espace de Confiance »"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
