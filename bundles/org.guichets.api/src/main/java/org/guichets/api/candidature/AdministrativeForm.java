package org.guichets.api.candidature;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichets.api.error.FieldError;

/**
 * The administrative form of a candidature (step 1, R-09 to R-12) as it stands.
 *
 * @param candidatureNumber the candidature
 * @param state where the step stands
 * @param values the values by field id; pre-filled from the company's record when it first opens
 * @param profiles the profiles chosen
 * @param profilesFrozen whether the profiles can no longer change (the form was validated)
 * @param completionPercent how complete it is, 0 to 100: required fields filled over required fields
 * @param missing what blocks its submission, by field (required and empty, or invalid)
 * @param fieldComments the reviewer's comments by field, when returned
 * @param reviewerMessage the reviewer's general comment, when returned, or {@code null}
 * @param version optimistic-locking version, to pass back with a change
 */
public record AdministrativeForm(String candidatureNumber, StepState state, Map<String, String> values,
        Set<String> profiles, boolean profilesFrozen, int completionPercent, List<FieldError> missing,
        Map<String, String> fieldComments, String reviewerMessage, long version) {

    public AdministrativeForm {
        values = Map.copyOf(values);
        profiles = Set.copyOf(profiles);
        missing = List.copyOf(missing);
        fieldComments = Map.copyOf(fieldComments);
    }

    /** Whether the candidate may change it now. */
    public boolean editable() {
        return state == StepState.IN_PROGRESS || state == StepState.RETURNED;
    }
}
