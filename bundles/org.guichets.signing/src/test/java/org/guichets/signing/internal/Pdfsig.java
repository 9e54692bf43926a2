package org.guichets.signing.internal;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Poppler's {@code pdfsig}, an independent verifier of PDF signatures (NSS based), run as an
 * external process. Its absence fails the tests: they are never skipped.
 */
final class Pdfsig {

    static final String VALID = "Signature is Valid.";

    private Pdfsig() {}

    /** What {@code pdfsig} prints about {@code pdf} (written to a temporary file). */
    static String run(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("guichets-pdfsig", ".pdf");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder(executable(), file.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("pdfsig did not finish", process.waitFor(60, TimeUnit.SECONDS));
            return output;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String executable() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "pdfsig");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        fail("pdfsig not found: install the Debian package poppler-utils");
        throw new AssertionError();
    }
}
