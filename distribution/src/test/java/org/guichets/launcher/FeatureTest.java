package org.guichets.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FeatureTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ObjectMapper mapper = new ObjectMapper();

    private Feature read(String json) throws Exception {
        Path f = tmp.newFile().toPath();
        Files.writeString(f, json);
        return Feature.read(f, mapper);
    }

    @Test
    public void readsIdAndBundlesWithTheirStartOrder() throws Exception {
        Feature f = read("{\"feature-resource-version\": \"1.0\", \"id\": \"g:f:osgifeature:1\", \"name\": \"F\","
                + " \"bundles\": [{\"id\": \"g:a:1.0\", \"start-order\": 3}, {\"id\": \"g:b:1.0\"}]}");
        assertEquals("g:f:osgifeature:1", f.id());
        assertEquals("F", f.name());
        assertEquals(List.of(new Feature.Bundle("g:a:1.0", 3), new Feature.Bundle("g:b:1.0", 1)), f.bundles());
    }

    @Test
    public void mapsMavenCoordinatesToARepositoryPath() throws Exception {
        Path repo = Path.of("/r");
        assertEquals(Path.of("/r/org/osgi/org.osgi.util.function/1.2.0/org.osgi.util.function-1.2.0.jar"),
                new Feature.Bundle("org.osgi:org.osgi.util.function:1.2.0", 1).file(repo));
        assertEquals(Path.of("/r/g/a/2/a-2-tests.jar"), new Feature.Bundle("g:a:jar:tests:2", 1).file(repo));
        assertThrows(LaunchException.class, () -> new Feature.Bundle("nonsense", 1).file(repo));
    }

    @Test
    public void refusesADocumentWithoutId() {
        LaunchException e = assertThrows(LaunchException.class, () -> read("{\"bundles\": []}"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("has no \"id\""));
    }

    @Test
    public void refusesAnotherResourceVersion() {
        LaunchException e = assertThrows(LaunchException.class, () -> read("{\"feature-resource-version\": \"2.0\", \"id\": \"g:f:1\"}"));
        assertTrue(e.getMessage(), e.getMessage().contains("feature-resource-version 2.0"));
    }

    @Test
    public void refusesABundleWithoutId() {
        LaunchException e = assertThrows(LaunchException.class, () -> read("{\"id\": \"g:f:1\", \"bundles\": [{\"start-order\": 1}]}"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("lists a bundle without an \"id\""));
    }

    @Test
    public void refusesMalformedJson() {
        LaunchException e = assertThrows(LaunchException.class, () -> read("{"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot read feature"));
    }
}
