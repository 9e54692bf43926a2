package org.guichets.api;

import java.time.Period;
import java.util.List;

/**
 * A signed document a guichet issues, what triggers it, and what it states.
 *
 * @param id identifier, unique in the guichet
 * @param kind the kind of document, e.g. {@code habilitation}
 * @param title title
 * @param chapterValidated the chapter whose validation issues it, or {@code null}
 * @param onFavourableDecision whether a favourable committee decision issues it
 * @param validity how long it is valid
 * @param statement the paragraph under the title, or {@code null}
 * @param content the lines the document states, in order; empty for the platform's default lines
 * @param waitingMessage what its tile says until it is due, or {@code null}
 */
public record Deliverable(String id, String kind, LocalizedText title, String chapterValidated,
        boolean onFavourableDecision, Period validity, LocalizedText statement, List<Line> content,
        LocalizedText waitingMessage) {

    public Deliverable {
        content = List.copyOf(content);
    }

    /** A deliverable without a waiting message. */
    public Deliverable(String id, String kind, LocalizedText title, String chapterValidated, boolean onFavourableDecision,
            Period validity, LocalizedText statement, List<Line> content) {
        this(id, kind, title, chapterValidated, onFavourableDecision, validity, statement, content, null);
    }

    /**
     * One line of a deliverable: a label and where its value comes from.
     *
     * @param label what the line states
     * @param source where the value comes from: {@code organization.name}, {@code organization.siret},
     *     {@code organization.address}, {@code product.name}, {@code product.version}, {@code nru},
     *     {@code candidature.number}, {@code profiles}, {@code issuedAt}, {@code expiresAt},
     *     {@code form.<field>}, {@code chapter.<chapter>.validatedAt}; or {@code null} with a
     *     {@code text}
     * @param text a fixed value, or {@code null}
     */
    public record Line(LocalizedText label, String source, LocalizedText text) {}
}
