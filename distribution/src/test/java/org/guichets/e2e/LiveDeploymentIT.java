package org.guichets.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * End to end, in headless Chromium: the sample scheme plugin dropped into deploy/ appears on the
 * open portal page without a reload, and disappears when its jar is removed.
 */
public class LiveDeploymentIT {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aPluginDroppedIntoDeployAppearsLiveAndLeavesWhenRemoved() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        try (GuichetsProcess guichets = GuichetsProcess.start(work, GuichetsProcess.PLATFORM_ONLY)) {
            WebDriver driver = Browser.start(work.resolve("chromium"));
            try {
                HomePage home = new HomePage(driver, Duration.ofSeconds(15)).open(guichets.url("/"));
                assertEquals("Parcours disponibles", home.title());
                assertEquals("French first, whatever the browser's language", "fr", home.lang());
                assertTrue("nothing deployed yet", home.showsNoScheme());
                home.markPage();

                Path plugin = guichets.deployDir().resolve("org.guichets.sample.jar");
                Files.copy(GuichetsProcess.samplePlugin(), plugin);
                WebElement card = home.awaitScheme("exemple");
                assertTrue(card.getText(), card.getText().contains("Dispositif d'exemple"));
                assertTrue(card.getText(), card.getText().contains("Guichet Editeur d'exemple"));
                assertTrue(card.getText(), card.getText().contains("à venir"));
                assertEquals(List.of("editeur", "operateur"), home.guichetsOf("exemple"));
                assertTrue("pushed into the open page, not reloaded", home.isSamePage());

                home.switchLanguage();
                assertEquals("Available schemes", home.title());
                assertEquals("en", home.lang());
                assertTrue(driver.getPageSource().contains("Sample vendor desk"));

                Files.delete(plugin);
                home.awaitSchemeGone("exemple");
                home.awaitNoScheme();
                assertTrue("still the same page", home.isSamePage());
            } finally {
                driver.quit();
            }
        }
    }
}
