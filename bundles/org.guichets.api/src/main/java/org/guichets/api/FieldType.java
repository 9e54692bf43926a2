package org.guichets.api;

/** The kinds of field an administrative form may have; each comes with its own check. */
public enum FieldType {
    TEXT, TEXTAREA, EMAIL, PHONE, URL,
    /** ISO date, {@code 2026-03-31}. */
    DATE, NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of the field's options. */
    SELECT,
    /** A SIRET, checked ({@link org.guichets.api.identity.Siret}). */
    SIRET,
    /** An INSEE legal form code ({@link org.guichets.api.identity.LegalForm}). */
    LEGAL_FORM,
    /** A postal address on one or several lines. */
    ADDRESS,
    /** The profiles chosen, among the guichet's. */
    PROFILES
}
