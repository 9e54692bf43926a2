package org.guichets.launcher;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.guichets.portal.PortalI18NProvider;

/**
 * Jetty 12 (EE10) serving the Vaadin portal at {@code /} and the launcher's own servlets.
 *
 * <p>Vaadin deploys its servlet by itself through its servlet container initializers, found by
 * annotation scanning narrowed to the jars that carry them (scanning every jar costs about a
 * second of start-up); push runs over the Jakarta WebSocket server.
 */
final class PortalServer {

    /** Jars scanned for servlet container initializers and Vaadin routes. */
    static final String SCANNED_JARS = ".*/(flow-server|flow-push|vaadin-[a-z-]*flow|guichets-distribution)-[^/]*\\.jar$|.*/classes/?$";

    private final Server server;

    /**
     * Prepares the server.
     *
     * @param host address to bind
     * @param port port to bind, 0 for any free one
     * @param sessionTimeoutMinutes portal session timeout
     * @param workDir folder for Jetty's web root and temporary files (emptied here)
     * @param attributes servlet context attributes the portal reads
     * @param servlets extra servlets by path spec
     */
    PortalServer(String host, int port, int sessionTimeoutMinutes, Path workDir, Map<String, Object> attributes,
            Map<String, Servlet> servlets) throws IOException {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        Path webRoot = workDir.resolve("webroot");
        Path temp = workDir.resolve("tmp");
        deleteTree(workDir);
        Files.createDirectories(webRoot);
        Files.createDirectories(temp);

        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResource(ResourceFactory.of(context).newResource(webRoot));
        context.setTempDirectory(temp.toFile());
        context.setConfigurationDiscovered(true);
        context.setParentLoaderPriority(true);
        context.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern", SCANNED_JARS);
        context.setInitParameter("i18n.provider", PortalI18NProvider.class.getName());
        context.setInitParameter("productionMode", "true");
        context.getSessionHandler().setMaxInactiveInterval(sessionTimeoutMinutes * 60);
        context.getSessionHandler().getSessionCookieConfig().setHttpOnly(true);
        // the session id travels in its cookie only, never in an address (;jsessionid) that could be shared
        context.getSessionHandler().setSessionTrackingModes(java.util.Set.of(jakarta.servlet.SessionTrackingMode.COOKIE));
        attributes.forEach(context::setAttribute);
        servlets.forEach((path, servlet) -> {
            ServletHolder holder = new ServletHolder(servlet);
            jakarta.servlet.annotation.MultipartConfig multipart = servlet.getClass()
                    .getAnnotation(jakarta.servlet.annotation.MultipartConfig.class);
            if (multipart != null) {
                // a servlet added here is not scanned: its multipart settings are passed on (parts beyond
                // the threshold wait in the context's temporary folder)
                holder.getRegistration().setMultipartConfig(new jakarta.servlet.MultipartConfigElement(multipart));
            }
            context.addServlet(holder, path);
        });
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        server.setHandler(context);
        server.setStopAtShutdown(false);
    }

    /**
     * Starts listening.
     *
     * @throws LaunchException when the port is taken or the portal fails to deploy
     */
    void start() throws LaunchException {
        try {
            server.start();
        } catch (IOException e) {
            stop();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new LaunchException("cannot listen on port " + portSetting() + ": " + e.getMessage(), e);
            }
            throw new LaunchException("the web server failed to start: " + FrameworkLauncher.oneLine(e), e);
        } catch (Exception e) {
            stop();
            throw new LaunchException("the web server failed to start: " + FrameworkLauncher.oneLine(e), e);
        }
        if (server.getHandler() instanceof WebAppContext context && context.getUnavailableException() != null) {
            Throwable cause = context.getUnavailableException();
            stop();
            throw new LaunchException("the portal failed to deploy: " + FrameworkLauncher.oneLine(cause), cause);
        }
    }

    /** The port actually bound. */
    int port() {
        return ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
    }

    private int portSetting() {
        return ((ServerConnector) server.getConnectors()[0]).getPort();
    }

    /** Stops accepting requests and closes sessions; logs rather than throws. */
    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(PortalServer.class).warn("Stopping the web server failed: {}", e.getMessage());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
