package org.guichets.edcpsc.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichets.api.LocalizedText;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.guichets.api.check.EvidenceCheck;
import org.guichets.api.deliverable.DeliverableVerifier;
import org.guichets.api.deliverable.Expectation;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.deliverable.Verification;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * an editor habilitation uploaded on the Opérateur desk is verified by its digital signature
 * and against the habilitation registry: the profile the requirement asks for, in validity, not
 * revoked, and — for the software the candidature operates — the same software: the name the
 * operator's form declares (pre-filled from its product; an operator that is not the editor may
 * have named its product otherwise).
 *
 * <table>
 * <caption>What each piece must be</caption>
 * <tr><th>evidence</th><th>profile</th><th>software</th></tr>
 * <tr><td>hab-elu</td><td>ELU</td><td>the candidature's</td></tr>
 * <tr><td>hab-elp</td><td>ELP</td><td>the candidature's, unless it also operates user software (OpSU): then its proxy</td></tr>
 * <tr><td>hab-opsp</td><td>OpSP</td><td>the proxy's operator's: any</td></tr>
 * </table>
 */
@Component(service = EvidenceCheck.class,
        property = {EvidenceCheck.DISPOSITIF + "=edc-psc", EvidenceCheck.EVIDENCE_KINDS + "=HABILITATION"})
public final class HabilitationCheck implements EvidenceCheck {

    static final String NAME = "habilitation-signature";
    static final int MAX_BYTES = 20 * 1024 * 1024;

    private final DeliverableVerifier verifier;

    @Activate
    public HabilitationCheck(@Reference DeliverableVerifier verifier) {
        this.verifier = verifier;
    }

    /** What the habilitation deposited as {@code file} must be. */
    static Expectation expected(CheckedFile file) {
        // the software the candidate declares on its form (its product's name unless it changed it)
        String software = declared(file, "softwareName", file.softwareName());
        return switch (file.evidenceId()) {
            case "hab-elu" -> new Expectation("habilitation", "edc-psc", Set.of("ELU"), software, null);
            case "hab-elp" -> new Expectation("habilitation", "edc-psc", Set.of("ELP"),
                    file.profiles().contains("OpSU") ? null : software, null);
            case "hab-opsp" -> new Expectation("habilitation", "edc-psc", Set.of("OpSP"), null, null);
            default -> new Expectation("habilitation", "edc-psc", Set.of(), null, null);
        };
    }

    /** A form value, or {@code fallback} when the form has none. */
    static String declared(CheckedFile file, String field, String fallback) {
        String v = file.formValues().get(field);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public CheckResult check(CheckedFile file, InputStream content) throws Exception {
        byte[] pdf = content.readNBytes(MAX_BYTES + 1);
        Expectation expected = expected(file);
        Verification v = pdf.length > MAX_BYTES ? null : verifier.verify(pdf, expected);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("expectedProfiles", String.join(",", expected.profiles()));
        if (expected.softwareName() != null) {
            facts.put("expectedSoftware", expected.softwareName());
        }
        if (v == null) {
            return new CheckResult(NAME, CheckResult.Outcome.FAILED, Texts.of("Le fichier dépasse 20 Mo : ce n'est pas une habilitation.",
                    "The file is over 20 MB: it is not a habilitation."), List.of(), facts);
        }
        facts.put("outcome", v.outcome().name());
        IssuedDeliverable d = v.deliverable();
        if (d != null) {
            facts.put("id", d.id());
            facts.put("profiles", String.join(",", d.profiles()));
            facts.put("software", d.softwareName());
            facts.put("version", d.softwareVersion());
            facts.put("organization", d.organizationName());
            facts.put("nru", d.nru());
            facts.put("status", d.status().name());
            if (d.expiresAt() != null) {
                facts.put("expiresAt", d.expiresAt().toString());
            }
        }
        if (v.signer() != null) {
            facts.put("signer", v.signer());
        }
        if (v.valid()) {
            String until = d.expiresAt() == null ? "" : Texts.fr(d.expiresAt().atZone(Texts.AGENCY_ZONE).toLocalDate());
            String untilEn = d.expiresAt() == null ? "" : Texts.en(d.expiresAt().atZone(Texts.AGENCY_ZONE).toLocalDate());
            return new CheckResult(NAME, CheckResult.Outcome.PASSED,
                    Texts.of("Habilitation " + d.id() + " valide jusqu'au " + until + " : " + String.join(", ", d.profiles())
                                    + ", " + d.softwareName() + " " + d.softwareVersion() + " (" + d.organizationName() + ").",
                            "Habilitation " + d.id() + " valid until " + untilEn + ": " + String.join(", ", d.profiles())
                                    + ", " + d.softwareName() + " " + d.softwareVersion() + " (" + d.organizationName() + ")."),
                    List.of(), facts);
        }
        List<LocalizedText> details = new ArrayList<>();
        switch (v.outcome()) {
            case WRONG_PROFILE -> details.add(Texts.of(
                    "Profil attendu : " + String.join(", ", expected.profiles()) + " ; l'habilitation couvre : "
                            + (d == null ? "?" : String.join(", ", d.profiles())) + ".",
                    "Profile expected: " + String.join(", ", expected.profiles()) + "; the habilitation covers: "
                            + (d == null ? "?" : String.join(", ", d.profiles())) + "."));
            case WRONG_SOFTWARE -> details.add(Texts.of(
                    "Logiciel attendu : " + expected.softwareName() + " ; l'habilitation concerne : " + (d == null ? "?" : d.softwareName()) + ".",
                    "Software expected: " + expected.softwareName() + "; the habilitation is for: " + (d == null ? "?" : d.softwareName()) + "."));
            case EXPIRED -> details.add(Texts.of("Elle a expiré le " + (d == null || d.expiresAt() == null ? "?"
                            : Texts.fr(d.expiresAt().atZone(Texts.AGENCY_ZONE).toLocalDate())) + ".",
                    "It expired on " + (d == null || d.expiresAt() == null ? "?"
                            : Texts.en(d.expiresAt().atZone(Texts.AGENCY_ZONE).toLocalDate())) + "."));
            case REVOKED -> details.add(Texts.of("Motif de la révocation : " + (d == null ? "?" : d.revocationReason()) + ".",
                    "Reason for the revocation: " + (d == null ? "?" : d.revocationReason()) + "."));
            default -> {
                if (v.detail() != null) {
                    details.add(Texts.of("Détail technique : " + v.detail(), "Technical detail: " + v.detail()));
                }
            }
        }
        LocalizedText summary = Texts.of(v.message(Locale.FRENCH), v.message(Locale.ENGLISH));
        return new CheckResult(NAME, CheckResult.Outcome.FAILED, summary, details, facts);
    }
}
