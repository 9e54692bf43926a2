package org.guichets.edcpsc.internal;

/**
 * The plugin's parameters, configuration PID {@code org.guichets.edcpsc} (a file
 * {@code deploy/org.guichets.edcpsc.cfg}, or Configuration Admin); changes apply to the next upload.
 */
@interface Settings {

    /** The configuration PID. */
    String PID = "org.guichets.edcpsc";

    /**
     * R-20, user software (ELU) only: a pen test is eligible with fewer medium-severity points KO
     * than this (the guide's "moins de 10").
     */
    int penTest_eluMediumKoLimit() default 10;

    /** how old a pen test may be on upload, an ISO 8601 period (the guide's "moins d'un an"). */
    String penTest_maxAge() default "P1Y";
}
