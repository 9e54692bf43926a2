package org.guichets.api.candidature;

import java.util.Map;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The administrative form (step 1, R-08 to R-12): the candidate fills and submits it, a reviewer
 * returns it with comments or validates it, which freezes the profiles and opens the evidence
 * step. Thread-safe; each call one transaction, audited; refusals store nothing.
 */
@ProviderType
public interface FormService {

    /** The form, pre-filled from the company's and the product's records when first opened. */
    AdministrativeForm get(Actor actor, String candidatureNumber);

    /**
     * Saves values as a draft: only the fields given change; an empty value clears a field. Each
     * given value is checked against its field's type; required fields may stay empty until
     * submission. The profiles are the field of type {@code profiles}, codes separated by commas.
     *
     * @throws org.guichets.api.error.ValidationException listing every refused field
     * @throws org.guichets.api.error.ConflictException if the form changed since {@code expectedVersion}
     * @throws org.guichets.api.error.InvalidTransitionException if the form is submitted or validated
     */
    AdministrativeForm save(Actor actor, String candidatureNumber, long expectedVersion, Map<String, String> values);

    /**
     * Sends the form to the agency.
     *
     * @throws org.guichets.api.error.ValidationException naming every required field still empty or invalid
     */
    AdministrativeForm submit(Actor actor, String candidatureNumber, long expectedVersion);

    /** A reviewer sends a submitted form back, with comments by field and a general comment. */
    AdministrativeForm returnToCandidate(Actor actor, String candidatureNumber, long expectedVersion,
            Map<String, String> fieldComments, String message);

    /** A reviewer validates a submitted form: the profiles freeze and the evidence step opens. */
    AdministrativeForm validate(Actor actor, String candidatureNumber, long expectedVersion);
}
