package org.guichets.api.candidature;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of candidature events (whiteboard: register an implementation as an OSGi service). Called
 * on a core thread, one event at a time in commit order, after the change committed; an exception
 * is logged and reaches no one else.
 */
@ConsumerType
public interface CandidatureListener {
    void candidatureChanged(CandidatureEvent event);
}
