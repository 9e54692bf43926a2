package org.guichets.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LauncherConfigTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** A home whose config/ is the repository's own config/ folder. */
    private Path home() throws IOException {
        Path home = tmp.newFolder("home").toPath();
        Path config = Files.createDirectories(home.resolve("config"));
        Path repoConfig = Path.of("..", "config");
        for (String f : List.of("guichets.properties", "framework.properties")) {
            Files.copy(repoConfig.resolve(f), config.resolve(f));
        }
        return home;
    }

    @Test
    public void readsTheShippedDefaults() throws Exception {
        Path home = home();
        LauncherConfig c = LauncherConfig.load(new String[0], home);
        assertEquals(8080, c.httpPort());
        assertEquals(home.resolve("data"), c.dataDir());
        assertEquals(home.resolve("deploy"), c.deployDir());
        assertTrue("the deploy folder is polled at most every 100 ms", c.pollMillis() <= 100);
        assertEquals(List.of("guichets-platform", "guichets-edcpsc"), c.features());
        assertFalse(c.shell());
        assertFalse("no demo accounts unless asked", c.demo());
        assertEquals("2", c.frameworkProperties().get("felix.log.level"));
        assertFalse("health details for local requests only", c.healthDetailsForEveryone());
    }

    @Test
    public void aBadHealthDetailsSettingIsRefused() throws Exception {
        Path home = home();
        System.setProperty("guichets.health.details", "sometimes");
        try {
            LaunchException e = assertThrows(LaunchException.class, () -> LauncherConfig.load(new String[0], home));
            assertEquals("setting guichets.health.details must be 'local' or 'always', not 'sometimes'", e.getMessage());
        } finally {
            System.clearProperty("guichets.health.details");
        }
    }

    @Test
    public void commandLineOptionsOverrideTheFile() throws Exception {
        Path home = home();
        LauncherConfig c = LauncherConfig.load(
                new String[] {"--port", "0", "--data", "/tmp/d", "--deploy", "plugins", "--shell", "--demo"}, home);
        assertEquals(0, c.httpPort());
        assertEquals(Path.of("/tmp/d"), c.dataDir());
        assertEquals(home.resolve("plugins"), c.deployDir());
        assertTrue(c.shell());
        assertTrue(c.demo());
        assertEquals(List.of("guichets-platform", "guichets-edcpsc", "guichets-shell"), c.features());
    }

    @Test
    public void theFeaturesOptionReplacesTheShippedSchemes() throws Exception {
        LauncherConfig c = LauncherConfig.load(new String[] {"--features", "guichets-platform", "--shell"}, home());
        assertEquals(List.of("guichets-platform", "guichets-shell"), c.features());
    }

    @Test
    public void aBadPortIsNamedInTheError() throws Exception {
        Path home = home();
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherConfig.load(new String[] {"--port", "99999"}, home));
        assertEquals("setting guichets.http.port must be a whole number from 0 to 65535, not '99999'", e.getMessage());
    }

    @Test
    public void anOptionWithoutItsValueIsRefused() throws Exception {
        Path home = home();
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherConfig.load(new String[] {"--data"}, home));
        assertTrue(e.getMessage(), e.getMessage().startsWith("--data needs a value"));
    }

    @Test
    public void anUnknownOptionIsRefusedWithTheUsage() throws Exception {
        Path home = home();
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherConfig.load(new String[] {"--colour"}, home));
        assertTrue(e.getMessage(), e.getMessage().contains(LauncherConfig.USAGE));
    }

    @Test
    public void helpIsNotAnError() throws Exception {
        Path home = home();
        assertThrows(LauncherConfig.HelpRequested.class, () -> LauncherConfig.load(new String[] {"--help"}, home));
    }

    @Test
    public void aMissingConfigFolderIsReported() {
        Path nowhere = tmp.getRoot().toPath().resolve("nowhere");
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherConfig.load(new String[0], nowhere));
        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot read " + nowhere.resolve("config/guichets.properties")));
    }
}
