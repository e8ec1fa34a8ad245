package dev.scanbench.pgstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.cli.Main;
import dev.scanbench.harness.log.EntryChain;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands over a PostgreSQL store, as a user types them: score appends a signed entry and its source there, and
 * log show, tail and verify, leaderboard and report read it back.
 */
class PgStoreCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL = "../kernels/04_lookback_single_thread.cu";

    @TempDir
    static Path dir;

    private static PgTestDatabase db;
    private static Path key;
    private static JsonNode scored;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void scoreOneKernelIntoTheDatabase() throws Exception {
        db = PgTestDatabase.create();
        key = dir.resolve("keys/signing-key");
        Run r = run("score", KERNEL, "--backend", "emulator", "--n", "65537", "--json", "--label", "pg",
                "--signing-key", key.toString(), "--log", db.serviceUrl());
        assertThat(r.code()).as(r.err()).isZero();
        scored = r.json();
    }

    @AfterAll
    static void dropIt() throws Exception {
        db.close();
    }

    @Test
    void scoreLogsItsEntryAndSourceInTheDatabaseSigned() throws Exception {
        assertThat(scored.path("status").asText()).isEqualTo("ok");
        assertThat(scored.path("log").path("file").asText()).isEqualTo(db.serviceUrl());
        assertThat(scored.path("log").path("seq").asLong()).isZero();
        assertThat(scored.path("log").path("signed_by").isTextual()).isTrue();
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            LogEntry e = store.read().get(0);
            assertThat(e.hash()).isEqualTo(scored.path("log").path("hash").asText());
            assertThat(e.signature()).isPresent();
            String sha = e.payload().path("source").path("sha256").asText();
            assertThat(new String(store.sources().read(sha).orElseThrow(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of(KERNEL)));
        }
    }

    @Test
    void logShowTailAndVerifyReadTheDatabase() throws Exception {
        Run show = run("log", "show", "--json", "--log", db.serviceUrl());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.json().path("log").asText()).isEqualTo(db.serviceUrl());
        assertThat(show.json().path("total").asInt()).isEqualTo(1);
        assertThat(show.json().path("entries").get(0).path("kernel").asText()).isEqualTo(KERNEL);

        Run tail = run("log", "tail", "-n", "1", "--log", db.serviceUrl());
        assertThat(tail.code()).isZero();
        assertThat(tail.out()).contains("status=ok").contains(KERNEL);

        Run verify = run("log", "verify", "--json", "--public-key", key + ".pub", "--log", db.serviceUrl());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.json().path("ok").asBoolean()).isTrue();
        assertThat(verify.json().path("signed_by").asText()).isEqualTo(scored.path("log").path("signed_by").asText());
        assertThat(verify.json().path("sources").path("intact").asInt()).isEqualTo(1);
    }

    @Test
    void theLeaderboardAndTheReportReadTheDatabase() throws Exception {
        Run board = run("leaderboard", "--json", "--log", db.serviceUrl());
        assertThat(board.code()).as(board.err()).isZero();
        assertThat(board.out()).contains(KERNEL);

        Path page = dir.resolve("report.html");
        Run report = run("report", "--json", "--output", page.toString(), "--log", db.serviceUrl());
        assertThat(report.code()).as(report.out() + report.err()).isZero();
        assertThat(Files.readString(page)).contains("04_lookback_single_thread.cu").contains("log verifies");
    }

    @Test
    void aForgedRowIsNamedByVerifyWithThePublicKeyAndExitOne() throws Exception {
        try (PgTestDatabase other = PgTestDatabase.create()) {
            // Inserted by whoever can insert (the service's role) without the private key: well chained, unsigned.
            byte[] one = EntryChain.next(null, JSON.createObjectNode().put("kernel", "a.cu").put("status", "ok"), null);
            LogEntry first = EntryChain.decode(one, 1, "one");
            try (Connection c = other.as(PgTestDatabase.SERVICE); PreparedStatement in = c.prepareStatement(
                    "INSERT INTO score_entries (seq, hash, prev, stored) VALUES (0, ?, ?, ?)")) {
                in.setString(1, first.hash());
                in.setString(2, first.prev());
                in.setBytes(3, one);
                in.executeUpdate();
            }
            Run verify = run("log", "verify", "--json", "--public-key", key + ".pub", "--log", other.serviceUrl());
            assertThat(verify.code()).isEqualTo(1);
            assertThat(verify.json().path("failure").path("problem").asText()).isEqualTo("unsigned");
            assertThat(verify.json().path("failure").path("seq").asLong()).isZero();
        }
    }

    @Test
    void aStoreThatCannotBeReachedIsExitFourWithItsReason() throws Exception {
        Run r = run("log", "show", "--json", "--log", "jdbc:postgresql://127.0.0.1:1/none?user=nobody");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.json().path("error").path("message").asText()).contains("cannot connect to the score store");
        // score opens the store before it runs anything: no run is spent on a result that cannot be logged.
        Run score = run("score", KERNEL, "--backend", "emulator", "--n", "65537", "--json", "--log",
                "jdbc:postgresql://127.0.0.1:1/none?user=nobody");
        assertThat(score.code()).isEqualTo(4);
        assertThat(score.json().path("error").path("message").asText()).contains("cannot connect to the score store");
        assertThat(score.err()).doesNotContain("backend:");
        Run m = run("log", "migrate", "--log", dir.resolve("scores.jsonl").toString());
        assertThat(m.code()).isEqualTo(4);
        assertThat(m.err()).contains("no schema to migrate");
    }
}
