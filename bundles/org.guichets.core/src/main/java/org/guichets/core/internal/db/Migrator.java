package org.guichets.core.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: SQL scripts {@code db/migration/V<n>__<description>.sql} applied in
 * order, each once, recorded with its checksum in {@code schema_migration}. A script changed after
 * it was applied stops the start-up: schemas evolve by new scripts only.
 *
 * <p>Scripts hold statements separated by a {@code ;} at the end of a line, written in the SQL
 * that both H2 and PostgreSQL accept.
 */
final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    /** The migrations, in order. Append; never edit one that has shipped. */
    static final List<String> SCRIPTS = List.of(
            "V1__identity_catalog_candidature_audit.sql",
            "V2__referentials_forms.sql",
            "V3__evidence_decisions.sql",
            "V4__review_queue.sql",
            "V5__conversation.sql",
            "V6__deliverables.sql",
            "V7__evidence_checks.sql",
            "V8__pinned_referential_keys.sql", "V9__queue_turns_assignees.sql",
            "V10__api_tokens_webhooks_mail.sql", "V11__notification_events.sql", "V12__queue_page_order.sql");

    private final DataSource dataSource;
    private final ClassLoader loader;

    Migrator(DataSource dataSource, ClassLoader loader) {
        this.dataSource = dataSource;
        this.loader = loader;
    }

    /** Applies what is missing; returns how many scripts were applied. */
    int migrate() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migration (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                        + " checksum CHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            c.commit();
            Map<Integer, String> applied = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_migration")) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
            c.commit();
            int count = 0;
            for (String script : SCRIPTS) {
                int version = version(script);
                String sql = read(script);
                String checksum = Database.sha256(sql.getBytes(StandardCharsets.UTF_8));
                String done = applied.get(version);
                if (done != null) {
                    if (!done.equals(checksum)) {
                        throw new SQLException("migration " + script + " was changed after it was applied (checksum "
                                + done + " stored, " + checksum + " now): add a new migration instead");
                    }
                    continue;
                }
                apply(c, script, version, sql, checksum);
                count++;
            }
            return count;
        }
    }

    private void apply(Connection c, String script, int version, String sql, String checksum) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
                String st = statement.lines().filter(l -> !l.trim().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
                if (!st.isEmpty()) {
                    s.execute(st);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_migration (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, script);
                p.setString(3, checksum);
                p.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                p.executeUpdate();
            }
            c.commit();
            LOG.info("Applied schema migration {}", script);
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
        }
    }

    private String read(String script) throws IOException {
        try (InputStream in = loader.getResourceAsStream("db/migration/" + script)) {
            if (in == null) {
                throw new IOException("migration script db/migration/" + script + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
