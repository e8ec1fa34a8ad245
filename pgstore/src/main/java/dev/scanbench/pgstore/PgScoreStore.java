package dev.scanbench.pgstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.scanbench.harness.log.ChainCheck;
import dev.scanbench.harness.log.EntryChain;
import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogCorruptedException;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogProblem;
import dev.scanbench.harness.log.LogPublicKey;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreLogException;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.sources.SourceStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The score log in a PostgreSQL table ({@code score_entries}, made by {@link PgMigrations}). Each row holds an
 * entry's stored bytes exactly as the JSONL log would; appends are serialised by the database (one transaction
 * holding an advisory lock reads the last entry and inserts the next), and the table's constraints refuse a second
 * entry at a seq, a fork of the chain and a second entry for one submission even from a writer that skips the lock.
 * Rows are never updated or deleted (the schema's triggers refuse it, and the service's role is granted neither).
 */
final class PgScoreStore implements ScoreStore {

    /** The advisory lock every appender of a score log database takes: "scanbench" in ASCII, as a number. */
    static final long APPEND_LOCK = 0x7363616e62656e63L;

    private final PgLocation location;
    private final LogSigningKey signer;
    private final HikariDataSource pool;

    private PgScoreStore(PgLocation location, LogSigningKey signer, HikariDataSource pool) {
        this.location = location;
        this.signer = signer;
        this.pool = pool;
    }

