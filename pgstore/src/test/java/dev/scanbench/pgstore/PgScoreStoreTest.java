package dev.scanbench.pgstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.log.EntryChain;
import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogProblem;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreLog;
import dev.scanbench.harness.log.ScoreLogException;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score log in a real PostgreSQL server: the same chain as the JSONL log, serialised appends, immutable rows. */
class PgScoreStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PgTestDatabase db;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = PgTestDatabase.create();
    }

    @AfterEach
    void dropIt() throws Exception {
        db.close();
    }

    private static ObjectNode payload(int i) {
        return JSON.createObjectNode().put("kernel", "k" + i + ".cu").put("status", "ok").put("median_ms", 0.5 + i);
    }

    @Test
    void entriesChainAsInTheJsonlLogAndTheirRowsExportToAJsonlLogThatVerifies() throws Exception {
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            assertThat(store.engine()).isEqualTo("postgresql");
            for (int i = 0; i < 5; i++) {
                LogEntry e = store.append(payload(i));
                assertThat(e.seq()).isEqualTo(i);
            }
            LogEntries entries = store.read();
            assertThat(entries).hasSize(5);
            assertThat(entries.get(3).payload().get("kernel").asText()).isEqualTo("k3.cu");
            assertThat(entries.get(1).prev()).isEqualTo(entries.get(0).hash());
            LogVerification v = store.verify();
            assertThat(v.ok()).as(v.summary()).isTrue();
            assertThat(v.entryCount()).isEqualTo(5);
            assertThat(v.headHash()).isEqualTo(entries.get(4).hash());
        }
        // The rows' bytes, one per line, are a JSONL log the file engine verifies: one schema, one chain.
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        try (Connection c = db.as(PgTestDatabase.SERVICE); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT stored FROM score_entries ORDER BY seq")) {
            while (r.next()) {
                lines.write(r.getBytes(1));
                lines.write('\n');
            }
        }
        Path file = Files.write(dir.resolve("export.jsonl"), lines.toByteArray());
        ScoreLog exported = new ScoreLog(file);
        LogVerification chain = exported.verify();
        assertThat(chain.failure()).as("only the head file is missing").isPresent();
        assertThat(chain.failure().get().problem()).isEqualTo(LogProblem.HEAD_MISMATCH);
        assertThat(chain.entryCount()).isEqualTo(5);
    }

    @Test
    void eightWritersAppendingTwentyFiveSubmissionsEachAndRetryingThemLogEveryOneExactlyOnce() throws Exception {
        LogSigningKey key = LogSigningKey.at(dir.resolve("keys/signing-key"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.add(pool.submit((Callable<Integer>) () -> {
                int appended = 0;
                // A store (and pool) per writer: each is a separate client of the database.
                try (ScoreStore store = ScoreStores.open(db.serviceUrl(), key)) {
                    for (int i = 0; i < 25; i++) {
                        String id = "sub-" + writer + "-" + i;
                        ObjectNode p = payload(i).put("submission", id);
                        // Each submission is appended twice, as a restarted service would: once must be a no-op.
                        for (int attempt = 0; attempt < 2; attempt++) {
                            if (store.appendOnce(p, "submission", id).appended()) {
                                appended++;
                            }
                        }
                    }
                }
                return appended;
            }));
        }
        int total = 0;
        for (Future<Integer> f : writers) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(200);
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            LogEntries entries = store.read();
            assertThat(entries).hasSize(200);
            Set<String> ids = new HashSet<>();
            entries.forEach(e -> ids.add(e.payload().get("submission").asText()));
            assertThat(ids).hasSize(200);
            LogVerification v = store.verify(key.publicKey());
            assertThat(v.ok()).as(v.summary()).isTrue();
            assertThat(v.entryCount()).isEqualTo(200);
            assertThat(store.find("submission", "sub-3-7")).isPresent();
            assertThat(store.find("submission", "sub-9-0")).isEmpty();
        }
    }

    @Test
    void theServiceRoleCanNeitherChangeNorDeleteAnEntryAndTheOwnerIsRefusedByTheSchema() throws Exception {
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            store.append(payload(0));
            store.sources().put("k.cu", "__global__ void k() {}".getBytes(StandardCharsets.UTF_8));
        }
        try (Connection service = db.as(PgTestDatabase.SERVICE); Statement s = service.createStatement()) {
            for (String sql : List.of("UPDATE score_entries SET submission = 'x'", "DELETE FROM score_entries",
                    "TRUNCATE score_entries", "UPDATE score_sources SET bytes = 'x'", "DELETE FROM score_sources",
                    "DROP TABLE score_entries", "ALTER TABLE score_entries DISABLE TRIGGER ALL")) {
                // Not granted ("permission denied") or not the owner ("must be owner"): both insufficient_privilege.
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
        try (Connection owner = db.as(PgTestDatabase.OWNER); Statement s = owner.createStatement()) {
            for (String sql : List.of("UPDATE score_entries SET submission = 'x'", "DELETE FROM score_entries",
                    "TRUNCATE score_entries", "DELETE FROM score_sources")) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("the score log is append-only");
            }
        }
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            assertThat(store.read()).hasSize(1);
            assertThat(store.verify().ok()).isTrue();
        }
    }

    @Test
    void anEntryForgedOrEditedInTheDatabaseIsNamedByVerifyWithThePublicKey() throws Exception {
        LogSigningKey key = LogSigningKey.at(dir.resolve("keys/signing-key"));
        LogEntry last;
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), key)) {
            store.append(payload(0));
            last = store.append(payload(1));
            LogVerification v = store.verify(key.publicKey());
            assertThat(v.ok()).as(v.summary()).isTrue();
            assertThat(v.signedBy()).contains(key.publicKey().id());
        }
        // Whoever can insert (the service's role) but lacks the key: a well-chained entry, unsigned.
        byte[] forged = EntryChain.next(last, payload(99).put("median_ms", 0.001), null);
        LogEntry f = EntryChain.decode(forged, 3, "forged");
        try (Connection service = db.as(PgTestDatabase.SERVICE);
             PreparedStatement insert = service.prepareStatement(
                     "INSERT INTO score_entries (seq, hash, prev, stored) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, 2);
            insert.setString(2, f.hash());
            insert.setString(3, f.prev());
            insert.setBytes(4, forged);
            insert.executeUpdate();
        }
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            assertThat(store.verify().ok()).as("the chain alone cannot tell").isTrue();
            LogVerification v = store.verify(key.publicKey());
            assertThat(v.ok()).isFalse();
            assertThat(v.failure().orElseThrow().problem()).isEqualTo(LogProblem.UNSIGNED);
            assertThat(v.failure().get().seq()).isEqualTo(2);
            assertThat(v.failure().get().detail()).contains("seq 2");
            assertThat(v.entryCount()).isEqualTo(2);
        }
        // The owner, who can lift the schema's triggers, edits entry 0's result in place: its hash no longer fits.
        try (Connection owner = db.as(PgTestDatabase.OWNER); Statement s = owner.createStatement()) {
            s.execute("ALTER TABLE score_entries DISABLE TRIGGER score_entries_append_only");
            s.execute("UPDATE score_entries SET stored = convert_to(replace(convert_from(stored, 'UTF8'),"
                    + " '\"median_ms\":0.5', '\"median_ms\":0.1'), 'UTF8') WHERE seq = 0");
        }
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            LogVerification v = store.verify(key.publicKey());
            assertThat(v.failure().orElseThrow().problem()).isEqualTo(LogProblem.HASH_MISMATCH);
            assertThat(v.failure().get().seq()).isZero();
        }
    }

    @Test
    void aStoreWithoutItsSchemaOrServerIsRefusedWithWhatToDo() throws Exception {
        String bare;
        try (Connection owner = db.as(PgTestDatabase.OWNER); Statement s = owner.createStatement()) {
            s.execute("CREATE SCHEMA other");
        }
        // A database with no score log tables: the service's role searching an empty schema path.
        bare = db.serviceUrl() + "&currentSchema=other";
        assertThatThrownBy(() -> ScoreStores.open(bare, null)).isInstanceOf(ScoreLogException.class)
                .hasMessageContaining("has no score log schema").hasMessageContaining("workbench log migrate");
        assertThatThrownBy(() -> ScoreStores.open("jdbc:postgresql://127.0.0.1:1/none?user=x&password=secret", null))
                .isInstanceOf(ScoreLogException.class).hasMessageContaining("cannot connect to the score store")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ScoreStores.migrate(dir.resolve("scores.jsonl").toString(), List.of()))
                .isInstanceOf(ScoreLogException.class).hasMessageContaining("no schema to migrate");
    }
}
