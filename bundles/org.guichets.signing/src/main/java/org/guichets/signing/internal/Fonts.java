package org.guichets.signing.internal;

/** Placeholder. */
final class Fonts {
    private Fonts() {}
}
