package org.guichets.api.deliverable;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Renders a deliverable as a PDF and signs it for the agency (implemented by the signing bundle;
 * the core calls it for each due deliverable and keeps the deliverable pending while none is
 * available or it fails).
 */
@ConsumerType
public interface DeliverableProducer {

    /**
     * Renders and signs.
     *
     * @return the signed PDF
     * @throws Exception if it cannot: the deliverable stays pending and is retried
     */
    byte[] produce(DeliverableContent content) throws Exception;
}
