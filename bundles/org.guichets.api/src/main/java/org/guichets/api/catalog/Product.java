package org.guichets.api.catalog;

import java.util.Set;

/**
 * A product of a company's catalogue. Immutable snapshot.
 *
 * @param id internal identifier
 * @param organizationId the company
 * @param name name
 * @param softwareVersion the software's version
 * @param nil NIL, or {@code null}
 * @param responsableId the responsible account
 * @param description description
 * @param certifications free text, or {@code null}
 * @param interests the schemes of interest
 * @param collaboratorIds the accounts that may act on the product besides the company's managers
 * @param version optimistic-locking version
 */
public record Product(long id, long organizationId, String name, String softwareVersion, String nil, long responsableId,
        String description, String certifications, Set<SchemeInterest> interests, Set<Long> collaboratorIds,
        long version) {

    public Product {
        interests = Set.copyOf(interests);
        collaboratorIds = Set.copyOf(collaboratorIds);
    }
}
