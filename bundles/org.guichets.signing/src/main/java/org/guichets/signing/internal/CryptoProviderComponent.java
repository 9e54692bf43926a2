package org.guichets.signing.internal;

import java.security.Provider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The one place that registers the BouncyCastle provider: as an OSGi service
 * ({@code java.security.Provider}, {@code provider.name=BC}) for bundles that need it by name,
 * never in the JVM-wide {@link java.security.Security} list, which would pin this bundle's class
 * loader and change the JDK's algorithm choices for everyone.
 */
@Component(immediate = true, service = CryptoProviderComponent.class)
public final class CryptoProviderComponent {

    private final ServiceRegistration<Provider> registration;

    @Activate
    public CryptoProviderComponent(BundleContext context) {
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("provider.name", Crypto.PROVIDER.getName());
        props.put("provider.version", Crypto.PROVIDER.getVersionStr());
        registration = context.registerService(Provider.class, Crypto.PROVIDER, props);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
