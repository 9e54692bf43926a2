package org.guichets.e2e;

import static org.guichets.e2e.Embedded.await;
import static org.guichets.e2e.Embedded.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.ApiScope;
import org.guichets.api.identity.ApiToken;
import org.guichets.api.identity.ApiTokenService;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.notification.WebhookDelivery;
import org.guichets.api.notification.WebhookEndpoint;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.api.notification.WebhookService;
import org.guichets.launcher.Main;
import org.guichets.portal.PlatformServices;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The integrations pages in the browser (Guichets embedded in the test's JVM, with its demonstration
 * company): the demo company's mandataire creates a read-only API token, whose secret is shown once
 * and then never again (the list keeps its prefix), authenticates with it, revokes it and it stops
 * working at once; chooses the language of its mails; registers a webhook endpoint on a receiver of
 * the test's own, tests it while the receiver fails (the HTTP 500 shows in the page without a reload),
 * then replays the delivery once the receiver answers and checks its signature with the secret the
 * page showed. A salarié of the same company does not manage its webhooks (R-01): the page shows the
 * service's refusal.
 */
public class IntegrationsPortalIT {

    private static final Duration WAIT = Embedded.WAIT;
    private static final String MANDATAIRE = "mandataire@demo.guichets.test";
    private static final String SALARIE = "salarie@demo.guichets.test";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aMandataireManagesTokensAndWebhooksAndASalarieIsRefusedWebhooks() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        HookReceiver receiver = new HookReceiver();
        receiver.answer(500);
        List<HookReceiver.Hook> hooks = receiver.hooks();
        try (Main.Embedded guichets = Embedded.start(work)) {
            PlatformServices services = guichets.services();
            IdentityService identity = await(services, IdentityService.class);
            ApiTokenService tokens = await(services, ApiTokenService.class);
            WebhookService webhooks = await(services, WebhookService.class);
            Map<String, String> passwords = demoPasswords(work);
            Actor mandataire = identity.authenticate(MANDATAIRE, passwords.get(MANDATAIRE).toCharArray());
            Actor salarie = identity.authenticate(SALARIE, passwords.get(SALARIE).toCharArray());
            assertEquals(OrganizationRole.MANDATAIRE, mandataire.organizationRole());
            assertEquals(OrganizationRole.SALARIE, salarie.organizationRole());
            long company = mandataire.organizationId();

            String base = "http://localhost:" + guichets.port();
            WebDriver driver = Browser.start(work.resolve("chromium"));
            try {
                Vaadin ui = new Vaadin(driver, WAIT);
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as(MANDATAIRE, passwords.get(MANDATAIRE));
                ui.awaitText("signed-in-as", "Camille Démo");

                // a token with the read scope: its secret shown once, clearly marked
                ui.click("nav-tokens");
                ui.awaitPath("/compte/jetons");
                ui.await(By.id("tokens-none"));
                ui.type("token-name", "Tableau de bord");
                ui.click("token-create");
                String secret = eventually("the secret shown", () -> Optional.ofNullable(ui.valueOf("token-secret"))
                        .filter(v -> !v.isBlank()));
                assertTrue(secret, secret.startsWith("gch_"));
                assertTrue(ui.text("token-secret-panel"), ui.text("token-secret-panel")
                        .contains("Copiez-le maintenant : il ne sera plus affiché"));
                assertEquals("read-only", "true", ui.await(By.id("token-secret")).getAttribute("readonly"));
                List<ApiToken> listed = tokens.list(mandataire);
                assertEquals(1, listed.size());
                ApiToken token = listed.get(0);
                assertEquals("Tableau de bord", token.name());
                assertEquals(Set.of(ApiScope.READ), token.scopes());
                assertTrue(secret.startsWith(token.prefix()));
                ui.await(By.cssSelector("#token-state-" + token.id() + "[data-state='ACTIVE']"));
                assertEquals("tokens page", List.of(), Axe.seriousViolations(driver));
                ui.screenshot("14-jetons-api");

                // once only: a reload shows the prefix, never the secret
                driver.navigate().refresh();
                ui.awaitText("token-prefix-" + token.id(), token.prefix());
                assertTrue("the secret's field is gone", driver.findElements(By.id("token-secret")).stream()
                        .noneMatch(e -> e.isDisplayed() || secret.equals(e.getAttribute("value"))));
                assertEquals(Boolean.FALSE, ((JavascriptExecutor) driver).executeScript(
                        "return document.body.innerText.includes(arguments[0]);", secret));

                // the secret authenticates as the mandataire, with the read scope only
                ApiTokenService.TokenActor caller = tokens.authenticate(secret);
                assertEquals(mandataire.accountId(), caller.actor().accountId());
                assertEquals(Long.valueOf(company), caller.actor().organizationId());
                assertTrue(caller.may(ApiScope.READ));
                assertFalse(caller.may(ApiScope.WRITE));

                // revoked from the page (confirmed): refused at once
                ui.click("token-revoke-" + token.id());
                ui.await(By.cssSelector("vaadin-confirm-dialog[opened], vaadin-confirm-dialog-overlay[opened]"));
                ui.await(By.cssSelector("vaadin-button[slot='confirm-button']")).click();
                ui.await(By.cssSelector("#token-state-" + token.id() + "[data-state='REVOKED']"));
                ui.awaitGone(By.id("token-revoke-" + token.id()));
                try {
                    tokens.authenticate(secret);
                    fail("a revoked token still authenticates");
                } catch (AccessDeniedException expected) {
                    assertEquals("token.invalid", expected.code());
                }

                // the language of the mails
                ui.await(By.cssSelector("#mail-language vaadin-select-value-button")).click();
                ui.await(By.xpath("//vaadin-select-item[normalize-space(.)='English']")).click();
                ui.awaitText("mail-language-status", "écrits en anglais");
                assertEquals("en", identity.language(mandataire));

                // R-01: the mandataire reaches the company's webhooks from the company page
                ui.click("nav-company");
                ui.click("company-webhooks");
                ui.awaitPath("/entreprise/webhooks");
                String url = receiver.url();
                ui.type("webhook-url", url);
                ui.type("webhook-description", "Recette");
                ui.pick("webhook-events", "chapter.returned");
                ui.pick("webhook-events", "decision.taken");
                assertFalse("ping is not subscribable", ui.text("webhook-events").contains("(ping)"));
                ui.click("webhook-register");
                String signingSecret = eventually("the signing secret shown", () -> Optional.ofNullable(ui.valueOf("webhook-secret"))
                        .filter(v -> !v.isBlank()));
                assertTrue(signingSecret, signingSecret.startsWith("whsec_"));
                assertTrue(ui.text("webhook-secret-panel"), ui.text("webhook-secret-panel").contains("Guichets-Signature"));
                List<WebhookEndpoint> endpoints = webhooks.endpoints(mandataire, company);
                assertEquals(1, endpoints.size());
                WebhookEndpoint endpoint = endpoints.get(0);
                assertEquals(url, endpoint.url());
                assertEquals(Set.of(WebhookEvent.CHAPTER_RETURNED, WebhookEvent.DECISION_TAKEN), endpoint.events());
                ui.await(By.cssSelector("#webhook-state-" + endpoint.id() + "[data-state='ENABLED']"));
                assertEquals("webhooks page", List.of(), Axe.seriousViolations(driver));

                // a test while the receiver fails: the failure shows in the page without a reload
                ui.click("webhook-ping-" + endpoint.id());
                WebhookDelivery ping = eventually("the ping attempted", () -> webhooks.deliveries(mandataire, endpoint.id(), 0, 10)
                        .items().stream().filter(d -> d.event() == WebhookEvent.PING && d.attempts() > 0).findFirst());
                assertEquals(Integer.valueOf(500), ping.responseStatus());
                ui.awaitText("delivery-result-" + ping.id(), "HTTP 500");
                ui.await(By.cssSelector("#webhook-failures-" + endpoint.id() + "[data-failures='1']"));
                ui.await(By.xpath("//vaadin-grid-cell-content[contains(., 'receiver down for maintenance')]"));
                assertEquals("ping", hooks.get(0).event());

                // the receiver back: the delivery replayed, received signed with the secret shown
                receiver.answer(200);
                ui.click("delivery-replay-" + ping.id());
                WebhookDelivery replay = eventually("the replay delivered", () -> webhooks.deliveries(mandataire, endpoint.id(), 0, 10)
                        .items().stream().filter(d -> Long.valueOf(ping.id()).equals(d.replayOf())
                                && d.status() == WebhookDelivery.Status.DELIVERED).findFirst());
                assertEquals(ping.eventId(), replay.eventId());
                HookReceiver.Hook received = hooks.stream().filter(h -> String.valueOf(replay.id()).equals(h.delivery())).findFirst()
                        .orElseThrow(() -> new AssertionError("the receiver did not get delivery " + replay.id() + ": " + hooks));
                assertEquals("ping", received.event());
                assertEquals(replay.payload(), received.body());
                assertTrue(received.body(), received.body().contains(ping.eventId()));
                Matcher signature = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})").matcher(received.signature());
                assertTrue(received.signature(), signature.matches());
                assertEquals("signed with the secret the page showed", HookReceiver.hmac(signingSecret, signature.group(1) + "." + received.body()),
                        signature.group(2));
                assertTrue("signed just now", Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(signature.group(1))) < 300);
                ui.await(By.cssSelector("#delivery-status-" + replay.id() + "[data-status='DELIVERED']"));
                ui.awaitText("delivery-result-" + replay.id(), "HTTP 200");
                ui.await(By.cssSelector("#webhook-failures-" + endpoint.id() + "[data-failures='0']"));
                ui.screenshot("15-webhooks");

                // in English by the switch, the page drawn again
                ui.click("language-switch");
                ui.awaitText("webhook-state-" + endpoint.id(), "enabled");
                ui.awaitText("delivery-status-" + replay.id(), "delivered");
                ui.click("language-switch");
                ui.awaitText("webhook-state-" + endpoint.id(), "activé");
                assertEquals("the mails follow the language the portal is read in", "fr", identity.language(mandataire));

                // R-01: a salarié sees the tokens link, not the company's, and is refused the webhooks
                ui.click("sign-out");
                ui.await(By.id("sign-in-link"));
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as(SALARIE, passwords.get(SALARIE));
                ui.awaitText("signed-in-as", "Dominique Démo");
                ui.await(By.id("nav-tokens"));
                assertTrue(driver.findElements(By.id("nav-company")).isEmpty());
                driver.get(base + "/entreprise/webhooks");
                ui.awaitText("webhooks-refused", "Vous n'avez pas le droit de faire cela.");
                assertTrue(driver.findElements(By.id("webhook-url")).stream().noneMatch(org.openqa.selenium.WebElement::isDisplayed));
                assertTrue(driver.findElements(By.id("webhook-" + endpoint.id())).isEmpty());
                try {
                    webhooks.endpoints(salarie, company);
                    fail("the service let a salarié read the company's webhooks");
                } catch (AccessDeniedException expected) {
                    // the service refuses as the page does
                }
            } finally {
                driver.quit();
            }
        } finally {
            receiver.close();
        }
    }

    /** The demo accounts' passwords, from the file the demo run writes. */
    private static Map<String, String> demoPasswords(Path work) throws InterruptedException {
        Path file = work.resolve("data").resolve("demo-credentials.txt");
        String text = eventually("the demo accounts", () -> {
            try {
                return Files.isRegularFile(file) ? Optional.of(Files.readString(file)).filter(t -> t.contains(SALARIE))
                        : Optional.empty();
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
        return text.lines().filter(l -> !l.startsWith("#") && l.contains(" ")).map(l -> l.split(" ", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1].strip()));
    }
}
