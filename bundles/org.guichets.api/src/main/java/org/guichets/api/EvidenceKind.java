package org.guichets.api;

/** What an expected piece of evidence is. */
public enum EvidenceKind {
    /** A plain document. */
    DOCUMENT,
    /** A conformity-tool session report. */
    CONFORMITY_REPORT,
    /** The agency's "document de conformité" template, completed. */
    CONFORMITY_TEMPLATE,
    /** The structured pen-test form. */
    PEN_TEST_FORM,
    /** A signed habilitation from another desk. */
    HABILITATION
}
