package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real spare workers ({@link Spares}): a job that hires one runs in a JVM that has run the warm-up and nothing
 * else, hears none of the warm-up's events or output, and is the only job that JVM serves; the next job gets the
 * next spare; a launcher that would start another JVM, and a failing warm-up, leave jobs to start cold.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SparesTest {

    private static final WorkerLimits QUICK = WorkerLimits.defaults().withCall(Duration.ofSeconds(10))
            .withJob(Duration.ofSeconds(30)).withExitGrace(Duration.ofSeconds(1));

    private static final WorkerLauncher LAUNCHER = WorkerProcessTest.smallJvms().withLimits(QUICK);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private final WorkerListener recorder = new WorkerListener() {
        @Override
        public void progress(String message, JsonNode data) {
            events.add(message);
        }
    };

    @AfterEach
    void stopSpares() {
        Spares.stop();
    }

    private record Served(JsonNode result, String stderr, long pid) {
    }

    private static Spares.WarmUp warmUp(String job) {
        return new Spares.WarmUp(job, Protocol.JSON.createObjectNode());
    }

    /** Waits for the spare to be warmed up (or to have failed), as a caller away for a while would find it. */
    private static boolean settle() throws InterruptedException {
        return Spares.awaitSpare(Duration.ofSeconds(60));
    }

    private Served count(WorkerLauncher launcher) throws Exception {
        try (WorkerProcess worker = launcher.start("test-count", Protocol.JSON.createObjectNode(), recorder)) {
            WorkerOutcome outcome = worker.await();
            assertThat(outcome).as(outcome.describe()).isInstanceOf(WorkerOutcome.Completed.class);
            return new Served(((WorkerOutcome.Completed) outcome).result(), outcome.stderrTail(), worker.pid());
        }
    }

    @Test
    void aJobHiresTheWarmedSpareAndIsTheOnlyJobItServes() throws Exception {
        // Each warm-up names its own job: the echo's events go nowhere, the two counts are runs 1 and 2.
        Spares.keep(LAUNCHER, () -> List.of(warmUp("test-count"), warmUp("test-echo"), warmUp("test-count")), log::add);

        assertThat(settle()).isTrue();
        assertThat(Spares.describe()).hasValueSatisfying(d -> assertThat(d).startsWith("ready: pid "));
        Served first = count(LAUNCHER);
        assertThat(settle()).isTrue();
        Served second = count(LAUNCHER);

        // Run 3: the two counting warm-ups were runs 1 and 2 in the same JVM; the job's own run is the only other.
        assertThat(first.result().get("run").asInt()).isEqualTo(3);
        assertThat(second.result().get("run").asInt()).isEqualTo(3);
        assertThat(second.result().get("jvm").asText()).isNotEqualTo(first.result().get("jvm").asText());
        assertThat(second.pid()).isNotEqualTo(first.pid());
        // Nothing the warm-up said reaches the job's listener or its stderr tail.
        // Each job hears that it runs in a spare, then its own progress only.
        assertThat(events).hasSize(4);
        assertThat(List.of(events.get(0), events.get(2))).allSatisfy(e -> assertThat(e)
                .startsWith("worker: a spare worker JVM, started").endsWith("the only one it runs"));
        assertThat(List.of(events.get(1), events.get(3))).containsOnly("counting run 3");
        assertThat(first.stderr()).contains("test-count: run 3").doesNotContain("run 1").doesNotContain("run 2");
        assertThat(log).isEmpty();
    }

    @Test
    void aLauncherOfAnotherJvmStartsCold() throws Exception {
        Spares.keep(LAUNCHER, () -> List.of(warmUp("test-count")), log::add);

        assertThat(settle()).isTrue();
        Served other = count(LAUNCHER.withHeap("96m"));

        assertThat(other.result().get("run").asInt()).isEqualTo(1);
        // The limits are not part of the JVM: a launcher with other limits hires the spare and keeps its own.
        Served shorter = count(LAUNCHER.withLimits(QUICK.withJob(Duration.ofSeconds(20))));
        assertThat(shorter.result().get("run").asInt()).isEqualTo(2);
    }

    @Test
    void aFailingWarmUpLeavesJobsColdAndIsGivenUpAfterThreeTries() throws Exception {
        // The warm-up kills its JVM: each spare exits before it is ready.
        Spares.keep(LAUNCHER, () -> List.of(new Spares.WarmUp("test-exit", Protocol.JSON.createObjectNode()
                .put("code", 3))), log::add);

        for (int i = 0; i < 3; i++) {
            assertThat(settle()).as("spare %d ready", i).isFalse();
            assertThat(count(LAUNCHER).result().get("run").asInt()).as("job %d", i).isEqualTo(1);
        }

        assertThat(log).hasSize(3);
        assertThat(log.get(0)).contains("spare worker", "was not ready", "exited");
        assertThat(log.get(2)).contains("3 failures in a row", "start cold");
        assertThat(Spares.kept()).isFalse();
    }

    @Test
    void aSpareStillWarmingUpIsStoppedAndTheJobStartsCold() throws Exception {
        Spares.keep(LAUNCHER, () -> List.of(new Spares.WarmUp("test-count", Protocol.JSON.createObjectNode()
                .put("sleepMs", 20_000))), log::add);
        // The spare's JVM is there, its warm-up still sleeping.
        Thread.sleep(1_000);
        assertThat(Spares.describe()).hasValueSatisfying(d -> assertThat(d).startsWith("warming up: pid "));

        Served cold = count(LAUNCHER);

        assertThat(cold.result().get("run").asInt()).isEqualTo(1);
        assertThat(events.get(0)).startsWith("worker: the spare worker was still warming up (started ")
                .endsWith("so it was stopped and this job starts a worker cold");
        // Not a failure of the warm-up: spares are still kept, and the next one is on its way.
        assertThat(log).isEmpty();
        assertThat(Spares.kept()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Spares.describe().orElseThrow().startsWith("warming up: pid ") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Spares.describe()).hasValueSatisfying(d -> assertThat(d).startsWith("warming up: pid "));
    }

    @Test
    void afterStopJobsStartCold() throws Exception {
        Spares.keep(LAUNCHER, () -> List.of(warmUp("test-count")), log::add);
        Spares.stop();

        assertThat(count(LAUNCHER).result().get("run").asInt()).isEqualTo(1);
        assertThat(Spares.kept()).isFalse();
    }
}
