package org.guichets.api.catalog;

import java.util.Set;

/**
 * What the vendor types for a product; starred fields are required.
 *
 * @param name name*
 * @param softwareVersion version*
 * @param nil NIL issued by the CNDA, optional
 * @param responsableId the account responsible for the product*, a member of the company
 * @param description description*
 * @param certifications free text, optional
 * @param interests the schemes of interest; {@code NONE} alone or any others
 */
public record ProductDraft(String name, String softwareVersion, String nil, Long responsableId, String description,
        String certifications, Set<SchemeInterest> interests) {}
