package org.guichets.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demonstration accounts, created only when the platform runs with {@code guichets.demo=true}
 * (the launcher's {@code --demo}): an administrator, a reviewer, a committee member and a vendor
 * company with its mandataire, a salarié and a product. Their passwords are drawn at random the
 * first time and written to {@code <data>/demo-credentials.txt} (readable by the owner only); the
 * repository holds none.
 */
@Component(immediate = true, service = DemoData.class)
public final class DemoData {

    static final String FILE = "demo-credentials.txt";
    /** A SIRET valid by its check digit and assigned to no company. */
    static final String DEMO_SIRET = "99999999800001";
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    @Activate
    public DemoData(BundleContext context, @Reference IdentityService identity, @Reference ProductService products) {
        if (!Boolean.parseBoolean(context.getProperty("guichets.demo"))) {
            return;
        }
        String data = context.getProperty("guichets.data.dir");
        if (data == null) {
            LOG.warn("Demo mode asked for, but guichets.data.dir is not set: no demo accounts");
            return;
        }
        create(Path.of(data), identity, products);
    }

    /** Creates the demo accounts unless the credentials file says they exist; returns the passwords by email. */
    static Map<String, String> create(Path dataDir, IdentityService identity, ProductService products) {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            LOG.warn("DEMO MODE: demo accounts already created; their passwords are in {}", file);
            return Map.of();
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        for (String email : new String[] {"admin@demo.guichets.test", "instructeur@demo.guichets.test",
                "college@demo.guichets.test", "mandataire@demo.guichets.test", "salarie@demo.guichets.test"}) {
            passwords.put(email, password(random));
        }
        identity.createStaffAccount(Actor.system(), account("admin@demo.guichets.test", "Administratrice Démo", passwords),
                Set.of(PlatformRole.ADMIN));
        identity.createStaffAccount(Actor.system(), account("instructeur@demo.guichets.test", "Instructeur Démo", passwords),
                Set.of(PlatformRole.REVIEWER));
        identity.createStaffAccount(Actor.system(), account("college@demo.guichets.test", "Collège Démo", passwords),
                Set.of(PlatformRole.COMMITTEE));
        Account mandataire = identity.registerOrganization(
                new NewOrganization("Démo Santé SAS", DEMO_SIRET, "5710", new Address("1 place de la Démo", "75001", "Paris", "FR"),
                        "Camille Démo"),
                account("mandataire@demo.guichets.test", "Camille Démo", passwords));
        Actor m = Actor.of(mandataire);
        Account pending = identity.requestToJoin(DEMO_SIRET, new NewAccount("salarie@demo.guichets.test", "Dominique Démo",
                passwords.get("salarie@demo.guichets.test").toCharArray(), OrganizationRole.SALARIE));
        identity.approve(m, pending.id());
        products.create(m, new ProductDraft("Agenda Démo", "1.0", null, mandataire.id(),
                "Agenda partagé pour les professionnels de santé (démonstration)", null,
                Set.of(SchemeInterest.ESPACE_DE_CONFIANCE_PSC)));
        StringBuilder text = new StringBuilder("# Guichets demonstration accounts: for trying the portal, never for real use.\n");
        passwords.forEach((email, pw) -> text.append(email).append(' ').append(pw).append('\n'));
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the data folder's own protection applies
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        LOG.warn("DEMO MODE: demonstration accounts created; their passwords are in {}", file);
        return passwords;
    }

    private static NewAccount account(String email, String name, Map<String, String> passwords) {
        return new NewAccount(email, name, passwords.get(email).toCharArray(), null);
    }

    private static String password(SecureRandom random) {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
