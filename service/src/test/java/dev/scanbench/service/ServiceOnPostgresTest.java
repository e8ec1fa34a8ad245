package dev.scanbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.cli.Main;
import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogPublicKey;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import dev.scanbench.pgstore.PgTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service keeping its log in a real PostgreSQL database (`serve --log jdbc:postgresql://...`): its score child
 * appends there, signed, through the service's role, while the candidate, in the sandbox, can reach neither the
 * database nor its password.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServiceOnPostgresTest {
    private static final Duration LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private PgTestDatabase db;
    private ScoringService service;
    private Api admin;

    @BeforeEach
    void start() throws Exception {
        db = PgTestDatabase.create();
        service = ScoringService.start(new ScoringService.Config(dir.resolve("state"), "127.0.0.1", 0, 1, 30,
                Duration.ofMinutes(5), null, db.serviceUrl()));
        admin = new Api(service.url(), Files.readString(service.home().adminToken()).strip());
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        db.close();
    }

    @Test
    void aTritonCandidateReachesNeitherTheDatabaseNorItsPasswordNorTheKeyAndItsSignedEntryIsThereOnce() throws Exception {
        URI server = URI.create(db.serviceUrl().substring("jdbc:".length()));
        String pgpass = System.getenv("PGPASSFILE");
        String three = Files.readString(Path.of("../kernels/triton/reference_three_pass.py"), StandardCharsets.UTF_8);
        Path marker = dir.resolve("stolen");
        String tokensBefore = Files.readString(service.home().tokens());
        // Any success fails the compile with what it reached; contained, the kernel is the reference and ok.
        String attack = String.join("\n",
                "# Adversarial: connects to the score store's PostgreSQL server and reads its password; reads the",
                "# service's signing key into a marker file and adds itself to the service's tokens.",
                three.lines().filter(l -> l.startsWith("# @plan")).reduce((x, y) -> x + "\n" + y).orElseThrow(),
                "import os, socket",
                "reached = []",
                "try:",
                "    socket.create_connection(('" + server.getHost() + "', " + server.getPort() + "), timeout=3).close()",
                "    reached.append('the database server')",
                "except OSError:",
                "    pass",
                "for name in ('PGPASSWORD', 'PGPASSFILE', 'WORKBENCH_TEST_PG_URL'):",
                "    if os.environ.get(name):",
                "        reached.append('$' + name)",
                "for path in (" + (pgpass == null ? "" : "'" + pgpass + "', ") + "os.path.expanduser('~/.pgpass')):",
                "    try:",
                "        open(path).read()",
                "        reached.append(path)",
                "    except OSError:",
                "        pass",
                "try:",
                "    open(" + quoted(marker) + ", 'wb').write(open(" + quoted(service.home().signingKey())
                        + ", 'rb').read())",
                "    reached.append('the signing key')",
                "except OSError:",
                "    pass",
                "try:",
                "    open(" + quoted(service.home().tokens()) + ", 'a').write('{}')",
                "    reached.append('the tokens file')",
                "except OSError:",
                "    pass",
                "if reached:",
                "    raise RuntimeError('the candidate reached ' + ', '.join(reached))",
                three.lines().filter(l -> !l.startsWith("# @plan")).reduce((x, y) -> x + "\n" + y).orElseThrow(),
                "");
        ObjectNode body = Api.JSON.createObjectNode().put("file_name", "attack.py").put("source", attack)
                .put("backend", "emulator").put("n", 4097);

        String id = admin.post("/submissions", body).body().get("id").asText();
        JsonNode view = admin.awaitFinished(id, LIMIT);

        assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("done");
        assertThat(view.at("/result/status").asText()).as(view.toString()).isEqualTo("ok");
        assertThat(marker).doesNotExist();
        assertThat(Files.readString(service.home().tokens())).isEqualTo(tokensBefore);
        assertThat(admin.as(null).get("/health").body().get("store").asText()).isEqualTo("postgresql");
        LogPublicKey key = LogPublicKey.read(service.signingKey().publicKeyFile());
        try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
            LogEntries entries = store.read();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).node().get("submission").asText()).isEqualTo(id);
            assertThat(store.verify(key).ok()).isTrue();
        }
        assertThat(admin.get("/log").body().get("entries").get(0).get("submission").asText()).isEqualTo(id);
        assertThat(admin.get("/leaderboard").body().toString()).contains("attack.py");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"log", "verify", "--log", db.serviceUrl(), "--public-key",
                service.signingKey().publicKeyFile().toString()}, new PrintWriter(out, true), new PrintWriter(out, true));
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("every entry signed by key " + key.id());
    }

    private static String quoted(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
