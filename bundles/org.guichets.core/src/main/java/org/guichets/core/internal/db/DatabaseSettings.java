package org.guichets.core.internal.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is and how to reach it.
 *
 * @param jdbcUrl {@code jdbc:h2:…} or {@code jdbc:postgresql:…}
 * @param user user name, may be empty for H2
 * @param password password; never logged
 * @param maxPoolSize connection pool size
 */
public record DatabaseSettings(String jdbcUrl, String user, char[] password, int maxPoolSize) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? new char[0] : password;
    }

    /**
     * The embedded default: an H2 file database under {@code dataDir/db}. H2 keeps parsed
     * statements per connection (8 by default); the services use a few dozen, hence the larger
     * cache. Every audited write waits for the chain's head row: a lock timeout of 10 s (H2's
     * default is 1 s) keeps a burst of writers queueing instead of failing. H2 keeps 16 MiB of the
     * file's pages in memory by default, less than the indexes every write walks once a few thousand
     * candidatures are in: 64 MiB.
     */
    public static DatabaseSettings h2File(Path dataDir) {
        return new DatabaseSettings("jdbc:h2:file:" + dataDir.resolve("db").resolve("guichets").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=10000;CACHE_SIZE=65536", "sa", new char[0], 8);
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl.replaceAll("password=[^&;]*", "password=***") + ", user=" + user + "]";
    }
}
