package org.guichets.api.identity;

/**
 * What a mandataire types to create its company, or to change it.
 *
 * @param legalName raison sociale (required)
 * @param siret the head office's SIRET as typed (required, checked)
 * @param legalFormCode INSEE legal form code (required, from {@link LegalForm})
 * @param headOffice head-office address (required: street, postal code, city)
 * @param legalRepresentative name of the legal representative (required)
 */
public record NewOrganization(String legalName, String siret, String legalFormCode, Address headOffice,
        String legalRepresentative) {}
