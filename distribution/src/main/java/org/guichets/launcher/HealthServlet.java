package org.guichets.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.guichets.api.Dispositif;
import org.guichets.api.Guichet;
import org.guichets.portal.DispositifCatalog;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;

/**
 * {@code GET /health}: the framework's and every bundle's state, the deployed schemes (active or
 * failed, with the reason) and what became of each jar in the deploy folder, as JSON.
 *
 * <p>Status {@code UP} (HTTP 200) when the framework, every platform bundle and the core's services
 * are up and no plugin failed; {@code DEGRADED} (200) when a plugin failed but the platform runs; {@code DOWN}
 * (503) when the framework, a platform bundle or a core service is not.
 *
 * <p>The details (bundles, file locations, failure reasons) go only to requests from the machine
 * itself unless {@code guichets.health.details=always}; others get the status alone, which is all a
 * load balancer needs and tells an outsider nothing about the installation.
 */
final class HealthServlet extends HttpServlet {

    /** The core's services: without any of them the platform cannot serve. */
    static final List<String> REQUIRED_SERVICES = List.of(
            "org.guichets.api.DispositifRegistry",
            "org.guichets.api.identity.IdentityService",
            "org.guichets.api.catalog.ProductService",
            "org.guichets.api.candidature.CandidatureService",
            "org.guichets.api.candidature.FormService",
            "org.guichets.api.candidature.EvidenceService",
            "org.guichets.api.candidature.CommitteeService",
            "org.guichets.api.candidature.ReviewQueue",
            "org.guichets.api.candidature.ConversationService",
            "org.guichets.api.evidence.EvidenceStore",
            "org.guichets.api.audit.AuditTrail",
            "org.guichets.api.deliverable.DeliverableService",
            "org.guichets.api.deliverable.DeliverableVerifier");

    private final transient Framework framework;
    private final transient Supplier<Collection<Long>> platformBundles;
    private final transient DispositifCatalog catalog;
    private final transient DeploymentDiagnostics deployments;
    private final transient ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final boolean detailsForEveryone;

    HealthServlet(Framework framework, Supplier<Collection<Long>> platformBundles, DispositifCatalog catalog,
            DeploymentDiagnostics deployments, boolean detailsForEveryone) {
        this.framework = framework;
        this.platformBundles = platformBundles;
        this.catalog = catalog;
        this.deployments = deployments;
        this.detailsForEveryone = detailsForEveryone;
    }

    /** Whether a client at {@code remoteAddr} (a literal IP address) gets the details. */
    static boolean showsDetails(String remoteAddr, boolean detailsForEveryone) {
        if (detailsForEveryone) {
            return true;
        }
        try {
            // a literal address: no name lookup happens
            return remoteAddr != null && InetAddress.getByName(remoteAddr).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        boolean frameworkActive = framework.getState() == Bundle.ACTIVE;
        boolean platformActive = frameworkActive;
        boolean pluginFailed = false;

        ObjectNode fw = root.putObject("framework");
        fw.put("state", DeploymentDiagnostics.stateName(framework.getState()));
        fw.put("symbolicName", framework.getSymbolicName());
        fw.put("version", framework.getVersion().toString());

        ArrayNode bundles = root.putArray("bundles");
        if (frameworkActive) {
            Collection<Long> platformIds = platformBundles.get();
            for (Bundle b : framework.getBundleContext().getBundles()) {
                boolean platform = b.getBundleId() == 0 || platformIds.contains(b.getBundleId());
                ObjectNode n = bundles.addObject();
                n.put("id", b.getBundleId());
                n.put("symbolicName", b.getSymbolicName());
                n.put("version", b.getVersion().toString());
                n.put("state", DeploymentDiagnostics.stateName(b.getState()));
                n.put("platform", platform);
                n.put("location", b.getLocation());
                boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
                if (platform && !fragment && b.getState() != Bundle.ACTIVE) {
                    platformActive = false;
                }
            }
        }

        ObjectNode services = root.putObject("services");
        for (String service : REQUIRED_SERVICES) {
            boolean present = frameworkActive && framework.getBundleContext().getServiceReference(service) != null;
            services.put(service.substring(service.lastIndexOf('.') + 1), present ? "UP" : "DOWN");
            platformActive &= present;
        }

        // optional: without a signing key, deliverables wait (pending) but the platform serves
        boolean signing = frameworkActive && framework.getBundleContext()
                .getServiceReference("org.guichets.api.deliverable.DeliverableProducer") != null;
        root.put("signing", signing ? "READY" : "NO_KEY");

        ArrayNode dispositifs = root.putArray("dispositifs");
        for (Dispositif d : catalog.all()) {
            ObjectNode n = dispositifs.addObject();
            n.put("id", d.id());
            n.put("name", d.name().toString());
            n.put("state", d.state().name());
            if (d.failureReason() != null) {
                n.put("reason", d.failureReason());
                pluginFailed = true;
            }
            n.put("referentialVersion", d.referentialVersion());
            n.put("bundleId", d.origin().bundleId());
            n.put("bundle", d.origin().symbolicName() + " " + d.origin().version());
            ArrayNode guichets = n.putArray("guichets");
            for (Guichet g : d.guichets()) {
                guichets.addObject().put("id", g.id()).put("status", g.status().name());
            }
        }

        ArrayNode deployed = root.putArray("deployments");
        if (frameworkActive) {
            for (DeploymentDiagnostics.Deployment d : deployments.deployments()) {
                ObjectNode n = deployed.addObject();
                n.put("file", d.file());
                n.put("outcome", d.outcome().name());
                if (d.bundleId() >= 0) {
                    n.put("bundleId", d.bundleId());
                    n.put("symbolicName", d.symbolicName());
                    n.put("bundleState", d.bundleState());
                }
                if (d.reason() != null) {
                    n.put("reason", d.reason());
                }
                pluginFailed |= d.outcome() == DeploymentDiagnostics.Outcome.FAILED;
            }
        }

        String status = !platformActive ? "DOWN" : pluginFailed ? "DEGRADED" : "UP";
        ObjectNode out = mapper.createObjectNode();
        out.put("status", status);
        if (showsDetails(req.getRemoteAddr(), detailsForEveryone)) {
            out.setAll(root);
        }
        resp.setStatus("DOWN".equals(status) ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        mapper.writeValue(resp.getOutputStream(), out);
    }
}
