package org.guichets.api.candidature;

import java.time.LocalDate;

/**
 * A reservation attached to a favourable decision.
 *
 * @param text what must be done
 * @param owner who must do it (a name or a role)
 * @param due by when
 */
public record Reservation(String text, String owner, LocalDate due) {}
