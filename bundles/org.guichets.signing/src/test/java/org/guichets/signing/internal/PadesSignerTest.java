package org.guichets.signing.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.guichets.api.deliverable.Verification.Outcome;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The deliverables' signature, PAdES baseline B, and its verification: checked
 * by {@link PdfSignatureChecks} and independently by poppler's {@code pdfsig}, then spoiled in every
 * way the verification tells apart.
 */
public class PadesSignerTest {

    /** Within the test certificates' validity (the PDF dates carry whole seconds). */
    private static final Instant SIGNED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static TestPki.Issued ca;
    private static List<X509Certificate> anchors;
    private static SigningKeys keys;
    private static byte[] unsigned;
    private static byte[] signed;

    @BeforeClass
    public static void signOne() throws Exception {
        ca = TestPki.ca("Guichets test CA");
        anchors = List.of(ca.certificate());
        keys = TestPki.signer(ca, "Agence de test — signature", "RSA");
        unsigned = new PdfRenderer().render(Samples.authorisation(), Samples.ISSUER);
        signed = new PadesSigner(keys, null).sign(unsigned, SIGNED, Samples.ISSUER, "Habilitation", "Paris");
    }

    @Test
    public void signatureIsPadesBaselineB() throws Exception {
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDSignature signature = document.getLastSignatureDictionary();
            assertEquals("Adobe.PPKLite", signature.getFilter());
            assertEquals("ETSI.CAdES.detached", signature.getSubFilter());
            assertEquals(Samples.ISSUER, signature.getName());
            assertEquals("Habilitation", signature.getReason());
            assertEquals("Paris", signature.getLocation());
            assertEquals(SIGNED, signature.getSignDate().toInstant());
            int[] range = signature.getByteRange();
            assertEquals("the signature covers the whole file", signed.length, range[2] + range[3]);
        }
        SignerInformation signer = signerInfo(signed);
        AttributeTable attributes = signer.getSignedAttributes();
        assertNull("no CMS signing-time: PAdES forbids it", attributes.get(CMSAttributes.signingTime));
        assertNotNull(attributes.get(CMSAttributes.contentType));
        assertNotNull(attributes.get(CMSAttributes.messageDigest));
        Attribute signingCertificate = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        assertNotNull("signing-certificate-v2", signingCertificate);
        ESSCertIDv2 id = SigningCertificateV2.getInstance(signingCertificate.getAttrValues().getObjectAt(0))
                .getCerts()[0];
        assertEquals("SHA-256", "2.16.840.1.101.3.4.2.1", id.getHashAlgorithm().getAlgorithm().getId());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(keys.certificate().getEncoded()), id.getCertHash());
        assertNull("baseline B: no time-stamp", signer.getUnsignedAttributes());
        assertTrue("the signed PDF starts with the unsigned one (incremental update)", startsWith(signed, unsigned));
    }

    @Test
    public void validSignatureChecksOut() throws Exception {
        PdfSignatureChecks.Result result = PdfSignatureChecks.check(signed, anchors);

        assertEquals(result.detail(), Outcome.VALID, result.outcome());
        assertTrue(result.valid());
        assertNull(result.detail());
        assertEquals(keys.certificate().getSubjectX500Principal().getName(), result.signer());
        assertTrue(result.signer(), result.signer().contains("Agence de test — signature"));
        assertEquals("the claimed signing time (/M)", SIGNED, result.signedAt());
        assertFalse(result.timestamped());
        assertEquals(Samples.ID, result.deliverableId());
    }

    @Test
    public void pdfsigSaysValid() throws Exception {
        String output = Pdfsig.run(signed);
        assertTrue(output, output.contains(Pdfsig.VALID));
        assertTrue(output, output.contains("ETSI.CAdES.detached"));
    }

    @Test
    public void ecdsaKeySignsToo() throws Exception {
        byte[] pdf = new PadesSigner(TestPki.signer(ca, "Agence EC", "EC"), null)
                .sign(unsigned, SIGNED, Samples.ISSUER, null, null);

        assertEquals(Outcome.VALID, PdfSignatureChecks.check(pdf, anchors).outcome());
        String output = Pdfsig.run(pdf);
        assertTrue(output, output.contains(Pdfsig.VALID));
    }

    @Test
    public void aByteChangedInTheSignedRangeIsADigestMismatch() throws Exception {
        byte[] tampered = signed.clone();
        // the header's binary comment: nothing reads it, but it is signed
        assertEquals('%', tampered[9]);
        tampered[10] ^= 0x01;

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(tampered, anchors);
        assertEquals(result.detail(), Outcome.DIGEST_MISMATCH, result.outcome());
        String output = Pdfsig.run(tampered);
        assertFalse(output, output.contains(Pdfsig.VALID));
    }

    @Test
    public void anIncrementalUpdateAfterSigningIsAModification() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setCustomMetadataValue(PdfSignatureChecks.DELIVERABLE_ID_KEY, "HAB-FORGED");
            info.getCOSObject().setNeedToBeUpdated(true);
            document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            document.saveIncremental(out);
        }
        byte[] updated = out.toByteArray();
        assertTrue(startsWith(updated, signed));

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(updated, anchors);
        assertEquals(result.detail(), Outcome.MODIFIED_AFTER_SIGNING, result.outcome());
        assertEquals("the identifier of the signed revision, not the update's", Samples.ID, result.deliverableId());
    }

    @Test
    public void aSignerOutsideTheTrustAnchorsIsUntrusted() throws Exception {
        SigningKeys stranger = TestPki.signer(TestPki.ca("Another CA"), "Agence inconnue", "RSA");
        byte[] pdf = new PadesSigner(stranger, null).sign(unsigned, SIGNED, "Agence inconnue", null, null);

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(pdf, anchors);
        assertEquals(result.detail(), Outcome.UNTRUSTED_SIGNER, result.outcome());
        assertTrue(result.signer(), result.signer().contains("Agence inconnue"));
        assertEquals(Outcome.UNTRUSTED_SIGNER, PdfSignatureChecks.check(signed, List.of()).outcome());
        assertEquals("the anchor itself is not a signer's chain", Outcome.UNTRUSTED_SIGNER,
                PdfSignatureChecks.check(signed, List.of(stranger.chain()[1])).outcome());
    }

    @Test
    public void theChainIsValidatedAtTheSigningTime() throws Exception {
        byte[] pdf = new PadesSigner(keys, null).sign(unsigned, SIGNED.minus(Duration.ofDays(400)), Samples.ISSUER,
                null, null);

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(pdf, anchors);
        assertEquals("signed before the certificate's validity: " + result.detail(), Outcome.UNTRUSTED_SIGNER,
                result.outcome());
    }

    @Test
    public void anUnsignedPdfIsNotSigned() {
        PdfSignatureChecks.Result result = PdfSignatureChecks.check(unsigned, anchors);
        assertEquals(Outcome.NOT_SIGNED, result.outcome());
        assertNull(result.signer());
    }

    @Test
    public void randomBytesAreNotAPdf() {
        byte[] random = new byte[4096];
        new SecureRandom().nextBytes(random);
        assertEquals(Outcome.NOT_A_PDF, PdfSignatureChecks.check(random, anchors).outcome());
        assertEquals(Outcome.NOT_A_PDF, PdfSignatureChecks.check(new byte[0], anchors).outcome());
    }

    @Test
    public void aCorruptedSignatureValueIsAnInvalidSignature() throws Exception {
        byte[] tampered = signed.clone();
        int at = hexOffset(tampered, signerInfo(signed).getSignature());
        tampered[at + 20] = (byte) (tampered[at + 20] == '0' ? '1' : '0');

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(tampered, anchors);
        assertEquals(result.detail(), Outcome.SIGNATURE_INVALID, result.outcome());
        String output = Pdfsig.run(tampered);
        assertFalse(output, output.contains(Pdfsig.VALID));
    }

    @Test
    public void contentsThatAreNotCmsAreAnInvalidSignature() throws Exception {
        byte[] tampered = signed.clone();
        int contents = contentsOffset(tampered);
        tampered[contents] = '0';
        tampered[contents + 1] = '4'; // an OCTET STRING, not a ContentInfo SEQUENCE

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(tampered, anchors);
        assertEquals(result.detail(), Outcome.SIGNATURE_INVALID, result.outcome());
    }

    /** The CMS signer of a signed PDF, read as the checks do (one ASN.1 object: /Contents is zero-padded). */
    static SignerInformation signerInfo(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf);
                ASN1InputStream in = new ASN1InputStream(document.getLastSignatureDictionary().getContents(pdf))) {
            return new CMSSignedData(ContentInfo.getInstance(in.readObject())).getSignerInfos().getSigners()
                    .iterator().next();
        }
    }

    /** Where the signature's /Contents hex string starts, after its '<'. */
    private static int contentsOffset(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getLastSignatureDictionary().getByteRange()[1] + 1;
        }
    }

    /** Where the hexadecimal form of {@code value} is in {@code pdf}'s signature /Contents. */
    private static int hexOffset(byte[] pdf, byte[] value) throws Exception {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        String hex = HexFormat.of().withUpperCase().formatHex(value);
        int at = text.indexOf(hex, contentsOffset(pdf));
        if (at < 0) {
            at = text.indexOf(hex.toLowerCase(), contentsOffset(pdf));
        }
        assertTrue("the signature value is in /Contents", at > 0);
        return at;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
