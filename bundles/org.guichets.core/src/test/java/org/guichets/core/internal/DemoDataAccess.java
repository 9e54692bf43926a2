package org.guichets.core.internal;

import java.nio.file.Path;
import java.util.Map;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.identity.IdentityService;

/** Opens {@link DemoData}'s package-private entry point to the service tests. */
public final class DemoDataAccess {
    private DemoDataAccess() {}

    public static Map<String, String> create(Path dataDir, IdentityService identity, ProductService products) {
        return DemoData.create(dataDir, identity, products);
    }
}
