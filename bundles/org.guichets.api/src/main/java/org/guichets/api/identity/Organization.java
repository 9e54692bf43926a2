package org.guichets.api.identity;

import java.util.Objects;

/**
 * A company (industriel) identified by its SIRET. Immutable snapshot.
 *
 * @param id internal identifier
 * @param legalName raison sociale
 * @param siret the head office's SIRET
 * @param legalFormCode INSEE legal form code ({@link LegalForm})
 * @param headOffice head-office address
 * @param legalRepresentative name of the legal representative
 * @param version optimistic-locking version, to pass back on update
 */
public record Organization(
        long id, String legalName, Siret siret, String legalFormCode, Address headOffice, String legalRepresentative,
        long version) {

    public Organization {
        Objects.requireNonNull(legalName, "legalName");
        Objects.requireNonNull(siret, "siret");
    }
}
