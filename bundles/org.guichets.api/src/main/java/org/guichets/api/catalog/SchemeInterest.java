package org.guichets.api.catalog;

/** The schemes a vendor says a product is interested in. */
public enum SchemeInterest {
    CATALOGUE_MON_ESPACE_SANTE,
    CERTIFICATION_DISPOSITIFS_MEDICAUX_NUMERIQUES,
    SEGUR_NUMERIQUE_EN_SANTE,
    BOUQUET_SERVICES_PROFESSIONNELS,
    CERTIFICATION_TELECONSULTATION,
    ESPACE_DE_CONFIANCE_PSC,
    /** "Aucun pour le moment". */
    NONE
}
