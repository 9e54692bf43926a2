package org.guichets.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The packages the system bundle exports from the host class path, with the versions their own
 * jars declare: the Guichets API (so host and bundles share its classes) and SLF4J (one logging
 * backend for all).
 */
final class HostExports {

    private HostExports() {}

    /**
     * The value of {@code org.osgi.framework.system.packages.extra}: the API and SLF4J, and
     * {@code sun.misc} that PDFBox's I/O module imports (for unmapping memory-mapped buffers).
     */
    static String systemPackagesExtra() throws LaunchException {
        return exportsOf(org.guichets.api.DispositifRegistry.class) + "," + exportsOf(org.slf4j.Logger.class) + ",sun.misc";
    }

    /** The {@code Export-Package} header of the jar (or classes folder) that holds {@code type}. */
    static String exportsOf(Class<?> type) throws LaunchException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new LaunchException("cannot locate the jar of " + type.getName());
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            Manifest manifest;
            if (Files.isDirectory(location)) {
                try (InputStream in = Files.newInputStream(location.resolve("META-INF/MANIFEST.MF"))) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String exports = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
            if (exports == null || exports.isBlank()) {
                throw new LaunchException(location.getFileName() + " declares no Export-Package: it is not the OSGi build of "
                        + type.getPackageName());
            }
            return exports;
        } catch (IOException | URISyntaxException e) {
            throw new LaunchException("cannot read the manifest of the jar holding " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
