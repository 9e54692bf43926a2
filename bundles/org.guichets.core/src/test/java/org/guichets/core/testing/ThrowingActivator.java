package org.guichets.core.testing;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a plugin that fails to start: packed into test bundles by {@link TestBundles}. */
public final class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("plugin start failure (test)");
    }

    @Override
    public void stop(BundleContext context) {
        // nothing was started
    }
}
