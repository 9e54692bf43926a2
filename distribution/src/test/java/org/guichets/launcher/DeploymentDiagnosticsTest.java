package org.guichets.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.guichets.core.testing.TestBundles;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DeploymentDiagnosticsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(byte[] content) throws Exception {
        Path f = tmp.newFile("x.jar").toPath();
        Files.write(f, content);
        return f;
    }

    @Test
    public void aBundleIsABundle() throws Exception {
        assertNull(DeploymentDiagnostics.notABundleReason(write(TestBundles.bundle("ok").build())));
    }

    @Test
    public void aJarWithoutSymbolicNameIsNotABundle() throws Exception {
        assertEquals("not an OSGi bundle: its manifest has no Bundle-SymbolicName",
                DeploymentDiagnostics.notABundleReason(write(TestBundles.plainJar().build())));
    }

    @Test
    public void aJarWithoutManifestIsNotABundle() throws Exception {
        assertEquals("not an OSGi bundle: the jar has no META-INF/MANIFEST.MF",
                DeploymentDiagnostics.notABundleReason(write(TestBundles.plainJar().withoutManifest().entry("a.txt", "a").build())));
    }

    @Test
    public void aFileThatIsNotAZipIsNotAJar() throws Exception {
        String reason = DeploymentDiagnostics.notABundleReason(write("hello".getBytes()));
        assertTrue(reason, reason.startsWith("not a jar: "));
    }
}
