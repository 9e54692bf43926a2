package org.guichets.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The public verification page of the assembled platform, in headless Chromium, without signing
 * in: an unknown identifier is said to be unknown, and an uploaded PDF gets the verifier's verdict
 * in French. The demonstration run generates its signing key and says so.
 */
public class VerifyIT {

    /** A well-formed PDF with one empty page and no signature. */
    static final String UNSIGNED_PDF = "%PDF-1.4\n"
            + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
            + "trailer << /Root 1 0 R >>\n%%EOF\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theVerificationPageAnswersWithoutSignInAndInFrench() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        try (GuichetsProcess guichets = GuichetsProcess.launch(work, "--demo")) {
            guichets.awaitHealthy();
            JsonNode health = guichets.awaitHealth("the deliverable services up", Duration.ofSeconds(30),
                    h -> h.path("status").asText().equals("UP") && h.path("signing").asText().equals("READY"));
            assertEquals("UP", health.path("status").asText());
            assertEquals("READY", health.path("signing").asText());
            assertTrue("the demo run says its signing key is for demonstration only",
                    guichets.log().contains("DEMONSTRATION SIGNING KEY"));
            assertTrue(Files.isRegularFile(work.resolve("data/signing/demo-ca.pem")));

            Path unsigned = work.resolve("attestation.pdf");
            Files.writeString(unsigned, UNSIGNED_PDF, StandardCharsets.US_ASCII);
            WebDriver driver = Browser.start(work.resolve("chromium"));
            try {
                VerifyPage page = new VerifyPage(driver, Duration.ofSeconds(15)).open(guichets.url("/verify/HAB-0000-0000-0000"));
                assertEquals("Vérifier un document délivré", page.title());
                assertEquals("Aucun document n'est enregistré sous l'identifiant « HAB-0000-0000-0000 ».", page.registryStatus());

                WebElement verdict = page.uploadAndAwaitVerdict(unsigned, "NOT_SIGNED");
                assertEquals("Ce PDF ne porte aucune signature électronique.", verdict.getText());
            } finally {
                driver.quit();
            }
        }
    }
}
