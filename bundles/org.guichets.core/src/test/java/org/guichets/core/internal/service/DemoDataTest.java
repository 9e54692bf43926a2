package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.DemoDataAccess;
import org.junit.Test;

public class DemoDataTest extends ServiceTestBase {

    @Test
    public void demoAccountsSignInWithThePasswordsWrittenToTheDataFolderOnce() throws Exception {
        Path data = Files.createTempDirectory("guichets-demo");
        Map<String, String> passwords = DemoDataAccess.create(data, f.identity, f.products);
        assertEquals(5, passwords.size());
        String file = Files.readString(data.resolve("demo-credentials.txt"));
        passwords.forEach((email, pw) -> assertTrue(file.contains(email + " " + pw)));
        Actor admin = f.identity.authenticate("admin@demo.guichets.test", passwords.get("admin@demo.guichets.test").toCharArray());
        assertTrue(admin.has(PlatformRole.ADMIN));
        Actor salarie = f.identity.authenticate("salarie@demo.guichets.test", passwords.get("salarie@demo.guichets.test").toCharArray());
        assertEquals(OrganizationRole.SALARIE, salarie.organizationRole());
        Actor m = f.identity.authenticate("mandataire@demo.guichets.test", passwords.get("mandataire@demo.guichets.test").toCharArray());
        assertEquals(1, f.products.search(m, "agenda", 0, 10).total());
        assertEquals("a second start creates nothing", Map.of(), DemoDataAccess.create(data, f.identity, f.products));
        assertEquals(5, count("account"));
    }
}
