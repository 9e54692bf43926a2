package org.guichets.core.internal.db;

/** An entity under optimistic locking, able to name itself in a conflict message. */
public interface Versioned {
    /** What it is, in the words of the API: {@code product}, {@code candidature}… */
    String kind();

    /** Its identifier as people know it. */
    Object key();

    long version();
}
