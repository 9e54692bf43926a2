package org.guichets.signing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.guichets.api.deliverable.Verification.Outcome;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * PAdES baseline T: the signature value is time-stamped by an RFC 3161 authority, here a local one
 * in the test (BouncyCastle's generator behind the JDK's HTTP server), and the time-stamp is the
 * signing time the verification reports. A failing authority fails the signature clearly.
 */
public class TimestampTest {

    /** How the local authority answers. */
    private enum Mode { GRANT, HTTP_500, GARBAGE, REJECT, OTHER_REQUEST, SLOW }

    private static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.GRANT);
    private static final AtomicReference<Instant> LAST_TIME = new AtomicReference<>();
    private static final AtomicLong SERIAL = new AtomicLong();

    private static HttpServer server;
    private static ExecutorService threads;
    private static URI url;
    private static TimeStampResponseGenerator authority;
    private static TestPki.Issued ca;
    private static SigningKeys keys;
    private static byte[] unsigned;

    @BeforeClass
    public static void startAuthority() throws Exception {
        TestPki.Issued tsa = TestPki.tsa("Guichets test TSA");
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().setProvider(Crypto.PROVIDER)
                        .build("SHA256withRSA", tsa.keys().getPrivate(), tsa.certificate()),
                new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.PROVIDER).build()
                        .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
        tokens.addCertificates(new JcaCertStore(List.of(tsa.certificate())));
        authority = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/tsa", TimestampTest::answer);
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");

        ca = TestPki.ca("Guichets test CA");
        keys = TestPki.signer(ca, "Agence horodatée", "RSA");
        unsigned = new PdfRenderer().render(Samples.authorisation(), Samples.ISSUER);
    }

    @AfterClass
    public static void stopAuthority() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Before
    public void grant() {
        MODE.set(Mode.GRANT);
    }

    @Test
    public void theTimestampIsTheSigningTime() throws Exception {
        Instant claimed = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        byte[] signed = sign(claimed, new TsaClient(url, Duration.ofSeconds(10)));

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(signed, List.of(ca.certificate()));
        assertEquals(result.detail(), Outcome.VALID, result.outcome());
        assertTrue("baseline T", result.timestamped());
        assertNotNull(LAST_TIME.get());
        assertEquals("the token's time, not the claimed /M", LAST_TIME.get(), result.signedAt());

        SignerInformation signer = PadesSignerTest.signerInfo(signed);
        Attribute attribute = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        assertNotNull("id-aa-signatureTimeStampToken", attribute);
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signer.getSignature())),
                HexFormat.of().formatHex(token.getTimeStampInfo().getMessageImprintDigest()));

        String output = Pdfsig.run(signed);
        assertTrue(output, output.contains(Pdfsig.VALID));
    }

    @Test
    public void aTimestampThatDoesNotVerifyIsNotCounted() throws Exception {
        byte[] signed = sign(Instant.now().truncatedTo(ChronoUnit.SECONDS), new TsaClient(url, Duration.ofSeconds(10)));
        SignerInformation signer = PadesSignerTest.signerInfo(signed);
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(signer.getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).getAttrValues().getObjectAt(0)));
        byte[] tsaSignature = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next().getSignature();
        // the time-stamp is an unsigned attribute, outside the signed bytes and the signature value
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(HexFormat.of().withUpperCase().formatHex(tsaSignature));
        assertTrue(at > 0);
        byte[] tampered = signed.clone();
        tampered[at + 10] = (byte) (tampered[at + 10] == '0' ? '1' : '0');

        PdfSignatureChecks.Result result = PdfSignatureChecks.check(tampered, List.of(ca.certificate()));
        assertEquals(Outcome.VALID, result.outcome());
        assertFalse(result.timestamped());
        assertTrue(result.detail(), result.detail().startsWith("the time-stamp does not verify"));
    }

    @Test
    public void http500FailsTheSignature() {
        MODE.set(Mode.HTTP_500);
        assertSignFails("answered HTTP 500");
    }

    @Test
    public void garbageFailsTheSignature() {
        MODE.set(Mode.GARBAGE);
        assertSignFails("answered something that is not an RFC 3161 time-stamp response");
    }

    @Test
    public void aRefusalFailsTheSignature() {
        MODE.set(Mode.REJECT);
        assertSignFails("refused: status 2 (no time-stamp for the test)");
    }

    @Test
    public void aTokenForAnotherRequestFailsTheSignature() {
        MODE.set(Mode.OTHER_REQUEST);
        assertSignFails("answered a token that does not match the request");
    }

    @Test
    public void aSlowAuthorityTimesOut() {
        MODE.set(Mode.SLOW);
        assertSignFails("did not answer within 500 ms", Duration.ofMillis(500));
    }

    @Test
    public void anUnreachableAuthorityFailsTheSignature() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try {
            sign(Instant.now(), new TsaClient(URI.create("http://127.0.0.1:" + closed + "/tsa"), Duration.ofSeconds(5)));
            fail("signed without a time-stamp");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("cannot reach the time-stamp authority"));
        }
    }

    private static void assertSignFails(String message) {
        assertSignFails(message, Duration.ofSeconds(10));
    }

    private static void assertSignFails(String message, Duration timeout) {
        try {
            sign(Instant.now(), new TsaClient(url, timeout));
            fail("signed without a time-stamp");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(url.toString()) && e.getMessage().contains(message));
        } catch (Exception e) {
            throw new AssertionError("not an IOException", e);
        }
    }

    private static byte[] sign(Instant signingTime, TsaClient tsa) throws Exception {
        return new PadesSigner(keys, tsa).sign(unsigned, signingTime, Samples.ISSUER, null, null);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] query = exchange.getRequestBody().readAllBytes();
            byte[] reply;
            switch (MODE.get()) {
                case HTTP_500 -> {
                    send(exchange, 500, "text/plain", "failure".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                case GARBAGE -> reply = "<html>no time-stamp here</html>".getBytes(StandardCharsets.US_ASCII);
                case REJECT -> reply = authority.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badAlg,
                        "no time-stamp for the test").getEncoded();
                case OTHER_REQUEST -> {
                    TimeStampRequestGenerator other = new TimeStampRequestGenerator();
                    other.setCertReq(true);
                    reply = authority.generate(other.generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.TEN),
                            BigInteger.valueOf(SERIAL.incrementAndGet()), new Date()).getEncoded();
                }
                case SLOW -> {
                    Thread.sleep(3000);
                    reply = new byte[0];
                }
                default -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                    reply = authority.generate(new TimeStampRequest(query), BigInteger.valueOf(SERIAL.incrementAndGet()),
                            Date.from(now)).getEncoded();
                    LAST_TIME.set(now);
                }
            }
            send(exchange, 200, "application/timestamp-reply", reply);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
