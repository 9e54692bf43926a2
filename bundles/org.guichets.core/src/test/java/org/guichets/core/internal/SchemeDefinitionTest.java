package org.guichets.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.guichets.api.Chapter;
import org.guichets.api.Deliverable;
import org.guichets.api.Dispositif;
import org.guichets.api.EvidenceKind;
import org.guichets.api.FieldType;
import org.guichets.api.FormField;
import org.guichets.api.Guichet;
import org.guichets.api.PluginOrigin;
import org.guichets.api.Requirement;
import org.junit.BeforeClass;
import org.junit.Test;

/** A scheme declared as data: form, chapters by profile, requirements, evidence, deliverables. */
public class SchemeDefinitionTest {

    private static final PluginOrigin ORIGIN = new PluginOrigin(1, "p", "1", "l");
    private static DescriptorReader reader;
    private static String full;

    @BeforeClass
    public static void load() throws Exception {
        reader = new DescriptorReader();
        try (InputStream in = SchemeDefinitionTest.class.getResourceAsStream("/descriptors/full.json")) {
            full = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Guichet editeur(String json) throws DescriptorException {
        Dispositif d = reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ORIGIN);
        return d.guichet("editeur").orElseThrow();
    }

    private static String reason(String json) {
        return assertThrows(DescriptorException.class, () -> editeur(json)).getMessage();
    }

    @Test
    public void R09_R10_theFormKeepsItsFieldsAndConditions() throws Exception {
        Guichet g = editeur(full);
        assertEquals(List.of("companyName", "siret", "legalForm", "softwareName", "softwareVersion", "nie", "nil",
                "plannedDeposit", "contactEmail", "architecture", "profiles"), g.fields().stream().map(FormField::id).toList());
        FormField nie = g.fields().get(5);
        assertFalse(nie.requiredFor(Set.of("ELP")));
        assertTrue("R-10: NIE required with ELU", nie.requiredFor(Set.of("ELU")));
        assertTrue(nie.requiredFor(Set.of("ELU", "ELP")));
        assertEquals(FieldType.SIRET, g.fields().get(1).type());
        assertEquals(FieldType.LEGAL_FORM, g.fields().get(2).type());
        assertEquals("organization.siret", g.fields().get(1).prefill());
        assertEquals(2, g.fields().get(9).options().size());
    }

    @Test
    public void R15_chaptersFollowTheChosenProfilesAndACommonChapterAppearsOnce() throws Exception {
        Guichet g = editeur(full);
        assertEquals(List.of("prerequis", "intrusion"), ids(g.chaptersFor(Set.of("ELU"))));
        assertEquals(List.of("prerequis", "outil", "intrusion"), ids(g.chaptersFor(Set.of("ELP"))));
        assertEquals(List.of("prerequis", "outil", "intrusion"), ids(g.chaptersFor(Set.of("ELU", "ELP"))));
        Chapter prerequis = g.chapter("prerequis").orElseThrow();
        assertEquals(List.of("PMT.01"), refs(prerequis.requirementsFor(Set.of("ELU"))));
        assertEquals("both profiles' requirements in the one chapter", List.of("PMT.01", "PMT.02"),
                refs(prerequis.requirementsFor(Set.of("ELU", "ELP"))));
        Requirement pmt2 = prerequis.requirements().get(1);
        assertFalse(pmt2.mandatory());
        assertTrue(pmt2.evidence().get(0).optional());
        assertEquals(Set.of("application/pdf"), pmt2.evidence().get(0).mediaTypes());
    }

    @Test
    public void R16_aRequirementMayExpectSeveralKindsOfEvidence() throws Exception {
        Requirement ti = editeur(full).chapter("intrusion").orElseThrow().requirements().get(0);
        assertEquals(List.of(EvidenceKind.PEN_TEST_FORM, EvidenceKind.DOCUMENT), ti.evidence().stream().map(e -> e.kind()).toList());
    }

    @Test
    public void R18_R21_deliverablesAndTheirTriggers() throws Exception {
        List<Deliverable> d = editeur(full).deliverables();
        assertEquals("prerequis", d.get(0).chapterValidated());
        assertEquals(Period.ofMonths(3), d.get(0).validity());
        assertNull(d.get(1).chapterValidated());
        assertTrue(d.get(1).onFavourableDecision());
        assertEquals(Period.ofYears(3), d.get(1).validity());
    }

    @Test
    public void refusesAFieldDeclaredTwice() {
        assertEquals("field 'siret' is declared twice in the form of guichet 'editeur'",
                reason(full.replace("\"id\": \"legalForm\", \"label\"", "\"id\": \"siret\", \"label\"")));
    }

    @Test
    public void refusesAnUnknownProfile() {
        assertTrue(reason(full.replace("\"requiredWhenProfiles\": [\"ELU\"]}", "\"requiredWhenProfiles\": [\"XYZ\"]}"))
                .contains("names profile 'XYZ'"));
    }

    @Test
    public void refusesARequirementOutsideItsChapterProfiles() {
        String json = full.replace("\"order\": 2, \"profiles\": [\"ELP\"],", "\"order\": 2, \"profiles\": [\"ELP\"],")
                .replace("{\"ref\": \"OC.01\", \"statement\": {\"fr\": \"Rapport de l'outil\"}, \"level\": \"must\",",
                        "{\"ref\": \"OC.01\", \"statement\": {\"fr\": \"Rapport de l'outil\"}, \"level\": \"must\", \"profiles\": [\"ELU\"],");
        assertEquals("requirement 'OC.01' names profiles outside its chapter 'outil'", reason(json));
    }

    @Test
    public void refusesADeliverableWaitingForAnUnknownChapter() {
        assertTrue(reason(full.replace("\"chapterValidated\": \"prerequis\"", "\"chapterValidated\": \"nowhere\""))
                .contains("waits for chapter 'nowhere'"));
    }

    private static String withContent(String line) {
        return full.replace("\"trigger\": {\"decision\": \"favourable\"}, \"validity\": \"P3Y\"}",
                "\"trigger\": {\"decision\": \"favourable\"}, \"validity\": \"P3Y\", \"content\": [" + line + "]}");
    }

    @Test
    public void r21ADeliverableStatesLinesFromDeclaredFieldsAndChaptersOnly() throws Exception {
        String ok = withContent("{\"label\": {\"fr\": \"Version\"}, \"source\": \"product.version\"},"
                + " {\"label\": {\"fr\": \"Tests\"}, \"source\": \"chapter.prerequis.validatedAt\"},"
                + " {\"label\": {\"fr\": \"Lieu\"}, \"text\": {\"fr\": \"Paris\"}}");
        Deliverable h = editeur(ok).deliverables().get(1);
        assertEquals(3, h.content().size());
        assertEquals("chapter.prerequis.validatedAt", h.content().get(1).source());
        assertEquals("Paris", h.content().get(2).text().get(java.util.Locale.FRENCH));
        assertTrue(reason(withContent("{\"label\": {\"fr\": \"X\"}, \"source\": \"form.nowhere\"}"))
                .contains("states form field 'nowhere'"));
        assertTrue(reason(withContent("{\"label\": {\"fr\": \"X\"}, \"source\": \"chapter.nowhere.validatedAt\"}"))
                .contains("chapter 'nowhere'"));
        assertTrue(reason(withContent("{\"label\": {\"fr\": \"X\"}, \"source\": \"password\"}"))
                .contains("breaks the schema"));
        assertTrue(reason(withContent("{\"label\": {\"fr\": \"X\"}}")).contains("breaks the schema"));
    }

    @Test
    public void refusesASelectWithoutOptionsAndABadPattern() {
        assertTrue(reason(full.replace("\"type\": \"date\", \"required\": true}", "\"type\": \"select\"}"))
                .contains("has no options"));
        assertTrue(reason(full.replace("\"type\": \"date\", \"required\": true}", "\"type\": \"text\", \"pattern\": \"([a-z\"}"))
                .contains("invalid pattern"));
    }

    @Test
    public void refusesABadValidityPeriod() {
        assertTrue(reason(full.replace("\"P3M\"", "\"three months\"")).contains("/validity"));
    }

    private static List<String> ids(List<Chapter> chapters) {
        return chapters.stream().map(Chapter::id).toList();
    }

    private static List<String> refs(List<Requirement> requirements) {
        return requirements.stream().map(Requirement::ref).toList();
    }
}
