package org.guichets.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.guichets.api.DeploymentState;
import org.guichets.api.Dispositif;
import org.guichets.api.Guichet;
import org.guichets.api.PluginOrigin;
import org.guichets.core.testing.TestBundles;
import org.junit.After;
import org.junit.Test;

/**
 * One scheme from several bundles: a base declares the dispositif, others contribute guichets
 * ({@code contributesTo}); the registry publishes the merged scheme, follows contributions as they
 * come and go, and refuses, with the reason, one that does not fit.
 */
public class ContributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DispositifRegistryImpl registry = new DispositifRegistryImpl();

    @After
    public void stop() throws InterruptedException {
        registry.deactivate();
    }

    private static PluginOrigin origin(long id, String name) {
        return new PluginOrigin(id, name, "1.0.0", "file:/deploy/" + name + ".jar");
    }

    private static byte[] base(int guichets) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(TestBundles.descriptor("edc", "Espace de Confiance", "editeur", "Guichet Editeur"));
        if (guichets == 0) {
            d.putArray("guichets");
        }
        return JSON.writeValueAsBytes(d);
    }

    /** A contribution of one guichet {@code id}, at {@code version}. */
    private static byte[] contribution(String id, String name, String version) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(TestBundles.descriptor("x", "X", id, name));
        ObjectNode c = JSON.createObjectNode();
        c.put("schemaVersion", "1.0");
        c.put("contributesTo", "edc");
        c.put("referentialVersion", version);
        c.set("guichets", d.get("guichets"));
        return JSON.writeValueAsBytes(c);
    }

    private void contribute(long bundle, String name, byte[] bytes) throws Exception {
        registry.contribute(origin(bundle, name), registry.reader().contribution(bytes));
    }

    private Dispositif edc() {
        return registry.find("edc").orElseThrow();
    }

    private List<String> guichets() {
        return edc().guichets().stream().map(Guichet::id).toList();
    }

    private Dispositif failedFrom(String bundle) {
        return registry.dispositifs().stream().filter(d -> d.origin().symbolicName().equals(bundle)).findFirst().orElseThrow();
    }

    @Test
    public void contributionsJoinTheirDispositifInBundleOrderAndLeaveWithTheirBundle() throws Exception {
        registry.publishDescriptor(base(0), origin(1, "org.guichets.edcpsc"));
        assertTrue(guichets().isEmpty());
        contribute(3, "org.guichets.edcpsc.operateur", contribution("operateur", "Guichet Opérateur", "v1"));
        contribute(2, "org.guichets.edcpsc.editeur", contribution("editeur", "Guichet Editeur", "v1"));
        assertEquals(List.of("editeur", "operateur"), guichets());
        assertEquals("one scheme, not three", 1, registry.dispositifs().size());
        assertEquals(DeploymentState.ACTIVE, edc().state());
        // the pinned referential is the merged one
        Dispositif pinned = registry.reader().read(registry.descriptor("edc", "v1").orElseThrow(), origin(0, "pin"));
        assertEquals(List.of("editeur", "operateur"), pinned.guichets().stream().map(Guichet::id).toList());

        registry.withdraw(3);
        assertEquals(List.of("editeur"), guichets());
        registry.withdraw(2);
        assertTrue(guichets().isEmpty());
    }

    @Test
    public void aContributionWaitsFailedForItsDispositifThenJoinsIt() throws Exception {
        contribute(2, "org.guichets.edcpsc.editeur", contribution("editeur", "Guichet Editeur", "v1"));
        Dispositif waiting = failedFrom("org.guichets.edcpsc.editeur");
        assertEquals(DeploymentState.FAILED, waiting.state());
        assertTrue(waiting.failureReason(), waiting.failureReason().contains("'edc', which is not deployed"));

        registry.publishDescriptor(base(0), origin(1, "org.guichets.edcpsc"));
        assertEquals(List.of("editeur"), guichets());
        assertEquals(List.of("edc"), registry.dispositifs().stream().map(Dispositif::id).toList());

        registry.withdraw(1);
        assertEquals(DeploymentState.FAILED, failedFrom("org.guichets.edcpsc.editeur").state());
        assertTrue(registry.find("edc").isEmpty());
    }

    @Test
    public void aContributionThatDoesNotFitIsRefusedWithItsReasonAndTheRestServes() throws Exception {
        registry.publishDescriptor(base(1), origin(1, "org.guichets.edcpsc"));
        contribute(2, "acme.duplicate", contribution("editeur", "Encore un éditeur", "v1"));
        contribute(3, "acme.v2", contribution("operateur", "Guichet Opérateur", "v2"));
        assertEquals(List.of("editeur"), guichets());
        assertTrue(failedFrom("acme.duplicate").failureReason(),
                failedFrom("acme.duplicate").failureReason().contains("guichet id 'editeur' is declared twice"));
        assertTrue(failedFrom("acme.v2").failureReason(),
                failedFrom("acme.v2").failureReason().contains("referential v2 of 'edc', but v1 is deployed"));
    }

    @Test
    public void aSecondBundleDeclaringTheSameDispositifTakesNoContributionAway() throws Exception {
        registry.publishDescriptor(base(0), origin(1, "org.guichets.edcpsc"));
        contribute(2, "org.guichets.edcpsc.editeur", contribution("editeur", "Guichet Editeur", "v1"));
        registry.publishDescriptor(base(0), origin(9, "copy.of.edcpsc"));
        assertEquals(DeploymentState.FAILED, failedFrom("copy.of.edcpsc").state());
        assertEquals(List.of("editeur"), guichets());
        assertEquals(1L, edc().origin().bundleId());
    }

    @Test
    public void whenItsDispositifFailsAContributionWaitsAgain() throws Exception {
        registry.publishDescriptor(base(0), origin(1, "org.guichets.edcpsc"));
        contribute(2, "org.guichets.edcpsc.editeur", contribution("editeur", "Guichet Editeur", "v1"));
        registry.publish(Dispositif.failed("edc", org.guichets.api.LocalizedText.french("edc"), origin(1, "org.guichets.edcpsc"), "activator threw"), null);
        assertTrue(failedFrom("org.guichets.edcpsc.editeur").failureReason().contains("which is not deployed"));
    }

    @Test
    public void aContributionIsNotADispositifOfItsOwn() throws Exception {
        byte[] c = contribution("editeur", "Guichet Editeur", "v1");
        DescriptorException e = org.junit.Assert.assertThrows(DescriptorException.class,
                () -> registry.reader().read(c, origin(2, "x")));
        assertTrue(e.getMessage(), e.getMessage().contains("contributes to dispositif 'edc'"));
        // and a descriptor cannot be both
        ObjectNode both = (ObjectNode) JSON.readTree(c);
        both.put("id", "edc");
        both.set("name", JSON.createObjectNode().put("fr", "Les deux"));
        DescriptorException schema = org.junit.Assert.assertThrows(DescriptorException.class,
                () -> registry.reader().contribution(JSON.writeValueAsBytes(both)));
        assertTrue(schema.getMessage(), schema.getMessage().contains("breaks the schema"));
        assertEquals("edc", registry.reader().contribution(c).dispositifId());
        assertEquals(null, registry.reader().contribution(base(1)));
        assertTrue(new String(c, StandardCharsets.UTF_8).contains("contributesTo"));
    }

    /** A contribution that adds one chapter {@code chapter} to guichet {@code guichet}. */
    private static byte[] extension(String guichet, String chapter) throws Exception {
        return ("{\"schemaVersion\": \"1.0\", \"contributesTo\": \"edc\", \"referentialVersion\": \"v1\", \"guichets\": [],"
                + " \"extensions\": [{\"guichet\": \"" + guichet + "\", \"chapters\": [{\"id\": \"" + chapter + "\","
                + " \"title\": {\"fr\": \"Hébergement\"}, \"profiles\": [], \"requirements\": [{\"ref\": \"ACME.01\","
                + " \"statement\": {\"fr\": \"Contrat\"}, \"level\": \"must\", \"evidence\": [{\"id\": \"contrat\","
                + " \"kind\": \"document\", \"label\": {\"fr\": \"Contrat\"}}]}]}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void aThirdPartyAddsAChapterToAGuichetAnotherBundleContributesWhateverTheirNamesOrder() throws Exception {
        registry.publishDescriptor(base(0), origin(1, "org.guichets.edcpsc"));
        // "com.acme" sorts before "org.guichets": extensions still merge after the guichets they extend
        contribute(5, "com.acme.hds", extension("editeur", "hebergement"));
        contribute(2, "org.guichets.edcpsc.editeur", contribution("editeur", "Guichet Editeur", "v1"));
        Guichet editeur = edc().guichet("editeur").orElseThrow();
        assertTrue(editeur.chapter("hebergement").isPresent());

        registry.withdraw(5);
        assertTrue(edc().guichet("editeur").orElseThrow().chapter("hebergement").isEmpty());
    }

    @Test
    public void anExtensionOfAnUndeclaredGuichetOrWithATakenChapterIdIsRefusedWithItsReason() throws Exception {
        registry.publishDescriptor(base(1), origin(1, "org.guichets.edcpsc"));
        contribute(5, "acme.nowhere", extension("nulle-part", "hebergement"));
        assertTrue(failedFrom("acme.nowhere").failureReason(), failedFrom("acme.nowhere").failureReason()
                .contains("it adds chapters to guichet 'nulle-part', which dispositif 'edc' does not declare"));
        contribute(6, "acme.first", extension("editeur", "hebergement"));
        contribute(7, "acme.second", extension("editeur", "hebergement"));
        assertEquals(DeploymentState.FAILED, failedFrom("acme.second").state());
        assertTrue(failedFrom("acme.second").failureReason(),
                failedFrom("acme.second").failureReason().contains("chapter 'hebergement' is declared twice"));
        assertTrue(edc().guichet("editeur").orElseThrow().chapter("hebergement").isPresent());
    }

    @Test
    public void extensionsBelongToContributionsOnly() throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(base(1));
        d.set("extensions", JSON.readTree(extension("editeur", "x")).get("extensions"));
        DescriptorException e = org.junit.Assert.assertThrows(DescriptorException.class,
                () -> registry.reader().read(JSON.writeValueAsBytes(d), origin(1, "x")));
        assertTrue(e.getMessage(), e.getMessage().contains("breaks the schema"));
    }
}
