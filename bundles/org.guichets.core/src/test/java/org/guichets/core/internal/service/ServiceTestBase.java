package org.guichets.core.internal.service;

import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** Runs every service test on H2 and on a real PostgreSQL, each test on a fresh database. */
@RunWith(Parameterized.class)
public abstract class ServiceTestBase {

    @Parameters(name = "{0}")
    public static List<String> databases() {
        return List.of(TestDatabases.H2, TestDatabases.POSTGRESQL);
    }

    @Parameter
    public String database;

    protected Fixture f;

    @Before
    public void openFixture() throws Exception {
        f = new Fixture(database);
    }

    @After
    public void closeFixture() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    /** How many rows a table has, read with plain SQL. */
    protected long count(String table) {
        return f.db.read(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult()).longValue());
    }
}
