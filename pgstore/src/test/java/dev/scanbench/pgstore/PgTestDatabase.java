package dev.scanbench.pgstore;

import dev.scanbench.harness.log.ScoreStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the test PostgreSQL server (scripts/postgres-local, whose `up` prints
 * WORKBENCH_TEST_PG_URL and PGPASSFILE), migrated as the owner role and granted to the service role, dropped
 * on close. A missing server is a failure, never a skip: scripts/test starts one.
 */
public final class PgTestDatabase implements AutoCloseable {
    public static final String OWNER = "workbench_owner";
    public static final String SERVICE = "workbench_service";

    private final String server;
    private final String name;

    private PgTestDatabase(String server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates, migrates and grants a database of its own. */
    public static PgTestDatabase create() throws Exception {
        String url = System.getenv("WORKBENCH_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("WORKBENCH_TEST_PG_URL is not set: start the test server with"
                    + " `eval \"$(scripts/postgres-local up)\"` (scripts/test does)");
        }
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        String name = "wb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection db = connect(server + "workbench", OWNER); Statement s = db.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            s.execute("GRANT CONNECT ON DATABASE " + name + " TO " + SERVICE);
            s.execute("REVOKE CONNECT ON DATABASE " + name + " FROM PUBLIC");
        }
        PgTestDatabase d = new PgTestDatabase(server, name);
        ScoreStores.migrate(d.ownerUrl(), List.of(SERVICE));
        return d;
    }

    /** @return the database as the owner role (migrations, and the tests' attacks) */
    public String ownerUrl() {
        return server + name + "?user=" + OWNER;
    }

    /** @return the database as the service's role: SELECT and INSERT only */
    public String serviceUrl() {
        return server + name + "?user=" + SERVICE;
    }

    /** @return a plain JDBC connection as {@code role}, password from the pgpass file */
    public Connection as(String role) throws Exception {
        return connect(server + name, role);
    }

    private static Connection connect(String url, String role) throws Exception {
        PgLocation at = PgLocation.parse(url + "?user=" + role, System.getenv());
        return DriverManager.getConnection(url, at.credentials());
    }

    @Override
    public void close() throws Exception {
        try (Connection db = connect(server + "workbench", OWNER); Statement s = db.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
