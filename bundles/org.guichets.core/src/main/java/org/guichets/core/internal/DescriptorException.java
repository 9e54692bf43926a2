package org.guichets.core.internal;

/** A scheme descriptor that cannot be put in service, with a reason an operator can act on. */
public final class DescriptorException extends Exception {

    DescriptorException(String reason) {
        super(reason);
    }

    DescriptorException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
