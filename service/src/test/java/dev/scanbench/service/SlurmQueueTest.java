package dev.scanbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreLog;
import dev.scanbench.service.job.SlurmQueue;
import dev.scanbench.service.slurm.Slurm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm engine against a real Slurm cluster: the one-node cluster scripts/test starts with
 * {@code scripts/slurm-local up} (SLURM_CONF names it). Without one these tests fail, and say how to start it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SlurmQueueTest {
    private static final Duration LIMIT = Duration.ofMinutes(4);
    private static final Path NOOP = Path.of("../harness/src/test/resources/kernels/adversarial/noop.cu");
    private static final Path LOOKBACK = Path.of("../kernels/04_lookback_single_thread.cu");

    @TempDir
    Path dir;

    private ScoringService service;

    @BeforeAll
    static void aClusterAnswers() throws Exception {
        try {
            new Slurm(Path.of(System.getProperty("java.io.tmpdir"))).partitions();
        } catch (java.io.IOException e) {
            throw new AssertionError("these tests need a Slurm cluster: run them through scripts/test, or start one"
                    + " with `eval \"$(sudo scripts/slurm-local up)\"` (SLURM_CONF=" + System.getenv("SLURM_CONF")
                    + "): " + e.getMessage(), e);
        }
    }

    private ScoringService start(Path state) throws Exception {
        return ScoringService.start(new ScoringService.Config(state, "127.0.0.1", 0, 1, 60, Duration.ofMinutes(5),
                new SlurmQueue.Settings(null, null, Duration.ofMillis(300))));
    }

    private Api admin() throws Exception {
        return new Api(service.url(), Files.readString(service.home().adminToken()).strip());
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static List<LogEntry> entriesOf(ScoringService s, String id) throws Exception {
        return new ScoreLog(s.home().log()).read().stream()
                .filter(e -> id.equals(e.node().path("submission").asText(null))).toList();
    }

    private void awaitStatus(Api api, String id, String status) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!api.get("/submissions/" + id).body().path("status").asText().equals(status)) {
            assertThat(System.nanoTime()).as("%s never became %s", id, status).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aSubmissionIsASlurmJobNamedForItLoggedOnceAndSignedAndACancelReachesSlurm() throws Exception {
        service = start(dir.resolve("state"));
        Api admin = admin();
        assertThat(admin.get("/health").body().get("engine").asText()).isEqualTo("slurm");

        String wrong = admin.post("/submissions", Api.submission(NOOP, 4097)).body().get("id").asText();
        String long1 = admin.post("/submissions", Api.submission(LOOKBACK, 4097)).body().get("id").asText();
        JsonNode view = admin.awaitFinished(wrong, LIMIT);

        assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("done");
        assertThat(view.get("exit_code").asInt()).isEqualTo(1);
        assertThat(view.at("/result/status").asText()).isEqualTo("wrong_answer");
        String job = view.get("engine_job").asText();
        Optional<Slurm.JobInfo> info = new Slurm(dir).show(job);
        assertThat(info).as("Slurm knows job %s", job).isPresent();
        assertThat(info.get().state()).isEqualTo("FAILED");
        assertThat(info.get().exitCode()).isEqualTo(1);
        assertThat(entriesOf(service, wrong)).hasSize(1);
        assertThat(entriesOf(service, wrong).get(0).signature()).isPresent();

        awaitStatus(admin, long1, "running");
        assertThat(admin.delete("/submissions/" + long1).status()).isEqualTo(200);
        JsonNode cancelled = admin.awaitFinished(long1, LIMIT);
        assertThat(cancelled.get("status").asText()).as(cancelled.toString()).isEqualTo("cancelled");
        assertThat(new Slurm(dir).show(cancelled.get("engine_job").asText()).orElseThrow().state())
                .isEqualTo("CANCELLED");
        assertThat(entriesOf(service, long1)).as("cancelled before its entry").isEmpty();
        LogVerification v = new ScoreLog(service.home().log()).verify(service.signingKey().publicKey());
        assertThat(v.ok()).as(v.toString()).isTrue();
    }

    /**
     * Both failures in one job (one scoring run is half a minute of CI): the service stops while its job runs, and
     * slurmd is killed under the job and restarted before the service starts again.
     */
    @Test
    void aJobOutlivesItsServiceAndAKilledSlurmdIsFollowedAgainAndLoggedOnceOrFailedWithItsReason() throws Exception {
        Path state = dir.resolve("state");
        service = start(state);
        Api admin = admin();
        String id = admin.post("/submissions", Api.submission(LOOKBACK, 4097)).body().get("id").asText();
        awaitStatus(admin, id, "running");
        Thread.sleep(1000);

        // The Slurm engine's stop leaves the job to Slurm, as a SIGKILL of the service would.
        service.close();
        service = null;
        String conf = System.getenv().getOrDefault("SLURM_CONF", "/etc/slurm/slurm.conf");
        assertThat(new ProcessBuilder("pkill", "-KILL", "-x", "slurmd").inheritIO().start().waitFor()).isZero();
        Thread.sleep(3000);
        assertThat(new ProcessBuilder("slurmd", "-f", conf).inheritIO().start().waitFor()).isZero();
        service = start(state);
        assertThat(service.resumed()).as("taken up, not submitted again").isEqualTo(1);
        JsonNode view = admin().awaitFinished(id, LIMIT);

        assertThat(view.get("attempts").asInt()).as(view.toString()).isEqualTo(1);
        String status = view.get("status").asText();
        assertThat(status).as(view.toString()).isIn("done", "failed");
        if (status.equals("done")) {
            assertThat(view.at("/result/status").asText()).isEqualTo("ok");
            assertThat(entriesOf(service, id)).hasSize(1);
        } else {
            assertThat(view.get("error").asText()).startsWith("Slurm job " + view.get("engine_job").asText());
            assertThat(entriesOf(service, id)).isEmpty();
        }
        LogVerification v = new ScoreLog(service.home().log()).verify(service.signingKey().publicKey());
        assertThat(v.ok()).as(v.toString()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String node = "";
        while (System.nanoTime() < deadline) {
            Process sinfo = new ProcessBuilder("sinfo", "-h", "-o", "%t").redirectErrorStream(true).start();
            node = new String(sinfo.getInputStream().readAllBytes()).strip();
            if (sinfo.waitFor() == 0 && node.equals("idle")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(node).as("the node is back for the next test").isEqualTo("idle");
    }
}
