package org.guichets.signing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Signs PDFs for the agency, PAdES baseline B (ETSI EN 319 142-1), or T with a {@link TsaClient}:
 * an incremental update adds a signature field whose detached CAdES signature covers the whole
 * file, with the signing-certificate-v2 attribute and without the CMS signing-time attribute (the
 * claimed signing time is the signature dictionary's {@code /M}; baseline T adds an RFC 3161
 * time-stamp of the signature value). Thread-safe.
 */
public final class PadesSigner {

    /** Bytes reserved for the CMS signature: the chain and a time-stamp token with its TSA's chain fit. */
    static final int SIGNATURE_SIZE = 20_000;

    private final SigningKeys keys;
    private final TsaClient tsa;
    private final String signatureAlgorithm;

    /**
     * A signer.
     *
     * @param keys the agency's key and chain (an RSA or EC key)
     * @param tsaOrNull the time-stamp authority for baseline T, or {@code null} for baseline B
     * @throws IllegalArgumentException if the key is neither RSA nor EC
     */
    public PadesSigner(SigningKeys keys, TsaClient tsaOrNull) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.tsa = tsaOrNull;
        this.signatureAlgorithm = switch (keys.privateKey().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException(
                    "unsupported signing key algorithm: " + keys.privateKey().getAlgorithm());
        };
    }

    /**
     * Signs a PDF.
     *
     * @param pdf the PDF
     * @param signingTime the signing time it claims ({@code /M})
     * @param name the signer's name ({@code /Name})
     * @param reason why it is signed ({@code /Reason}), or {@code null}
     * @param location where it is signed ({@code /Location}), or {@code null}
     * @return the signed PDF: {@code pdf} followed by the incremental update that signs it
     * @throws IOException if {@code pdf} cannot be read, or the time-stamp authority fails
     * @throws GeneralSecurityException if the signature cannot be computed
     */
    public byte[] sign(byte[] pdf, Instant signingTime, String name, String reason, String location)
            throws IOException, GeneralSecurityException {
        try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(name);
            signature.setReason(reason);
            signature.setLocation(location);
            signature.setSignDate(GregorianCalendar.from(signingTime.atZone(ZoneOffset.UTC)));
            options.setPreferredSignatureSize(SIGNATURE_SIZE);
            document.addSignature(signature, options);

            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * SIGNATURE_SIZE + 4096);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent().readAllBytes()));
            return out.toByteArray();
        }
    }

    /** The detached CMS signature of {@code content}, time-stamped if there is a TSA. */
    private byte[] cms(byte[] content) throws IOException, GeneralSecurityException {
        X509Certificate certificate = keys.certificate();
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm)
                    .setProvider(Crypto.PROVIDER)
                    .build(keys.privateKey());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(
                            new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.PROVIDER).build())
                            .setSignedAttributeGenerator(signedAttributes(certificate))
                            .build(signer, certificate));
            generator.addCertificates(new JcaCertStore(Arrays.asList(keys.chain())));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
            if (tsa != null) {
                signed = timestamped(signed);
            }
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException e) {
            throw new GeneralSecurityException("cannot compute the CMS signature: " + e.getMessage(), e);
        }
    }

    /**
     * BouncyCastle's signed attributes (content type, message digest, CMS algorithm protection),
     * plus signing-certificate-v2 and without signing-time, which PAdES forbids.
     */
    private static CMSAttributeTableGenerator signedAttributes(X509Certificate certificate)
            throws GeneralSecurityException {
        byte[] certificateHash = MessageDigest.getInstance("SHA-256", Crypto.PROVIDER).digest(certificate.getEncoded());
        Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(certificateHash))));
        DefaultSignedAttributeTableGenerator defaults =
                new DefaultSignedAttributeTableGenerator(new AttributeTable(signingCertificate));
        return parameters -> defaults.getAttributes(parameters).remove(CMSAttributes.signingTime);
    }

    /** Adds the time-stamp of the signature value as the signer's signature-time-stamp (PAdES baseline T). */
    private CMSSignedData timestamped(CMSSignedData signed) throws IOException, GeneralSecurityException {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        byte[] imprint = MessageDigest.getInstance("SHA-256", Crypto.PROVIDER).digest(signer.getSignature());
        TimeStampToken token = tsa.timestamp(imprint);
        Attribute timestamp = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token.getEncoded())));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(timestamp));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
    }
}
