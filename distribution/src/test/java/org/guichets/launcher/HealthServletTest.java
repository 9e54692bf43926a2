package org.guichets.launcher;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class HealthServletTest {

    @Test
    public void detailsGoToTheMachineItselfOnly() {
        assertTrue(HealthServlet.showsDetails("127.0.0.1", false));
        assertTrue(HealthServlet.showsDetails("::1", false));
        assertTrue(HealthServlet.showsDetails("0:0:0:0:0:0:0:1", false));
        assertFalse(HealthServlet.showsDetails("192.0.2.10", false));
        assertFalse(HealthServlet.showsDetails("2001:db8::1", false));
        assertFalse(HealthServlet.showsDetails(null, false));
    }

    @Test
    public void detailsForEveryoneWhenConfigured() {
        assertTrue(HealthServlet.showsDetails("192.0.2.10", true));
    }
}
