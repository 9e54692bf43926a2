package org.guichets.benchmarks.portal;

import static org.guichets.benchmarks.Await.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.FormService;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.PlatformRole;
import org.guichets.launcher.Main;
import org.guichets.portal.PlatformServices;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Heap per open portal session on the administrative form and on the evidence deposit (goal
 * ≤ 1 MB): Guichets embedded in this JVM, N sign-ins each in a session of its own (cookies dropped
 * between), each session left on the page, then the heap after full collections compared with the
 * heap before, over N. Run with {@code benchmarks/run portal [N]}, whose class path leaves out the
 * plugins' and the core's jars: a bundle's classes visible to the host hide its services from the
 * portal (docs/architecture.md).
 */
public final class PortalSessionBench {

    private static final String PASSWORD = "un mot de passe assez long";

    private PortalSessionBench() {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path home = Path.of(System.getProperty("guichets.home", "distribution/target/guichets")).toAbsolutePath();
        Path work = Files.createTempDirectory("guichets-portal-bench");
        System.out.printf(Locale.ROOT, "Java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (Main.Embedded guichets = Main.embed(home, "--port", "0", "--data", work.resolve("data").toString(), "--deploy",
                work.resolve("deploy").toString())) {
            PlatformServices services = guichets.services();
            IdentityService identity = await(() -> services.get(IdentityService.class));
            await(() -> services.get(DispositifRegistry.class).flatMap(r -> r.find("edc-psc")).filter(d -> d.guichets().size() == 2));
            Account vendor = identity.registerOrganization(new NewOrganization("Acme Santé", "73282932000074", "5710",
                    new Address("1 rue de la Paix", "75002", "Paris", "FR"), "Jeanne Martin"),
                    new NewAccount("jeanne@acme-sante.fr", "Jeanne Martin", PASSWORD.toCharArray(), null));
            Actor v = Actor.of(vendor);
            Actor reviewer = Actor.of(identity.createStaffAccount(Actor.system(), new NewAccount("r@agence.example", "R",
                    PASSWORD.toCharArray(), null), Set.of(PlatformRole.REVIEWER)));
            long product = await(() -> services.get(ProductService.class)).create(v, new ProductDraft("Agenda", "2.1", null,
                    vendor.id(), "Agenda", null, null)).id();
            CandidatureService candidatures = await(() -> services.get(CandidatureService.class));
            FormService forms = await(() -> services.get(FormService.class));
            Candidature onForm = candidatures.create(v, product, "edc-psc", "editeur");
            Candidature onEvidence = candidatures.create(v, product, "edc-psc", "editeur");
            AdministrativeForm f = forms.get(v, onEvidence.number());
            f = forms.save(v, onEvidence.number(), f.version(), Map.of("profiles", "ELU", "nie", "N", "nil", "N", "datapass", "D",
                    "clientIdBas", "C", "architecture", "web", "plannedDeposit", "2027-01-15", "additionalComponents", "aucun"));
            forms.validate(reviewer, onEvidence.number(), forms.submit(v, onEvidence.number(), f.version()).version());

            String base = "http://localhost:" + guichets.port();
            WebDriver driver = chromium(work.resolve("chromium"));
            try {
                measure(driver, base, "/candidature/" + onForm.number() + "/formulaire", By.id("form-submit"), sessions, "form");
                measure(driver, base, "/candidature/" + onEvidence.number() + "/preuves", By.id("chapter-tiles"), sessions, "evidence");
            } finally {
                driver.quit();
            }
        }
    }

    private static void measure(WebDriver driver, String base, String page, By ready, int sessions, String what) throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // warm-up: classes loaded, caches filled
        for (int i = 0; i < 3; i++) {
            open(driver, wait, base, page, ready);
        }
        long before = usedAfterGc();
        for (int i = 0; i < sessions; i++) {
            open(driver, wait, base, page, ready);
        }
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "%-9s page: %d sessions, heap %+.1f MB, %.0f KB per session%n", what, sessions,
                (after - before) / 1048576.0, (after - before) / 1024.0 / sessions);
    }

    /** A new session (cookies dropped), signed in, left on the page. */
    private static void open(WebDriver driver, WebDriverWait wait, String base, String page, By ready) {
        driver.manage().deleteAllCookies();
        driver.get(base + page);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        type(wait, "email", "jeanne@acme-sante.fr");
        type(wait, "password", PASSWORD);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-submit"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(ready));
    }

    private static void type(WebDriverWait wait, String id, String text) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).findElement(By.cssSelector("input")).sendKeys(text, Keys.TAB);
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static WebDriver chromium(Path profile) throws Exception {
        System.setProperty("SE_OFFLINE", "true");
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build(), options);
    }
}
