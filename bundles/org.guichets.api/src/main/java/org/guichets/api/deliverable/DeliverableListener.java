package org.guichets.api.deliverable;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of deliverable events (whiteboard: register an implementation as an OSGi service), on a
 * core thread, after the change committed; an exception is logged and reaches no one else.
 */
@ConsumerType
public interface DeliverableListener {
    void deliverableChanged(DeliverableEvent event);
}
