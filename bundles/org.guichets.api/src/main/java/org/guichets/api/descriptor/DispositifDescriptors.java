package org.guichets.api.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Where a scheme plugin declares its scheme, and the schema the declaration must satisfy.
 *
 * <p>A plugin bundle names, in its manifest header {@value #HEADER}, the path inside the bundle
 * of a UTF-8 JSON document (for instance {@code OSGI-INF/guichets/dispositif.json}). The core's
 * extender reads it when the bundle starts, validates it against the JSON Schema published here
 * ({@value #SCHEMA_RESOURCE}, draft 2020-12), and registers the scheme; it withdraws the scheme
 * when the bundle stops.
 */
public final class DispositifDescriptors {

    /** The manifest header whose value is the descriptor's path inside the bundle. */
    public static final String HEADER = "Guichets-Dispositif";

    /** The conventional path of the descriptor inside a plugin bundle. */
    public static final String DEFAULT_PATH = "OSGI-INF/guichets/dispositif.json";

    /** The schema version this API describes, expected in the descriptor's {@code schemaVersion}. */
    public static final String SCHEMA_VERSION = "1.0";

    /** The class path resource of the JSON Schema (draft 2020-12). */
    public static final String SCHEMA_RESOURCE = "/org/guichets/api/descriptor/dispositif.schema.json";

    /** The {@code $id} of the JSON Schema. */
    public static final String SCHEMA_ID = "https://guichets.org/schema/dispositif/1.0/dispositif.schema.json";

    private DispositifDescriptors() {}

    /**
     * Opens the JSON Schema. The caller closes the stream.
     *
     * @throws UncheckedIOException if the resource is missing from this jar (a packaging bug)
     */
    public static InputStream openSchema() {
        InputStream in = DispositifDescriptors.class.getResourceAsStream(SCHEMA_RESOURCE);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing resource " + SCHEMA_RESOURCE));
        }
        return in;
    }
}
