package org.guichets.signing.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.guichets.api.deliverable.Verification.Outcome;

/**
 * Checks the signature of a signed PDF: the last signature must cover the whole file, its
 * CMS must match the signed bytes and its certificate, and the certificate must chain to a trust
 * anchor. Reports the first check that fails, never throws. Thread-safe (stateless).
 */
public final class PdfSignatureChecks {

    /** The document information entry naming the deliverable, written by {@link PdfRenderer}. */
    public static final String DELIVERABLE_ID_KEY = "GuichetsDeliverableId";

    private PdfSignatureChecks() {}

    /**
     * What the checks found.
     *
     * @param outcome {@link Outcome#VALID} or the first check that failed: {@link Outcome#NOT_A_PDF},
     *     {@link Outcome#NOT_SIGNED}, {@link Outcome#SIGNATURE_INVALID}, {@link Outcome#DIGEST_MISMATCH},
     *     {@link Outcome#MODIFIED_AFTER_SIGNING} or {@link Outcome#UNTRUSTED_SIGNER}
     * @param detail what failed (technical, English); for a valid signature whose time-stamp is not,
     *     why it is not; else {@code null}
     * @param signer the signer certificate's subject (RFC 2253), or {@code null} if not found yet
     * @param signedAt the time-stamp's time if {@code timestamped}, else the claimed signing time
     *     ({@code /M}), or {@code null}
     * @param timestamped whether the signature carries a time-stamp token of its signature value
     *     whose TSA signature verifies
     * @param deliverableId the {@value #DELIVERABLE_ID_KEY} document information entry of the signed
     *     revision, or {@code null}
     */
    public record Result(Outcome outcome, String detail, String signer, Instant signedAt, boolean timestamped,
            String deliverableId) {

        /** Whether every check passed. */
        public boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    /**
     * Checks the last signature of {@code pdf}.
     *
     * @param pdf the file's bytes
     * @param trustAnchors the certificates a signer must chain to (revocation is not checked)
     */
    public static Result check(byte[] pdf, Collection<X509Certificate> trustAnchors) {
        PDDocument document;
        try {
            document = Loader.loadPDF(pdf);
        } catch (IOException | RuntimeException e) {
            return new Result(Outcome.NOT_A_PDF, "not a readable PDF: " + e.getMessage(), null, null, false, null);
        }
        try (document) {
            return new Check(pdf, document).run(trustAnchors);
        } catch (Exception e) {
            return new Result(Outcome.SIGNATURE_INVALID, "cannot read the signature: " + e, null, null, false, null);
        }
    }

    /** One run of the checks, accumulating what it found so far. */
    private static final class Check {
        private final byte[] pdf;
        private final PDDocument document;
        private String signer;
        private Instant signedAt;
        private boolean timestamped;
        private String deliverableId;

        Check(byte[] pdf, PDDocument document) {
            this.pdf = pdf;
            this.document = document;
        }

        Result run(Collection<X509Certificate> trustAnchors) throws Exception {
            PDSignature signature = document.getLastSignatureDictionary();
            if (signature == null) {
                return result(Outcome.NOT_SIGNED, "the PDF has no signature");
            }
            signedAt = instant(signature.getSignDate());
            int[] range = signature.getByteRange();
            if (!wellFormed(range)) {
                return result(Outcome.SIGNATURE_INVALID, "malformed /ByteRange " + Arrays.toString(range)
                        + ": it must start at 0, stay within the file and leave out exactly the /Contents hex string");
            }
            int signedEnd = range[2] + range[3];
            if (signedEnd != pdf.length) {
                deliverableId = signedRevisionDeliverableId(signedEnd);
                return result(Outcome.MODIFIED_AFTER_SIGNING, (pdf.length - signedEnd)
                        + " bytes were added to the file after the signed bytes (an incremental update)");
            }
            deliverableId = deliverableId(document);
            if (!PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName().equals(signature.getSubFilter())
                    && !PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED.getName().equals(signature.getSubFilter())) {
                return result(Outcome.SIGNATURE_INVALID, "unsupported signature /SubFilter " + signature.getSubFilter());
            }

            byte[] signedBytes = signedBytes(range);
            CMSSignedData cms;
            try (ASN1InputStream in = new ASN1InputStream(signature.getContents(pdf))) {
                // /Contents is zero-padded: read one ASN.1 object, the CMS, and ignore the padding
                cms = new CMSSignedData(new CMSProcessableByteArray(signedBytes),
                        ContentInfo.getInstance(in.readObject()));
            } catch (Exception e) {
                return result(Outcome.SIGNATURE_INVALID, "/Contents is not a CMS signature: " + e.getMessage());
            }
            if (cms.getSignerInfos().size() != 1) {
                return result(Outcome.SIGNATURE_INVALID,
                        "the CMS signature has " + cms.getSignerInfos().size() + " signers instead of one");
            }
            SignerInformation signerInfo = cms.getSignerInfos().getSigners().iterator().next();
            X509Certificate certificate = Crypto.certificateOf(signerInfo.getSID(), cms.getCertificates());
            if (certificate != null) {
                signer = certificate.getSubjectX500Principal().getName();
            }

            byte[] claimed = messageDigest(signerInfo);
            if (claimed == null) {
                return result(Outcome.SIGNATURE_INVALID, "the CMS signature has no message-digest signed attribute");
            }
            byte[] actual = MessageDigest.getInstance(signerInfo.getDigestAlgOID(), Crypto.PROVIDER).digest(signedBytes);
            if (!MessageDigest.isEqual(claimed, actual)) {
                return result(Outcome.DIGEST_MISMATCH, "the signed bytes' digest is not the signature's message-digest");
            }

            if (certificate == null) {
                return result(Outcome.SIGNATURE_INVALID, "the CMS signature does not hold its signer's certificate");
            }
            String wrongCertificate = signingCertificateMismatch(signerInfo, certificate);
            if (wrongCertificate != null) {
                return result(Outcome.SIGNATURE_INVALID, wrongCertificate);
            }
            try {
                if (!signerInfo.verify(
                        new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.PROVIDER).build(certificate))) {
                    return result(Outcome.SIGNATURE_INVALID, "the signature value does not verify with "
                            + signer);
                }
            } catch (Exception e) {
                return result(Outcome.SIGNATURE_INVALID, "the signature value does not verify with " + signer + ": "
                        + e.getMessage());
            }

            String timestampProblem = checkTimestamp(signerInfo);
            String untrusted = chainProblem(certificate, cms, trustAnchors);
            if (untrusted != null) {
                return result(Outcome.UNTRUSTED_SIGNER, untrusted);
            }
            return result(Outcome.VALID, timestampProblem);
        }

        private Result result(Outcome outcome, String detail) {
            return new Result(outcome, detail, signer, signedAt, timestamped, deliverableId);
        }

        /**
         * Four non-negative integers, from 0, within the file, and the gap they leave unsigned
         * exactly one hexadecimal string: the signature's {@code /Contents}, nothing else.
         */
        private boolean wellFormed(int[] range) {
            if (range == null || range.length != 4 || range[0] != 0 || range[1] <= 0 || range[2] <= range[1] + 1
                    || range[3] < 0 || (long) range[2] + range[3] > pdf.length) {
                return false;
            }
            if (pdf[range[1]] != '<' || pdf[range[2] - 1] != '>') {
                return false;
            }
            for (int i = range[1] + 1; i < range[2] - 1; i++) {
                if (Character.digit(pdf[i], 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        private byte[] signedBytes(int[] range) {
            byte[] signed = Arrays.copyOf(pdf, range[1] + range[3]);
            System.arraycopy(pdf, range[2], signed, range[1], range[3]);
            return signed;
        }

        /** The deliverable the signed revision names, the file's first {@code signedEnd} bytes. */
        private String signedRevisionDeliverableId(int signedEnd) {
            try (PDDocument signedRevision = Loader.loadPDF(Arrays.copyOf(pdf, signedEnd))) {
                return deliverableId(signedRevision);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static String deliverableId(PDDocument document) {
            return document.getDocumentInformation().getCustomMetadataValue(DELIVERABLE_ID_KEY);
        }

        private static byte[] messageDigest(SignerInformation signerInfo) {
            AttributeTable attributes = signerInfo.getSignedAttributes();
            Attribute digest = attributes == null ? null : attributes.get(CMSAttributes.messageDigest);
            return digest == null || digest.getAttrValues().size() != 1 ? null
                    : ASN1OctetString.getInstance(digest.getAttrValues().getObjectAt(0)).getOctets();
        }

        /**
         * Why the signing-certificate-v2 attribute, when there is one, does not designate
         * {@code certificate}, or {@code null} if it does.
         */
        private static String signingCertificateMismatch(SignerInformation signerInfo, X509Certificate certificate)
                throws GeneralSecurityException {
            Attribute attribute = signerInfo.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (attribute == null) {
                return null;
            }
            ESSCertIDv2[] ids = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
            if (ids.length == 0) {
                return "the signing-certificate-v2 attribute names no certificate";
            }
            byte[] hash = MessageDigest.getInstance(ids[0].getHashAlgorithm().getAlgorithm().getId(), Crypto.PROVIDER)
                    .digest(certificate.getEncoded());
            return MessageDigest.isEqual(hash, ids[0].getCertHash()) ? null
                    : "the signing-certificate-v2 attribute does not designate the signer's certificate";
        }

        /**
         * Checks the signature-time-stamp, if any: sets {@link #timestamped} and {@link #signedAt}
         * if it is valid; returns why it is not, or {@code null}.
         */
        private String checkTimestamp(SignerInformation signerInfo) {
            AttributeTable unsigned = signerInfo.getUnsignedAttributes();
            Attribute attribute = unsigned == null ? null
                    : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (attribute == null) {
                return null;
            }
            try {
                ASN1Primitive encoded = attribute.getAttrValues().getObjectAt(0).toASN1Primitive();
                TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(encoded));
                byte[] imprint = MessageDigest.getInstance(
                        token.getTimeStampInfo().getMessageImprintAlgOID().getId(), Crypto.PROVIDER)
                        .digest(signerInfo.getSignature());
                if (!MessageDigest.isEqual(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
                    return "the time-stamp is not one of the signature value";
                }
                X509Certificate tsa = Crypto.certificateOf(token.getSID(), token.getCertificates());
                if (tsa == null) {
                    return "the time-stamp token does not hold its authority's certificate";
                }
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.PROVIDER).build(tsa));
                timestamped = true;
                signedAt = token.getTimeStampInfo().getGenTime().toInstant();
                return null;
            } catch (Exception e) {
                return "the time-stamp does not verify: " + e.getMessage();
            }
        }

        /** Why {@code certificate} does not chain to a trust anchor at {@link #signedAt}, or {@code null}. */
        private String chainProblem(X509Certificate certificate, CMSSignedData cms,
                Collection<X509Certificate> trustAnchors) throws GeneralSecurityException {
            if (trustAnchors.isEmpty()) {
                return "no trust anchor is configured";
            }
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate anchor : trustAnchors) {
                anchors.add(new TrustAnchor(anchor, null));
            }
            List<X509Certificate> intermediates = new ArrayList<>();
            for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
                intermediates.add(Crypto.certificate(holder));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(signedAt != null ? signedAt : Instant.now()));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(intermediates)));
            try {
                CertPathBuilder.getInstance("PKIX").build(parameters);
                return null;
            } catch (GeneralSecurityException e) {
                return "the signer " + signer + " does not chain to a trust anchor: " + e.getMessage();
            }
        }

        private static Instant instant(Calendar calendar) {
            return calendar == null ? null : calendar.toInstant();
        }
    }
}
