package org.guichets.api;

import java.time.Period;

/**
 * A signed document a guichet issues, and what triggers it.
 *
 * @param id identifier, unique in the guichet
 * @param kind the kind of document, e.g. {@code habilitation}
 * @param title title
 * @param chapterValidated the chapter whose validation issues it, or {@code null}
 * @param onFavourableDecision whether a favourable committee decision issues it
 * @param validity how long it is valid
 */
public record Deliverable(String id, String kind, LocalizedText title, String chapterValidated,
        boolean onFavourableDecision, Period validity) {}
