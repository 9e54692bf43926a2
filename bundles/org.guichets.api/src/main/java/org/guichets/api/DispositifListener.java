package org.guichets.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when schemes are deployed, fail or are withdrawn (whiteboard: register an implementation
 * as an OSGi service).
 *
 * <p>The registry calls listeners one event at a time, in the order the changes happened, on a
 * thread of its own: never on the thread that started or stopped the plugin, so a listener may
 * take locks (a Vaadin session, say) without deadlocking the framework. A listener should return
 * quickly; an exception it throws is logged and does not reach the other listeners.
 */
@ConsumerType
public interface DispositifListener {

    /** Called once for each change. */
    void dispositifChanged(DispositifEvent event);
}
