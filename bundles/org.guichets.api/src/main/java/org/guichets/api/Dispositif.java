package org.guichets.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployed scheme: its identity, its guichets and whether it is in service.
 *
 * <p>Immutable and thread-safe: a snapshot taken when the registry last changed.
 *
 * @param id the scheme's identifier from its descriptor, or the bundle's symbolic name when the
 *     descriptor could not be read
 * @param name display name (for a failed plugin whose descriptor is unreadable, the bundle name)
 * @param summary short presentation for the dashboard; may be {@code null}
 * @param presentation the longer presentation behind "En savoir plus"; may be {@code null}
 * @param referentialVersion version of the scheme's referential; {@code null} if unreadable
 * @param guichets the desks, empty when {@link #state()} is {@link DeploymentState#FAILED}
 * @param state whether the scheme is in service
 * @param failureReason why the scheme failed, in English for operators; {@code null} when active
 * @param origin the bundle it came from
 */
public record Dispositif(
        String id,
        LocalizedText name,
        LocalizedText summary,
        LocalizedText presentation,
        String referentialVersion,
        List<Guichet> guichets,
        DeploymentState state,
        String failureReason,
        PluginOrigin origin) {

    /** @throws NullPointerException if a required argument is null */
    public Dispositif {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
        guichets = List.copyOf(guichets);
        if (state == DeploymentState.FAILED && (failureReason == null || failureReason.isBlank())) {
            throw new IllegalArgumentException("a failed dispositif needs a reason");
        }
    }

    /** A scheme that could not be put in service. */
    public static Dispositif failed(String id, LocalizedText name, PluginOrigin origin, String reason) {
        return new Dispositif(id, name, null, null, null, List.of(), DeploymentState.FAILED, reason, origin);
    }

    /** The guichet with this id. */
    public Optional<Guichet> guichet(String guichetId) {
        return guichets.stream().filter(g -> g.id().equals(guichetId)).findFirst();
    }

    /** {@code true} when the scheme is in service. */
    public boolean isActive() {
        return state == DeploymentState.ACTIVE;
    }
}
