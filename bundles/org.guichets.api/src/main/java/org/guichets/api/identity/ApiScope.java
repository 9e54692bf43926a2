package org.guichets.api.identity;

/** What a personal API token may do: {@link #READ} reads, {@link #WRITE} also changes. */
public enum ApiScope {
    READ,
    WRITE
}
