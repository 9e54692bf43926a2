package org.guichets.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint on 127.0.0.1 for the end-to-end tests: keeps every request it gets and
 * answers the status set (200 by default: a small JSON body; otherwise a text saying it is down).
 */
final class HookReceiver implements AutoCloseable {

    /** One request received. */
    record Hook(String event, String delivery, String signature, String body) {}

    private final HttpServer server;
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    HookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            hooks.add(new Hook(exchange.getRequestHeaders().getFirst("Guichets-Event"),
                    exchange.getRequestHeaders().getFirst("Guichets-Delivery"),
                    exchange.getRequestHeaders().getFirst("Guichets-Signature"), new String(body, StandardCharsets.UTF_8)));
            int answer = status.get();
            byte[] reply = (answer == 200 ? "{\"received\":true}" : "receiver down for maintenance")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    /** The address to register. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** From now on, answer {@code status}. */
    void answer(int status) {
        this.status.set(status);
    }

    /** What was received so far, in order. */
    List<Hook> hooks() {
        return hooks;
    }

    static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
