package org.guichets.core.internal.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.guichets.api.error.ValidationException;

/**
 * Where webhooks may go. By default: https only, and never to a loopback, private, link-local or
 * otherwise local address (checked at registration and again at each attempt, so a name that
 * later resolves to an internal address is refused too): a webhook must not become a way into the
 * agency's network. {@code guichets.webhooks.allowPrivateNetworks=true} lifts both rules, for a
 * test bench or an intranet deployment.
 *
 * <p>The address is resolved for the check and again by the HTTP client to connect: a name whose
 * answer changes between the two (DNS rebinding, within the JVM's DNS cache time) is not caught
 * here; a deployment that needs that guarantee sends webhooks through an egress proxy.
 */
final class UrlPolicy {

    static final int MAX_LENGTH = 2000;

    private final boolean allowPrivate;

    UrlPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL, checked for registration. */
    URI check(String url) {
        URI uri = parse(url).orElseThrow(() -> ValidationException.of("url", "webhook.url"));
        if (!allowPrivate && !"https".equals(uri.getScheme())) {
            throw ValidationException.of("url", "webhook.https");
        }
        if (!allowPrivate && (literalAddress(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost()))) {
            privateTarget(uri.getHost()).ifPresent(address -> {
                throw ValidationException.of("url", "webhook.privateAddress", address);
            });
        }
        return uri;
    }

    /** Why an attempt may not go to {@code host} now, or empty when it may. */
    Optional<String> refusal(String host) {
        if (allowPrivate) {
            return Optional.empty();
        }
        return privateTarget(host).map(address -> "refused: " + host + " resolves to the local or private address "
                + address);
    }

    static Optional<URI> parse(String url) {
        if (url == null || url.isBlank() || url.strip().length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null
                    || uri.getFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean literalAddress(String host) {
        return host.matches("[0-9.]+") || host.startsWith("[");
    }

    /** The first local or private address {@code host} resolves to, if any; unresolvable: none. */
    private static Optional<String> privateTarget(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (isPrivate(a)) {
                    return Optional.of(a.getHostAddress());
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 198.18.0.0/15 (benchmarks)
            return (first == 100 && second >= 64 && second < 128) || first == 0 || (first == 198 && (second & 0xfe) == 18);
        }
        if (a instanceof Inet6Address) {
            boolean embedsIpv4 = true; // ::a.b.c.d (IPv4-compatible): the IPv4 address behind is not checked
            for (int i = 0; i < 12; i++) {
                embedsIpv4 &= b[i] == 0;
            }
            return (b[0] & 0xfe) == 0xfc // fc00::/7 unique local
                    || embedsIpv4
                    || (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) // 64:ff9b::/96 NAT64
                    || (b[0] == 0x20 && b[1] == 0x02) // 2002::/16 6to4
                    || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00); // 2001::/32 Teredo
        }
        return false;
    }
}
