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
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
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

    /**
     * Bytes reserved in {@code /Contents}, beyond the certificates, for the rest of a baseline B
     * CMS signature: the signer information with its signed attributes and a signature value of up
     * to 4096 bits, about 1 KiB, with a margin.
     */
    private static final int SIGNER_INFO_SIZE = 2048;
    /**
     * Bytes reserved in {@code /Contents}, on top, for baseline T's time-stamp token: the
     * authority's own signed data and certificate chain.
     */
    private static final int TIMESTAMP_TOKEN_SIZE = 16_384;

    private final SigningKeys keys;
    private final TsaClient tsa;
    private final String signatureAlgorithm;
    private final CMSAttributeTableGenerator signedAttributes;
    private final X509CertificateHolder certificate;
    private final JcaCertStore certificates;
    private final DigestCalculatorProvider digests;
    /**
     * Bytes reserved for the CMS signature: the chain's certificates, {@link #SIGNER_INFO_SIZE} and,
     * with a TSA, {@link #TIMESTAMP_TOKEN_SIZE}. Twice as many hexadecimal digits are written, then
     * hashed, into every signed file: no more than needed.
     */
    private final int signatureSize;

    /**
     * A signer.
     *
     * @param keys the agency's key and chain (an RSA or EC key)
     * @param tsaOrNull the time-stamp authority for baseline T, or {@code null} for baseline B
     * @throws IllegalArgumentException if the key is neither RSA nor EC, or its certificates cannot
     *     be encoded
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
        try {
            this.signedAttributes = signedAttributes(keys.certificate());
            this.certificate = new JcaX509CertificateHolder(keys.certificate());
            this.certificates = new JcaCertStore(Arrays.asList(keys.chain()));
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
            int chainSize = 0;
            for (X509Certificate link : keys.chain()) {
                chainSize += link.getEncoded().length;
            }
            this.signatureSize = chainSize + SIGNER_INFO_SIZE + (tsaOrNull == null ? 0 : TIMESTAMP_TOKEN_SIZE);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalArgumentException("cannot prepare signatures with these keys: " + e.getMessage(), e);
        }
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
            options.setPreferredSignatureSize(signatureSize);
            document.addSignature(signature, options);

            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * signatureSize + 4096);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent().readAllBytes()));
            return out.toByteArray();
        }
    }

    /**
     * The detached CMS signature of {@code content}, time-stamped if there is a TSA. The digests and
     * the signature value are the JDK's, faster than BouncyCastle's (SHA-256 several times over).
     */
    private byte[] cms(byte[] content) throws IOException, GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(keys.privateKey());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(signedAttributes)
                    .build(signer, certificate));
            generator.addCertificates(certificates);
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
     * The signed attributes: content type, message digest and CMS algorithm protection, as
     * BouncyCastle's default generator makes them, and signing-certificate-v2; not signing-time,
     * which PAdES forbids (and which the default generator would format only to have it removed).
     */
    private static CMSAttributeTableGenerator signedAttributes(X509Certificate certificate)
            throws GeneralSecurityException {
        byte[] certificateHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(certificateHash))));
        return parameters -> {
            ASN1EncodableVector attributes = new ASN1EncodableVector(4);
            attributes.add(new Attribute(CMSAttributes.contentType,
                    new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
            attributes.add(new Attribute(CMSAttributes.messageDigest,
                    new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
            attributes.add(new Attribute(CMSAttributes.cmsAlgorithmProtect, new DERSet(new CMSAlgorithmProtection(
                    (AlgorithmIdentifier) parameters.get(CMSAttributeTableGenerator.DIGEST_ALGORITHM_IDENTIFIER),
                    CMSAlgorithmProtection.SIGNATURE,
                    (AlgorithmIdentifier) parameters.get(CMSAttributeTableGenerator.SIGNATURE_ALGORITHM_IDENTIFIER)))));
            attributes.add(signingCertificate);
            return new AttributeTable(attributes);
        };
    }

    /** Adds the time-stamp of the signature value as the signer's signature-time-stamp (PAdES baseline T). */
    private CMSSignedData timestamped(CMSSignedData signed) throws IOException, GeneralSecurityException {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest(signer.getSignature());
        TimeStampToken token = tsa.timestamp(imprint);
        Attribute timestamp = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token.getEncoded())));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(timestamp));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
    }
}
