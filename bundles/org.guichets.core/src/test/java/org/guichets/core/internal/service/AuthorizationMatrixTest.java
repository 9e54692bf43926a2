package org.guichets.core.internal.service;

import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.catalog.Product;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.Organization;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

/**
 * Role × operation × foreign organisation, checked in the services (R-01, R-12 and the agency's
 * roles): every cell is run, and every cell that answers otherwise than the table is reported.
 */
public class AuthorizationMatrixTest extends ServiceTestBase {

    private static final String[] ROLES = {"mandataire", "responsable", "salarie-on-product", "salarie-off-product",
            "reviewer", "committee", "admin", "foreign-mandataire"};

    /** Y allowed, N refused; columns in the order of {@link #ROLES}. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("read product", "YYYNYYYN");
        EXPECTED.put("update product", "YYYNNNNN");
        EXPECTED.put("add collaborator", "YYYNNNNN");
        EXPECTED.put("create candidature", "YYYNNNNN");
        EXPECTED.put("read candidature", "YYYNYYYN");
        EXPECTED.put("list candidatures", "YYYNYYYN");
        EXPECTED.put("read organization", "YYYYYYYN");
        EXPECTED.put("update organization", "YYNNNNNN");
        EXPECTED.put("approve join request", "YYNNNNYN");
        EXPECTED.put("read candidature history", "YYYNYYYN");
        EXPECTED.put("verify audit trail", "NNNNNNYN");
        EXPECTED.put("save form", "YYYNNNNN");
        EXPECTED.put("return submitted form", "NNNNYNNN");
        EXPECTED.put("upload evidence", "YYYNNNNN");
        EXPECTED.put("download evidence", "YYYNYYYN");
        EXPECTED.put("post message", "YYYNYYYN");
        EXPECTED.put("read work queue", "NNNNYYNN");
    }

    private Actor mandataire;

    /** A candidature of the product whose form is validated (ELU): its evidence step is open. */
    private String evidenceOpen(Actor reviewer) {
        String n = f.candidatures.create(mandataire, product.id(), "edc-psc", "editeur").number();
        org.guichets.api.candidature.AdministrativeForm form = f.forms.get(mandataire, n);
        form = f.forms.save(mandataire, n, form.version(), java.util.Map.of("profiles", "ELP", "plannedDeposit", "2027-03-31"));
        form = f.forms.submit(mandataire, n, form.version());
        f.forms.validate(reviewer, n, form.version());
        return n;
    }
    private Product product;
    private Candidature candidature;
    private String siret;
    private int joins;

    @Test
    public void everyRoleMayDoExactlyWhatTheTableSays() {
        mandataire = f.company("Acme");
        Actor responsable = f.member(mandataire, OrganizationRole.RESPONSABLE);
        Actor salarieOn = f.member(mandataire, OrganizationRole.SALARIE);
        Actor salarieOff = f.member(mandataire, OrganizationRole.SALARIE);
        product = f.product(mandataire, "Agenda");
        f.products.addCollaborator(mandataire, product.id(), salarieOn.accountId());
        candidature = f.candidatures.create(mandataire, product.id(), "edc-psc", "editeur");
        siret = f.identity.organization(mandataire, mandataire.organizationId()).siret().value();
        Actor[] actors = {mandataire, responsable, salarieOn, salarieOff, f.staff(PlatformRole.REVIEWER),
                f.staff(PlatformRole.COMMITTEE), f.staff(PlatformRole.ADMIN), f.company("Concurrent")};

        Map<String, Consumer<Actor>> ops = new LinkedHashMap<>();
        ops.put("read product", a -> f.products.get(a, product.id()));
        ops.put("update product", a -> f.products.update(a, product.id(), f.products.get(mandataire, product.id()).version(),
                Fixture.draft("Agenda", mandataire.accountId())));
        ops.put("add collaborator", a -> f.products.addCollaborator(a, product.id(), responsable.accountId()));
        ops.put("create candidature", a -> f.candidatures.create(a, product.id(), "edc-psc", "editeur"));
        ops.put("read candidature", a -> f.candidatures.get(a, candidature.number()));
        ops.put("list candidatures", a -> {
            if (f.candidatures.list(a, null, 0, 10).total() == 0) {
                throw new NotFoundException("candidature", "any");
            }
        });
        ops.put("read organization", a -> f.identity.organization(a, mandataire.organizationId()));
        ops.put("update organization", a -> {
            Organization o = f.identity.organization(mandataire, mandataire.organizationId());
            f.identity.updateOrganization(a, o.id(), o.version(),
                    new NewOrganization(o.legalName(), o.siret().value(), o.legalFormCode(), o.headOffice(), o.legalRepresentative()));
        });
        ops.put("approve join request", a -> {
            Account pending = f.identity.requestToJoin(siret, new NewAccount("join" + (++joins) + "@acme.fr", "Join",
                    Fixture.PASSWORD.toCharArray(), OrganizationRole.SALARIE));
            f.identity.approve(a, pending.id());
        });
        ops.put("read candidature history", a -> f.audit.history(a, "candidature", candidature.number()));
        ops.put("verify audit trail", a -> f.audit.verify(a));
        ops.put("save form", a -> f.forms.save(a, candidature.number(), f.forms.get(mandataire, candidature.number()).version(),
                java.util.Map.of("plannedDeposit", "2027-03-31")));
        ops.put("return submitted form", a -> {
            String n = f.candidatures.create(mandataire, product.id(), "edc-psc", "editeur").number();
            org.guichets.api.candidature.AdministrativeForm form = f.forms.get(mandataire, n);
            form = f.forms.save(mandataire, n, form.version(), java.util.Map.of("profiles", "ELP", "plannedDeposit", "2027-03-31"));
            form = f.forms.submit(mandataire, n, form.version());
            f.forms.returnToCandidate(a, n, form.version(), java.util.Map.of(), "À compléter");
        });
        String open = evidenceOpen(actors[4]);
        long[] fileId = new long[1];
        ops.put("upload evidence", a -> {
            try {
                fileId[0] = f.evidence.upload(a, open, "prerequis", "PMT.01", "doc", "capture.pdf",
                        new java.io.ByteArrayInputStream(EvidenceServiceTest.PDF)).id();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ops.put("download evidence", a -> {
            try (java.io.InputStream in = f.evidence.open(a, open, fileId[0])) {
                in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ops.put("post message", a -> f.conversations.post(a, candidature.number(), "Bonjour"));
        ops.put("read work queue", a -> f.queue.queue(a, org.guichets.api.candidature.QueueFilter.all(), 0, 10));

        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Consumer<Actor>> op : ops.entrySet()) {
            String row = EXPECTED.get(op.getKey());
            for (int i = 0; i < actors.length; i++) {
                boolean expected = row.charAt(i) == 'Y';
                boolean allowed;
                try {
                    op.getValue().accept(actors[i]);
                    allowed = true;
                } catch (AccessDeniedException | NotFoundException refused) {
                    allowed = false;
                }
                if (allowed != expected) {
                    mismatches.add(op.getKey() + " by " + ROLES[i] + ": " + (allowed ? "allowed" : "refused")
                            + ", expected " + (expected ? "allowed" : "refused"));
                }
            }
        }
        assertTrue(String.join("\n", mismatches), mismatches.isEmpty());
        assertTrue("every refusal left the audit trail intact", f.audit.verify(Actor.system()).intact());
    }
}
