package org.guichets.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.WebDriver;

/**
 * End to end: the EDC PSC scheme's three jars, taken from the distribution's bundles/ folder as an
 * administrator would, dropped into deploy/ of a platform started without them: one dispositif
 * with its two desks appears on the open portal page and in /health, its settings file reaches its
 * checks; removed, it leaves.
 */
public class EdcPscDeploymentIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> JARS = List.of("org.guichets.edcpsc", "org.guichets.edcpsc.editeur",
            "org.guichets.edcpsc.operateur");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Path jar(String artifact) throws Exception {
        Path dir = GuichetsProcess.home().resolve("bundles/org/guichets").resolve(artifact);
        try (var versions = Files.list(dir)) {
            Path version = versions.findFirst().orElseThrow();
            return version.resolve(artifact + "-" + version.getFileName() + ".jar");
        }
    }

    @Test
    public void theThreeJarsDeployTheSchemeLiveWithItsSettingsAndLeaveWhenRemoved() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        List<String> args = new java.util.ArrayList<>(List.of(GuichetsProcess.PLATFORM_ONLY));
        args.add("--shell");
        try (GuichetsProcess guichets = GuichetsProcess.start(work, args.toArray(String[]::new))) {
            WebDriver driver = Browser.start(work.resolve("chromium"));
            try {
                HomePage home = new HomePage(driver, WAIT).open(guichets.url("/"));
                assertTrue("nothing deployed yet", home.showsNoScheme());
                home.markPage();

                Files.writeString(guichets.deployDir().resolve("org.guichets.edcpsc.cfg"), "penTest.eluMediumKoLimit=7\n");
                for (String artifact : JARS) {
                    Files.copy(jar(artifact), guichets.deployDir().resolve(artifact + ".jar"));
                }
                home.awaitScheme("edc-psc");
                String card = home.awaitGuichets("edc-psc", List.of("editeur", "operateur"));
                assertTrue(card, card.contains("Espace de Confiance Pro Santé Connect"));
                assertTrue(card, card.contains("Guichet Editeur"));
                assertTrue("pushed into the open page", home.isSamePage());
                guichets.awaitHealth("EDC PSC active, nothing failed", WAIT, h -> h.path("status").asText().equals("UP")
                        && GuichetsProcess.find(h, "dispositifs", "id", "edc-psc")
                                .filter(d -> d.path("state").asText().equals("ACTIVE") && d.path("guichets").size() == 2).isPresent());

                // the settings file reached the pen-test check through Configuration Admin
                Writer console = new OutputStreamWriter(guichets.process().getOutputStream(), StandardCharsets.UTF_8);
                console.write("scr:info org.guichets.edcpsc.internal.PenTestFormCheck\n");
                console.flush();
                guichets.awaitHealth("the component's configuration", WAIT,
                        h -> java.util.regex.Pattern.compile("penTest\\.eluMediumKoLimit<\\w+> = 7").matcher(guichets.log()).find());

                for (String artifact : JARS) {
                    Files.delete(guichets.deployDir().resolve(artifact + ".jar"));
                }
                home.awaitSchemeGone("edc-psc");
                home.awaitNoScheme();
                assertTrue("still the same page", home.isSamePage());
            } finally {
                driver.quit();
            }
        }
    }
}
