package dev.scanbench.pgstore;

import dev.scanbench.harness.compile.Sha256;
import dev.scanbench.harness.log.ScoreLogException;
import dev.scanbench.harness.sources.SourceCorruptedException;
import dev.scanbench.harness.sources.SourceStore;
import dev.scanbench.harness.sources.StoredSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The scored kernels' sources in the {@code score_sources} table, by SHA-256: inserted once (a second insert of the
 * same bytes is a no-op), never changed, every read checked against its name.
 */
final class PgSourceStore implements SourceStore {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final DataSource pool;
    private final PgLocation location;

    PgSourceStore(DataSource pool, PgLocation location) {
        this.pool = pool;
        this.location = location;
    }

    @Override
    public StoredSource put(String fileName, byte[] bytes) throws IOException {
        String hash = Sha256.hex(bytes);
        try (Connection db = pool.getConnection();
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO score_sources (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING")) {
            insert.setString(1, hash);
            insert.setBytes(2, bytes);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new ScoreLogException("PostgreSQL score store " + location.shown() + ": storing source " + hash
                    + " failed: " + e.getMessage(), e);
        }
        return new StoredSource(hash, bytes.length, fileName);
    }

    @Override
    public Optional<byte[]> read(String sha256) throws IOException, SourceCorruptedException {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
        }
        byte[] bytes;
        try (Connection db = pool.getConnection();
             PreparedStatement q = db.prepareStatement("SELECT bytes FROM score_sources WHERE sha256 = ?")) {
            q.setString(1, sha256);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                bytes = r.getBytes(1);
            }
        } catch (SQLException e) {
            throw new ScoreLogException("PostgreSQL score store " + location.shown() + ": reading source " + sha256
                    + " failed: " + e.getMessage(), e);
        }
        String actual = Sha256.hex(bytes);
        if (!actual.equals(sha256)) {
            throw new SourceCorruptedException(null, location.shown() + " score_sources " + sha256
                    + ": the stored bytes hash to " + actual + " (changed after they were stored)");
        }
        return Optional.of(bytes);
    }
}
