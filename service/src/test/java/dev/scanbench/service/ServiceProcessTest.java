package dev.scanbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogPublicKey;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import dev.scanbench.pgstore.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as its users run it: {@code workbench serve} in a child JVM of its own, killed with SIGKILL
 * in the middle of a job and started again on the same state, and many clients submitting at once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServiceProcessTest {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final List<Process> servers = new ArrayList<>();
    private PgTestDatabase db;

    @BeforeEach
    void database() throws Exception {
        db = PgTestDatabase.create();
    }

    @AfterEach
    void stopServers() throws Exception {
        for (Process p : servers) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        db.close();
    }

    /** A running {@code workbench serve --json} child and what its first line said. */
    private record Server(Process process, URI url, String adminToken, JsonNode started) {
    }

    private Server serve(Path state, int emulatorSlots) throws Exception {
        return serve(state, emulatorSlots, null);
    }

    /** @param store the service's {@code --log} (a PostgreSQL URL), or null for the JSONL log in its state */
    private Server serve(Path state, int emulatorSlots, String store) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("workbench."))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.scanbench.harness.cli.Main", "serve",
                "--state", state.toString(), "--port", "0", "--emulator-slots", String.valueOf(emulatorSlots),
                "--rate", "120", "--json"));
        if (store != null) {
            cmd.addAll(List.of("--log", store));
        }
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("serve-" + servers.size() + ".err").toFile())
                .start();
        servers.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("serve's first line; stderr: %s", stderrOf(servers.size() - 1)).isNotNull();
        JsonNode started = Api.JSON.readTree(first);
        String token = Files.readString(Path.of(started.get("admin_token_file").asText())).strip();
        return new Server(p, URI.create(started.get("url").asText() + "/"), token, started);
    }

    private String stderrOf(int i) {
        try {
            return Files.readString(dir.resolve("serve-" + i + ".err"));
        } catch (Exception e) {
            return "(none)";
        }
    }

    private static List<LogEntry> entriesOf(Path state) throws Exception {
        return new ScoreLog(state.resolve("scores.jsonl")).read();
    }

    private static List<LogEntry> entriesOf(String store) throws Exception {
        try (ScoreStore s = ScoreStores.open(store, null)) {
            return s.read();
        }
    }

    private static LogVerification verified(String store, Server server) throws Exception {
        try (ScoreStore s = ScoreStores.open(store, null)) {
            return s.verify(LogPublicKey.read(Path.of(server.started().get("public_key").asText())));
        }
    }

    @Test
    void aServiceKilledMidJobResumesItAndTheJobIsLoggedExactlyOnceWithNoOrphan() throws Exception {
        Path state = dir.resolve("state");
        Server first = serve(state, 1);
        Api admin = new Api(first.url(), first.adminToken());
        ObjectNode body = Api.submission(Path.of("../kernels/04_lookback_single_thread.cu"), 65537);
        String id = admin.post("/submissions", body).body().get("id").asText();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        List<ProcessHandle> children = List.of();
        while (true) {
            JsonNode view = admin.get("/submissions/" + id).body();
            String status = view.path("status").asText();
            children = first.process().descendants().filter(ProcessHandle::isAlive).toList();
            if (status.equals("running") && !children.isEmpty()) {
                break;
            }
            assertThat(status).as("ended before it could be killed: %s; serve's stderr: %s", view, stderrOf(0))
                    .isIn("queued", "running");
            assertThat(System.nanoTime()).as("not running with a child: %s, children %s; serve's stderr: %s", view,
                    children, stderrOf(0)).isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        assertThat(entriesOf(state)).as("killed before its entry (the kernel scores in ~25 s)").isEmpty();

        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long orphanDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < orphanDeadline) {
            Thread.sleep(100);
        }
        assertThat(children.stream().filter(ProcessHandle::isAlive).map(h -> h.pid() + " " + h.info().command()
                .orElse("?")).toList()).as("the score child dies with the service (no orphan)").isEmpty();

        Server second = serve(state, 1);
        assertThat(second.started().get("resumed").asInt()).isEqualTo(1);
        assertThat(second.started().get("admin_token_created").asBoolean()).isFalse();
        JsonNode view = new Api(second.url(), second.adminToken()).awaitFinished(id, LIMIT);

        assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("done");
        List<LogEntry> entries = entriesOf(state);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).node().get("submission").asText()).isEqualTo(id);
        assertThat(entries.get(0).node().get("status").asText()).isEqualTo("ok");
        LogVerification v = new ScoreLog(state.resolve("scores.jsonl"))
                .verify(LogPublicKey.read(Path.of(second.started().get("public_key").asText())));
        assertThat(v.ok()).as(v.toString()).isTrue();
    }

    /**
     * SIGKILL at arbitrary moments while score children append to the service's PostgreSQL store (they die with the
     * service, maybe mid-transaction): after the last restart every submission is done, logged exactly once, and
     * the chain and signatures verify. (The JSONL log's torn-line repair under SIGKILL: ScoreLogProcessTest.)
     */
    @Test
    void aServiceOnPostgresKilledAgainAndAgainWhileItsJobsAppendLosesNothingAndLogsEachOnce() throws Exception {
        Path state = dir.resolve("state");
        String store = db.serviceUrl();
        Server server = serve(state, 2, store);
        Api admin = new Api(server.url(), server.adminToken());
        ObjectNode body = Api.submission(
                Path.of("../harness/src/test/resources/kernels/adversarial/noop.cu"), 4097);
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            ids.add(admin.post("/submissions", body).body().get("id").asText());
        }
        java.util.Random random = new java.util.Random();
        for (int kill = 0; kill < 3; kill++) {
            Thread.sleep(2000 + random.nextInt(2000));
            server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            server = serve(state, 2, store);
            admin = new Api(server.url(), server.adminToken());
        }
        for (String id : ids) {
            JsonNode view = admin.awaitFinished(id, LIMIT);
            assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("done");
        }

        List<LogEntry> entries = entriesOf(store);
        assertThat(entries.stream().map(e -> e.node().get("submission").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(ids);
        LogVerification v = verified(store, server);
        assertThat(v.ok()).as(v.toString()).isTrue();
    }

    /**
     * Clients submitting at once to a service on PostgreSQL. CI runs 8 clients x 2 submissions: each submission is a
     * scoring JVM that compiles and runs the gate (~3 s of CPU), and the suite must stay well under CI's budget on 2
     * cores. The 8 x 25 is the same test with {@code -Dservice.load.each=25} (README, "Tests").
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.MINUTES)
    void clientsAtOnceEachSubmissionRunsAndIsLoggedExactlyOnceInPostgres() throws Exception {
        int clients = Integer.getInteger("service.load.clients", 8);
        int each = Integer.getInteger("service.load.each", 2);
        Path state = dir.resolve("state");
        String store = db.serviceUrl();
        Server server = serve(state, 2, store);
        Api admin = new Api(server.url(), server.adminToken());
        List<Api> agents = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            JsonNode made = admin.post("/tokens", Api.JSON.createObjectNode().put("name", "agent-" + c)).body();
            agents.add(admin.as(made.get("token").asText()));
        }
        ObjectNode body = Api.submission(
                Path.of("../harness/src/test/resources/kernels/adversarial/noop.cu"), 4097);
        Map<String, String> ownerOf = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Api agent = agents.get(c);
                String name = "agent-" + c;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < each; k++) {
                        Api.Reply r = agent.post("/submissions", body);
                        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
                        ownerOf.put(r.body().get("id").asText(), name);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ownerOf).hasSize(clients * each);
        for (String id : ownerOf.keySet()) {
            JsonNode view = admin.awaitFinished(id, LIMIT);
            assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("done");
        }

        List<LogEntry> entries = entriesOf(store);
        assertThat(entries).hasSize(clients * each);
        Set<String> logged = new HashSet<>();
        for (LogEntry e : entries) {
            String id = e.node().get("submission").asText();
            assertThat(logged.add(id)).as("logged twice: " + id).isTrue();
            assertThat(e.node().get("label").asText()).isEqualTo(ownerOf.get(id));
            assertThat(e.node().get("status").asText()).isEqualTo("wrong_answer");
        }
        assertThat(logged).isEqualTo(ownerOf.keySet());
        LogVerification v = verified(store, server);
        assertThat(v.ok()).as(v.toString()).isTrue();
    }
}
