package org.guichets.api.identity;

/** A role at the agency that runs the platform. */
public enum PlatformRole {
    /** Instructs forms and evidence (the agency's "équipes de vérification"). */
    REVIEWER,
    /** Takes the final decision on candidatures (collège). */
    COMMITTEE,
    /** Manages accounts, plugins and reference data. */
    ADMIN
}