    /** Connects (one connection at first, at most four) and checks the schema is there. */
    static PgScoreStore open(PgLocation location, LogSigningKey signer) throws IOException {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(location.url());
        c.setUsername(location.user());
        if (location.password() != null) {
            c.setPassword(location.password());
        }
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(10_000);
        c.setPoolName("score-store");
        c.setAutoCommit(true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (HikariPool.PoolInitializationException e) {
            throw new ScoreLogException("cannot connect to the score store " + location.shown() + " as role "
                    + location.user() + ": " + rootMessage(e), e);
        }
        PgScoreStore store = new PgScoreStore(location, signer, pool);
        try {
            store.checkSchema();
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    private void checkSchema() throws IOException {
        try (Connection db = pool.getConnection();
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('score_entries') IS NOT NULL,"
                     + " to_regclass('score_sources') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1) || !r.getBoolean(2)) {
                throw new ScoreLogException(location.shown() + " has no score log schema: run `workbench log migrate"
                        + " --log URL --grant " + location.user() + "` as the database's owner first", null);
            }
        } catch (SQLException e) {
            throw failure("reading the schema of", e);
        }
    }

    @Override
    public String engine() {
        return "postgresql";
    }

    @Override
    public String location() {
        return location.shown();
    }

    @Override
    public LogEntry append(ObjectNode payload) throws IOException {
        return appendUnless(payload, null, null).entry();
    }

    @Override
    public Appended appendOnce(ObjectNode payload, String field, String value) throws IOException {
        return appendUnless(payload, java.util.Objects.requireNonNull(field), java.util.Objects.requireNonNull(value));
    }

    private Appended appendUnless(ObjectNode payload, String field, String value) throws IOException {
        try (Connection db = pool.getConnection()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, APPEND_LOCK);
                    lock.execute();
                }
                if (field != null) {
                    LogEntry there = find(db, field, value);
                    if (there != null) {
                        db.rollback();
                        return new Appended(there, false);
                    }
                }
                LogEntry last = last(db);
                byte[] stored = EntryChain.next(last, payload, signer);
                long seq = last == null ? 0 : last.seq() + 1;
                LogEntry entry = entry(seq, stored);
                JsonNode submission = payload.get("submission");
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO score_entries"
                        + " (seq, hash, prev, submission, stored) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setLong(1, seq);
                    insert.setString(2, entry.hash());
                    insert.setString(3, entry.prev());
                    insert.setString(4, submission != null && submission.isTextual() ? submission.asText() : null);
                    insert.setBytes(5, stored);
                    insert.executeUpdate();
                }
                db.commit();
                return new Appended(entry, true);
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackQuietly(db);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("appending to", e);
        }
    }

    private LogEntry last(Connection db) throws SQLException, IOException {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, stored FROM score_entries ORDER BY seq DESC LIMIT 1")) {
            if (!r.next()) {
                return null;
            }
            long seq = r.getLong(1);
            return EntryChain.decode(r.getBytes(2), seq + 1, where(seq) + " (the last entry; cannot chain onto it)");
        }
    }

    @Override
    public Optional<LogEntry> find(String field, String value) throws IOException {
        try (Connection db = pool.getConnection()) {
            return Optional.ofNullable(find(db, field, value));
        } catch (SQLException e) {
            throw failure("reading", e);
        }
    }

    private LogEntry find(Connection db, String field, String value) throws SQLException, IOException {
        // The stored bytes are the entry's canonical JSON (with hash and sig members), so jsonb reads its fields.
        try (PreparedStatement q = db.prepareStatement("SELECT seq, stored FROM score_entries"
                + " WHERE convert_from(stored, 'UTF8')::jsonb ->> ? = ? ORDER BY seq LIMIT 1")) {
            q.setString(1, field);
            q.setString(2, value);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return entry(r.getLong(1), r.getBytes(2));
            }
        }
    }

    @Override
    public LogEntries read() throws IOException {
        List<LogEntry> entries = new ArrayList<>();
        inSeqOrder("reading", (seq, hash, stored) -> entries.add(entry(seq, stored)));
        return LogEntries.of(entries);
    }

    /**
     * Every row in seq order through the same checks as a JSONL line, plus that the row's own seq and hash columns
     * agree with the bytes they index. There is no head file: the rows cannot be deleted (the triggers), but an
     * owner who drops the triggers could cut entries off the end unseen, as anyone could with a JSONL log and its
     * head file together.
     */
    @Override
    public LogVerification verify(LogPublicKey key) throws IOException {
        ChainCheck chain = new ChainCheck(key);
        List<LogVerification.Failure> failure = new ArrayList<>(1);
        inSeqOrder("verifying", (seq, hash, stored) -> {
            long number = chain.count() + 1;
            Optional<LogVerification.Failure> bad = chain.check(stored, number, where(seq) + ": ");
            if (bad.isEmpty() && (seq != number - 1 || !hash.equals(chain.lastHash()))) {
                bad = Optional.of(new LogVerification.Failure(LogProblem.HASH_MISMATCH, seq, number, where(seq)
                        + ": the row's seq and hash columns (" + seq + ", " + hash
                        + ") do not match the entry they hold"));
            }
            bad.ifPresent(failure::add);
            return bad.isEmpty();
        });
        return failure.isEmpty() ? chain.passed(List.of()) : chain.failed(failure.get(0), List.of());
    }

    /** One row, in seq order; {@code false} ends the scan. */
    @FunctionalInterface
    private interface RowVisitor {
        boolean visit(long seq, String hash, byte[] stored) throws IOException;
    }

    /** Streams every row in seq order through a cursor, so a long log is never held whole by the driver. */
    private void inSeqOrder(String doing, RowVisitor visitor) throws IOException {
        try (Connection db = pool.getConnection()) {
            db.setAutoCommit(false); // the driver only uses a cursor (the fetch size) inside a transaction
            try (Statement s = db.createStatement()) {
                s.setFetchSize(500);
                try (ResultSet r = s.executeQuery("SELECT seq, hash, stored FROM score_entries ORDER BY seq")) {
                    while (r.next() && visitor.visit(r.getLong(1), r.getString(2), r.getBytes(3))) {
                        // the visitor did the work
                    }
                }
            } finally {
                rollbackQuietly(db);
            }
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    /** The entry a row holds; a row that is not one names the store and its seq. */
    private LogEntry entry(long seq, byte[] stored) throws LogCorruptedException {
        return EntryChain.decode(stored, seq + 1, where(seq));
    }

    @Override
    public SourceStore sources() {
        return new PgSourceStore(pool, location);
    }

    @Override
    public String sourcesLocation() {
        return location.shown() + " (table score_sources)";
    }

    @Override
    public void close() {
        pool.close();
    }

    private String where(long seq) {
        return location.shown() + " seq " + seq;
    }

    private ScoreLogException failure(String doing, SQLException e) {
        return new ScoreLogException("PostgreSQL score store " + location.shown() + ": " + doing + " it failed: "
                + e.getMessage() + (e.getSQLState() != null ? " (SQLSTATE " + e.getSQLState() + ")" : ""), e);
    }

    private static void rollbackQuietly(Connection db) {
        try {
            db.rollback();
        } catch (SQLException e) {
            // the connection is broken; the pool drops it, and the transaction ends with it
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
