package org.guichets.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the npm package the build installs under target/axe) run inside the page: the WCAG 2.1
 * A and AA rules; a page passes with no serious or critical violation.
 */
public final class Axe {

    private Axe() {}

    private static String script() throws IOException {
        Path p = Path.of(System.getProperty("guichets.it.axe", "missing"));
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("axe-core missing at " + p + ": the build installs it with npm (install the Debian package npm)"
                    + " during 'mvn verify'");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** The serious and critical violations of the page as it stands, one line each (empty when none). */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(WebDriver driver) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(script());
        Object result = js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')).join(' | ')}))))"
                        + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: ''}]));");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            out.add(v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " — " + v.get("nodes"));
        }
        return out;
    }
}
