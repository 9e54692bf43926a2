package org.guichets.core.internal.notification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

/** Which addresses a webhook may reach under the default policy. */
public class UrlPolicyTest {

    @Test
    public void localPrivateAndTranslatedAddressesAreRefused() throws Exception {
        for (String local : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "198.18.0.1", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::a00:1", "::ffff:10.0.0.1",
                "64:ff9b::a00:1", "2002:a00:1::", "2001:0:a00:1::1")) {
            assertTrue(local, UrlPolicy.isPrivate(InetAddress.getByName(local)));
        }
        for (String public_ : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111", "2a00:1450:4007:80e::200e")) {
            assertFalse(public_, UrlPolicy.isPrivate(InetAddress.getByName(public_)));
        }
    }

    @Test
    public void theRefusalNamesTheAddressAndAllowingPrivateNetworksLiftsIt() {
        Optional<String> refused = new UrlPolicy(false).refusal("127.0.0.1");
        assertEquals(Optional.of("refused: 127.0.0.1 resolves to the local or private address 127.0.0.1"), refused);
        assertEquals(Optional.empty(), new UrlPolicy(true).refusal("127.0.0.1"));
        assertEquals("an address that does not resolve is not refused here: the attempt fails", Optional.empty(),
                new UrlPolicy(false).refusal("no-such-host.invalid"));
    }
}
