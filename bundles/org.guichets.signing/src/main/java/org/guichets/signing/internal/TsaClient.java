package org.guichets.signing.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 time-stamp client over HTTP: asks a time-stamp authority (TSA) to time-stamp a
 * SHA-256 digest. Each request carries a random nonce and asks for the TSA's certificate; the
 * answer must be granted, match the request and be signed by the certificate it carries.
 * Thread-safe.
 */
public final class TsaClient {

    private static final String QUERY = "application/timestamp-query";
    private static final String REPLY = "application/timestamp-reply";
    private static final int SHA256_LENGTH = 32;

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    /**
     * A client of one TSA.
     *
     * @param url the TSA's HTTP(S) address
     * @param timeout how long to wait to connect, then for the whole answer
     */
    public TsaClient(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The TSA's address. */
    public URI url() {
        return url;
    }

    /**
     * Time-stamps a SHA-256 digest.
     *
     * @param sha256 the digest of what is to be time-stamped
     * @return the TSA's token
     * @throws IOException if the TSA cannot be reached, answers an HTTP error or something that is
     *     not a time-stamp response, refuses, or answers a token that does not match the request
     */
    public TimeStampToken timestamp(byte[] sha256) throws IOException {
        if (sha256.length != SHA256_LENGTH) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256.length + " bytes");
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(63, random));

        HttpResponse<byte[]> answer = post(request.getEncoded());
        if (answer.statusCode() != 200) {
            throw new IOException("the time-stamp authority " + url + " answered HTTP " + answer.statusCode());
        }
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer.body());
        } catch (TSPException | IOException | RuntimeException e) {
            throw new IOException("the time-stamp authority " + url + " answered something that is not an RFC 3161"
                    + " time-stamp response (content type " + contentType(answer) + "): " + e.getMessage(), e);
        }
        int status = response.getStatus();
        if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
            throw new IOException("the time-stamp authority " + url + " refused: status " + status
                    + (response.getStatusString() != null ? " (" + response.getStatusString() + ")" : "")
                    + (response.getFailInfo() != null ? ", failure info " + response.getFailInfo().intValue() : ""));
        }
        try {
            response.validate(request);
        } catch (TSPException e) {
            throw new IOException("the time-stamp authority " + url + " answered a token that does not match the"
                    + " request: " + e.getMessage(), e);
        }
        TimeStampToken token = response.getTimeStampToken();
        try {
            X509Certificate tsa = Crypto.certificateOf(token.getSID(), token.getCertificates());
            if (tsa == null) {
                throw new IOException("the time-stamp authority " + url + " answered a token without its certificate");
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.PROVIDER).build(tsa));
        } catch (TSPException | CertificateException | OperatorCreationException e) {
            throw new IOException("the time-stamp authority " + url + " answered a token whose signature does not"
                    + " verify: " + e.getMessage(), e);
        }
        return token;
    }

    private HttpResponse<byte[]> post(byte[] query) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", QUERY)
                .header("Accept", REPLY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(query))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the time-stamp authority " + url);
        } catch (HttpTimeoutException e) {
            throw new IOException("the time-stamp authority " + url + " did not answer within " + timeout.toMillis()
                    + " ms", e);
        } catch (IOException e) {
            throw new IOException("cannot reach the time-stamp authority " + url + ": " + e, e);
        }
    }

    private static String contentType(HttpResponse<?> answer) {
        return answer.headers().firstValue("Content-Type").orElse("none");
    }
}
