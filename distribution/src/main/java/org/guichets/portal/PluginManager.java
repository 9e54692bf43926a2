package org.guichets.portal;

import com.vaadin.flow.shared.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.guichets.api.identity.Actor;

/**
 * The administrators' hand on the scheme plugins, provided by the launcher (which owns the
 * framework and the deploy folder): each call checks the administrator role and is recorded in
 * the audit trail; the portal only draws what it answers. Thread-safe.
 */
public interface PluginManager {

    /** The servlet context attribute under which the launcher publishes it. */
    String ATTRIBUTE = PluginManager.class.getName();

    /** The scheme plugins: the jars of the deploy folder and the bundles that declare a scheme. */
    List<Plugin> plugins(Actor actor);

    /**
     * Checks that the upload is a bundle and moves it into the deploy folder in one step
     * (replacing a jar of the same name: an update); FileInstall installs and starts it.
     *
     * @throws org.guichets.api.error.ValidationException for a file that is not a jar or not a bundle, or too large
     */
    Plugin upload(Actor actor, String fileName, InputStream content) throws IOException;

    /**
     * Stops a plugin bundle; a jar of the deploy folder stays stopped across restarts until
     * started (a bundle the platform's features provision starts again with the platform).
     */
    void stop(Actor actor, long bundleId);

    /** Starts a stopped plugin bundle; a start that fails is refused with its reason. */
    void start(Actor actor, long bundleId);

    /** Uninstalls a plugin: its jar leaves the deploy folder, or the bundle is uninstalled. */
    void uninstall(Actor actor, long bundleId);

    /** Calls {@code listener} (on a framework thread) whenever a bundle or a scheme changes. */
    Registration onChange(Runnable listener);

    /**
     * One plugin.
     *
     * @param file its jar in the deploy folder, or null for a bundle the platform's features provisioned
     * @param bundleId the bundle, or -1 when the jar could not be installed
     * @param symbolicName the bundle's symbolic name, or null
     * @param version the bundle's version, or null
     * @param state ACTIVE, RESOLVED, INSTALLED… or null
     * @param failed whether it or one of its schemes failed
     * @param reason why, when it failed or waits
     * @param schemes the schemes it declares, with their state ({@code edc-psc: ACTIVE})
     */
    record Plugin(String file, long bundleId, String symbolicName, String version, String state, boolean failed, String reason,
            List<String> schemes) {}
}
