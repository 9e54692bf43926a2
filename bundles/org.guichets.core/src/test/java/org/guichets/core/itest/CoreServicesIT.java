package org.guichets.core.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.guichets.api.DeploymentState;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.core.testing.TestBundles;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The core's services in a real Felix: EclipseLink, the connection pool and the migrations run
 * inside the bundle, DS wires the services, and a journey goes from sign-up to a candidature on a
 * scheme deployed as a plugin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreServicesIT extends ContainerTestBase {

    @Test
    public void aCompanyAppliesToASchemeDeployedAsAPlugin() throws Exception {
        IdentityService identity = service(IdentityService.class);
        ProductService products = service(ProductService.class);
        CandidatureService candidatures = service(CandidatureService.class);
        AuditTrail audit = service(AuditTrail.class);
        DispositifRegistry registry = service(DispositifRegistry.class);

        Bundle plugin = install("scheme", TestBundles.plugin("it.scheme",
                TestBundles.descriptor("it-scheme", "Dispositif", "editeur", "Guichet Editeur")).build());
        plugin.start();
        eventually("scheme deployed", () -> registry.find("it-scheme").filter(d -> d.state() == DeploymentState.ACTIVE));

        Account m = identity.registerOrganization(
                new NewOrganization("Acme Santé", "73282932000074", "5710", new Address("1 rue", "75001", "Paris", "FR"), "J. M."),
                new NewAccount("it@acme.fr", "Jeanne", "a long enough password".toCharArray(), null));
        Actor actor = identity.authenticate("it@acme.fr", "a long enough password".toCharArray());
        Product p = products.create(actor, new ProductDraft("Agenda", "1.0", null, m.id(), "Agenda partagé", null, null));
        Candidature c = candidatures.create(actor, p.id(), "it-scheme", "editeur");
        assertTrue(c.number().matches("[A-Z]{10}"));
        assertEquals("v1", c.referentialVersion());
        assertEquals(c.number(), candidatures.get(actor, c.number()).number());
        assertTrue(audit.verify(Actor.system()).intact());
        assertEquals("the evidence store runs in its bundle", true,
                service(org.guichets.api.evidence.EvidenceStore.class) != null);
        assertEquals(org.guichets.api.candidature.StepState.LOCKED,
                service(org.guichets.api.candidature.EvidenceService.class).deposit(actor, c.number()).state());
    }
}
