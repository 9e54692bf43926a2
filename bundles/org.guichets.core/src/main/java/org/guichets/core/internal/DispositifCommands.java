package org.guichets.core.internal;

import java.util.Locale;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.Guichet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo shell commands: {@code guichets:dispositifs}. */
@Component(
        service = DispositifCommands.class,
        property = {"osgi.command.scope=guichets", "osgi.command.function=dispositifs"})
public final class DispositifCommands {

    private final DispositifRegistry registry;

    @Activate
    public DispositifCommands(@Reference DispositifRegistry registry) {
        this.registry = registry;
    }

    /** Lists the deployed schemes with their guichets, state and bundle. */
    public String dispositifs() {
        StringBuilder out = new StringBuilder();
        for (Dispositif d : registry.dispositifs()) {
            out.append(String.format(Locale.ROOT, "%-24s %-7s %-10s %s %s [%d]%n", d.id(), d.state(),
                    d.referentialVersion() == null ? "-" : d.referentialVersion(), d.origin().symbolicName(),
                    d.origin().version(), d.origin().bundleId()));
            for (Guichet g : d.guichets()) {
                out.append(String.format(Locale.ROOT, "    %-20s %-8s %s%n", g.id(), g.status(), g.name()));
            }
            if (!d.isActive()) {
                out.append("    reason: ").append(d.failureReason()).append(System.lineSeparator());
            }
        }
        return out.length() == 0 ? "no scheme deployed" : out.toString();
    }
}
