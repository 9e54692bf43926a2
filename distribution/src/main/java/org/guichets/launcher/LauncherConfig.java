package org.guichets.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The launcher's settings: {@code config/guichets.properties}, then system properties of the same
 * name, then command-line options, each overriding the previous; and the framework properties of
 * {@code config/framework.properties}.
 *
 * @param home the installation folder
 * @param httpHost address to listen on
 * @param httpPort port to listen on; 0 picks a free one
 * @param sessionTimeoutMinutes portal session timeout
 * @param healthDetailsForEveryone whether {@code /health} details go to remote clients too
 * @param dataDir working data folder
 * @param deployDir folder watched for plugins
 * @param pollMillis FileInstall's poll interval
 * @param features feature names to provision, in order
 * @param shell whether to start the Gogo shell on the console
 * @param demo whether to create demonstration accounts (never in production)
 * @param frameworkProperties properties passed to the OSGi framework
 * @param platformSettings the {@code guichets.db.*}, {@code guichets.signing.*} and {@code guichets.deliverables.*}
 *     settings and {@code guichets.publicUrl}, passed to the framework (file paths made absolute against the home)
 */
public record LauncherConfig(
        Path home,
        String httpHost,
        int httpPort,
        int sessionTimeoutMinutes,
        boolean healthDetailsForEveryone,
        Path dataDir,
        Path deployDir,
        long pollMillis,
        List<String> features,
        boolean shell,
        boolean demo,
        Map<String, String> frameworkProperties,
        Map<String, String> platformSettings) {

    static final String USAGE =
            "usage: guichets [--port N] [--data DIR] [--deploy DIR] [--features A,B] [--shell] [--demo] [--help]";

    /** Thrown for {@code --help}: not an error, the launcher prints usage and exits 0. */
    static final class HelpRequested extends Exception {
        HelpRequested() {
            super(USAGE);
        }
    }

    /**
     * Reads the settings.
     *
     * @param args command-line arguments
     * @param defaultHome the installation folder when {@code guichets.home} is not set
     * @throws LaunchException for a missing or malformed setting, naming it
     * @throws HelpRequested for {@code --help}
     */
    static LauncherConfig load(String[] args, Path defaultHome) throws LaunchException, HelpRequested {
        String homeProperty = System.getProperty("guichets.home");
        Path home = (homeProperty == null ? defaultHome : Path.of(homeProperty)).toAbsolutePath().normalize();
        Path configDir = home.resolve("config");
        Properties settings = read(configDir.resolve("guichets.properties"));
        for (String name : settings.stringPropertyNames()) {
            String override = System.getProperty(name);
            if (override != null) {
                settings.setProperty(name, override);
            }
        }
        boolean shell = false;
        boolean demo = false;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--port" -> settings.setProperty("guichets.http.port", value(option, rest));
                case "--data" -> settings.setProperty("guichets.data.dir", value(option, rest));
                case "--deploy" -> settings.setProperty("guichets.deploy.dir", value(option, rest));
                case "--features" -> settings.setProperty("guichets.features", value(option, rest));
                case "--shell" -> shell = true;
                case "--demo" -> demo = true;
                case "--help", "-h" -> throw new HelpRequested();
                default -> throw new LaunchException("unknown option '" + option + "'; " + USAGE);
            }
        }
        int port = integer(settings, "guichets.http.port", 0, 65535);
        int timeout = integer(settings, "guichets.http.sessionTimeoutMinutes", 1, 24 * 60);
        long poll = integer(settings, "guichets.deploy.pollMillis", 10, 60_000);
        List<String> features = new ArrayList<>(list(required(settings, "guichets.features")));
        if (shell) {
            features.addAll(list(required(settings, "guichets.features.shell")));
        }
        Properties framework = read(configDir.resolve("framework.properties"));
        Map<String, String> frameworkProperties = new LinkedHashMap<>();
        framework.stringPropertyNames().forEach(k -> frameworkProperties.put(k, framework.getProperty(k)));
        return new LauncherConfig(
                home,
                required(settings, "guichets.http.host"),
                port,
                timeout,
                healthDetails(settings),
                home.resolve(required(settings, "guichets.data.dir")).normalize(),
                home.resolve(required(settings, "guichets.deploy.dir")).normalize(),
                poll,
                List.copyOf(features),
                shell,
                demo,
                Map.copyOf(frameworkProperties),
                platformSettings(settings, home, port));
    }

    private static Properties read(Path file) throws LaunchException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new LaunchException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return p;
    }

    private static String value(String option, List<String> rest) throws LaunchException {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new LaunchException(option + " needs a value; " + USAGE);
        }
        return rest.remove(0);
    }

    private static String required(Properties settings, String name) throws LaunchException {
        String v = settings.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new LaunchException("setting " + name + " is missing from config/guichets.properties");
        }
        return v.trim();
    }

    private static int integer(Properties settings, String name, int min, int max) throws LaunchException {
        String v = required(settings, name);
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new LaunchException("setting " + name + " must be a whole number from " + min + " to " + max
                    + ", not '" + v + "'");
        }
    }

    /** Settings that name files: a relative path is taken from the installation's home. */
    private static final java.util.Set<String> PATHS = java.util.Set.of("guichets.db.passwordFile",
            "guichets.signing.keystore", "guichets.signing.keystorePasswordFile", "guichets.signing.trustAnchors",
            "guichets.smtp.passwordFile");
    /** The settings handed to the framework (and the host's mail transport). */
    private static final java.util.List<String> PLATFORM_PREFIXES = java.util.List.of("guichets.db.", "guichets.signing.",
            "guichets.deliverables.", "guichets.smtp.", "guichets.mail.", "guichets.webhooks.", "guichets.notifications.");

    private static Map<String, String> platformSettings(Properties settings, Path home, int port) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : settings.stringPropertyNames()) {
            String value = settings.getProperty(name).trim();
            if ((PLATFORM_PREFIXES.stream().anyMatch(name::startsWith) || name.equals("guichets.publicUrl"))
                    && !value.isEmpty()) {
                if (PATHS.contains(name)) {
                    value = java.util.Arrays.stream(value.split(",")).map(String::strip)
                            .map(v -> home.resolve(v).normalize().toString()).collect(java.util.stream.Collectors.joining(","));
                }
                out.put(name, value);
            }
        }
        if (port != 0) {
            out.putIfAbsent("guichets.publicUrl", "http://localhost:" + port);
        }
        return Map.copyOf(out);
    }

    private static boolean healthDetails(Properties settings) throws LaunchException {
        String v = settings.getProperty("guichets.health.details", "local").trim();
        return switch (v) {
            case "local" -> false;
            case "always" -> true;
            default -> throw new LaunchException("setting guichets.health.details must be 'local' or 'always', not '" + v + "'");
        };
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
