package org.guichets.benchmarks.bare;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The baseline of the start-up benchmark: a Vaadin 24 hello page, production mode, on the same
 * Jetty 12 setup as the Guichets portal (narrowed scanning, push over Jakarta WebSocket), and
 * nothing else: no OSGi framework, no features.
 *
 * <p>Usage: {@code BareVaadinMain PORT WORKDIR}.
 */
public final class BareVaadinMain {

    private BareVaadinMain() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        Path webRoot = Files.createDirectories(work.resolve("webroot"));
        Path temp = Files.createDirectories(work.resolve("tmp"));

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResource(ResourceFactory.of(context).newResource(webRoot));
        context.setTempDirectory(temp.toFile());
        context.setConfigurationDiscovered(true);
        context.setParentLoaderPriority(true);
        context.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern",
                ".*/(flow-server|flow-push|vaadin-[a-z-]*flow|guichets-benchmarks)[^/]*\\.jar$");
        context.setInitParameter("productionMode", "true");
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        server.setHandler(context);
        server.start();
        server.join();
    }
}
