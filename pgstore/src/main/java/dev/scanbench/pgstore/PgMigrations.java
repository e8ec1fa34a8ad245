package dev.scanbench.pgstore;

import dev.scanbench.harness.log.ScoreLogException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The score log's schema, versioned: Flyway applies {@code db/scorelog/V<n>__*.sql} in order, each once, recording
 * them in {@code score_log_schema_history}. Run as the database's owner; the scoring service's role is then
 * granted reading and inserting, and nothing else.
 */
final class PgMigrations {
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private PgMigrations() {
    }

    static List<String> migrate(PgLocation location, List<String> grantTo) throws IOException {
        for (String role : grantTo) {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("--grant takes a plain role name (letters, digits, _ and $), not "
                        + role);
            }
        }
        List<String> steps = new ArrayList<>();
        try {
            MigrateResult result = Flyway.configure(PgMigrations.class.getClassLoader())
                    .dataSource(location.url(), location.user(), location.password())
                    .locations("classpath:db/scorelog")
                    .table("score_log_schema_history")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            if (result.migrationsExecuted == 0) {
                steps.add("schema of " + location.shown() + " is up to date at version " + result.initialSchemaVersion);
            }
            result.migrations.forEach(m -> steps.add("applied migration " + m.version + " (" + m.description + ") to "
                    + location.shown()));
        } catch (FlywayException e) {
            throw new ScoreLogException("migrating " + location.shown() + " as role " + location.user() + " failed: "
                    + PgScoreStore.rootMessage(e), e);
        }
        if (grantTo.isEmpty()) {
            return steps;
        }
        try (Connection db = DriverManager.getConnection(location.url(), location.credentials());
             Statement s = db.createStatement()) {
            for (String role : grantTo) {
                String quoted = "\"" + role + "\"";
                s.execute("GRANT USAGE ON SCHEMA public TO " + quoted);
                s.execute("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON score_entries, score_sources FROM "
                        + quoted);
                s.execute("GRANT SELECT, INSERT ON score_entries, score_sources TO " + quoted);
                steps.add("granted " + role + " SELECT and INSERT on score_entries and score_sources (no UPDATE,"
                        + " DELETE or TRUNCATE)");
            }
        } catch (SQLException e) {
            throw new ScoreLogException("granting on " + location.shown() + " failed: " + e.getMessage(), e);
        }
        return steps;
    }
}
