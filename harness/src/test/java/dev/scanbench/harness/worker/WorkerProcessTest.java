package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.Defaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.scanbench.sandbox.ProcessTree;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import dev.scanbench.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real worker JVMs running the misbehaving {@link TestJobs}: each ends in the right outcome, within the
 * limits, with the worker and its descendants gone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerProcessTest {

    private static final WorkerLimits QUICK = WorkerLimits.defaults().withCall(Duration.ofMillis(1500))
            .withJob(Duration.ofSeconds(20)).withExitGrace(Duration.ofSeconds(1));

    private static final WorkerLauncher LAUNCHER = smallJvms().withLimits(QUICK);

    /** Small, quick-starting JVMs, in the sandbox: the machine is shared and these tests' jobs do little work. */
    static WorkerLauncher smallJvms() {
        return WorkerLauncher.standard().withHeap("64m")
                .withJvmOptions(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    /**
     * The same on the host, for what only the watchdog's own process tracking catches (in the sandbox the PID
     * namespace takes every descendant along, and pids reported from inside mean nothing outside).
     */
    private static final WorkerLauncher HOST = LAUNCHER.withSandbox(Sandbox.host("testing the host path"));

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<JsonNode> progressData = new CopyOnWriteArrayList<>();
    private long lastPid;

    private final WorkerListener recorder = new WorkerListener() {
        @Override
        public void progress(String message, JsonNode data) {
            events.add("progress " + message);
            if (data != null) {
                progressData.add(data);
            }
        }

        @Override
        public void callStarted(String call) {
            events.add("start " + call);
        }

        @Override
        public void callEnded(String call, Duration elapsed) {
            events.add("end " + call);
        }
    };

    private WorkerOutcome run(String job) throws Exception {
        return run(LAUNCHER, job, Protocol.JSON.createObjectNode());
    }

    @Test
    void workersRunInTheSandbox() {
        assertThat(LAUNCHER.sandbox().contained()).as(LAUNCHER.sandbox().describe()).isTrue();
    }

    private WorkerOutcome run(WorkerLauncher launcher, String job, JsonNode request) throws Exception {
        try (WorkerProcess worker = launcher.start(job, request, recorder)) {
            lastPid = worker.pid();
            WorkerOutcome outcome = worker.await();
            assertGone(worker.pid());
            return outcome;
        }
    }

    private static void assertGone(long pid) {
        // A zombie is gone: once killed, a reparented grandchild waits for an init that may reap it late.
        assertThat(ProcessHandle.of(pid).map(ProcessTree::running)).as("process %d is gone", pid)
                .isNotEqualTo(Optional.of(true));
    }

    @Test
    void aJobThatAnswersCompletesWithItsResultAndEvents() throws Exception {
        JsonNode request = Protocol.JSON.readTree("{\"n\":1024,\"kernel\":\"k.cu\"}");
        WorkerOutcome outcome = run(LAUNCHER, "test-echo", request);

        assertThat(outcome).isInstanceOf(WorkerOutcome.Completed.class);
        JsonNode result = ((WorkerOutcome.Completed) outcome).result();
        assertThat(result.get("echo")).isEqualTo(request);
        assertThat(result.get("answer").asInt()).isEqualTo(42);
        assertThat(result.get("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(events).containsExactly("progress starting", "start warm-up 1", "end warm-up 1", "start timed",
                "end timed");
        assertThat(progressData).extracting(d -> d.get("step").asInt()).containsExactly(1);
    }

    @Test
    void aCallThatHangsTimesOutNamingTheCall() throws Exception {
        long start = System.nanoTime();
        WorkerOutcome outcome = run("test-hang-in-call");
        double wall = (System.nanoTime() - start) / 1e9;

        assertThat(outcome).isInstanceOf(WorkerOutcome.TimedOut.class);
        WorkerOutcome.TimedOut timedOut = (WorkerOutcome.TimedOut) outcome;
        assertThat(timedOut.limit()).isEqualTo(WorkerOutcome.Limit.CALL);
        assertThat(timedOut.call()).contains("timed-call-1");
        assertThat(timedOut.seconds()).isBetween(1.5, 3.0);
        assertThat(timedOut.limitSeconds()).isEqualTo(1.5);
        assertThat(outcome.describe()).contains("call 'timed-call-1'", "per-call limit of 1.5 s", "killed");
        assertThat(wall).as("seconds until the outcome").isLessThan(10);
    }

    @Test
    void aJobThatHangsOutsideAnyCallTimesOutOnTheJobLimit() throws Exception {
        WorkerLauncher launcher = LAUNCHER.withLimits(QUICK.withJob(Duration.ofSeconds(2)));
        WorkerOutcome outcome = run(launcher, "test-hang-outside-call", Protocol.JSON.createObjectNode());

        assertThat(outcome).isInstanceOf(WorkerOutcome.TimedOut.class);
        WorkerOutcome.TimedOut timedOut = (WorkerOutcome.TimedOut) outcome;
        assertThat(timedOut.limit()).isEqualTo(WorkerOutcome.Limit.JOB);
        assertThat(timedOut.call()).isEmpty();
        assertThat(timedOut.seconds()).isBetween(2.0, 4.0);
        assertThat(outcome.describe()).contains("the job ran", "job limit of 2.0 s");
    }

    @Test
    void aGrandchildIsKilledWithTheWorker() throws Exception {
        try {
            WorkerOutcome outcome = run(HOST, "test-grandchild", Protocol.JSON.createObjectNode());

            assertThat(outcome).isInstanceOf(WorkerOutcome.TimedOut.class);
            assertThat(progressData).hasSize(1);
            assertGone(progressData.get(0).get("pid").asLong());
        } finally {
            killReportedGrandchildren();
        }
    }

    /** A failing test must not leave a {@code sleep 1000} behind. */
    private void killReportedGrandchildren() {
        progressData.forEach(d -> ProcessHandle.of(d.get("pid").asLong()).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void aWorkerThatDiesLeavingAGrandchildOnItsStdoutDoesNotHangTheParent() throws Exception {
        long start = System.nanoTime();
        try {
            WorkerOutcome outcome = run(HOST, "test-orphan", Protocol.JSON.createObjectNode());

            assertThat(outcome).isInstanceOf(WorkerOutcome.Crashed.class);
            assertThat(((WorkerOutcome.Crashed) outcome).exitCode()).isEqualTo(5);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
            assertGone(progressData.get(0).get("pid").asLong());
        } finally {
            killReportedGrandchildren();
        }
    }

    @Test
    void inTheSandboxEveryGrandchildDiesWithTheWorkerDetachedOrNot() throws Exception {
        String token = "4" + System.nanoTime() % 1_000_000 + ".5";
        WorkerOutcome hung = run(LAUNCHER, "test-grandchild", Protocol.JSON.createObjectNode().put("sleep", token));
        WorkerOutcome orphaned = run(LAUNCHER, "test-orphan", Protocol.JSON.createObjectNode().put("sleep", token));

        assertThat(hung).isInstanceOf(WorkerOutcome.TimedOut.class);
        assertThat(orphaned).isInstanceOf(WorkerOutcome.Crashed.class);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").endsWith(token)))
                .as("a sleep %s left behind", token).isEmpty();
    }

    @Test
    void systemExitIsACrashWithItsStatus() throws Exception {
        WorkerOutcome outcome = run(LAUNCHER, "test-exit", Protocol.JSON.createObjectNode().put("code", 3));

        assertThat(outcome).isInstanceOf(WorkerOutcome.Crashed.class);
        WorkerOutcome.Crashed crashed = (WorkerOutcome.Crashed) outcome;
        assertThat(crashed.exitCode()).isEqualTo(3);
        assertThat(crashed.signal()).isEmpty();
        assertThat(crashed.describe()).isEqualTo("crashed: exited with status 3 before reporting a result");
    }

    @Test
    void haltIsACrashWithItsStatus() throws Exception {
        WorkerOutcome outcome = run("test-halt");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Crashed.class);
        assertThat(((WorkerOutcome.Crashed) outcome).exitCode()).isEqualTo(7);
    }

    @Test
    void sigkillIsACrashNamingTheSignal() throws Exception {
        WorkerOutcome outcome = run("test-sigkill");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Crashed.class);
        WorkerOutcome.Crashed crashed = (WorkerOutcome.Crashed) outcome;
        assertThat(crashed.signal()).hasValue(9);
        assertThat(crashed.reason()).startsWith("killed by SIGKILL (exit status 137)");
    }

    @Test
    void aSegfaultInNativeCodeIsACrashThatSaysSo() throws Exception {
        WorkerOutcome outcome = run("test-segfault");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Crashed.class);
        WorkerOutcome.Crashed crashed = (WorkerOutcome.Crashed) outcome;
        // Without a core dump HotSpot ends a fatal error with exit(1) rather than abort().
        assertThat(crashed.exitCode()).as(crashed.reason()).isEqualTo(1);
        assertThat(crashed.reason()).contains("before reporting a result; JVM fatal error: SIGSEGV (0xb) at pc=");
        assertThat(crashed.stderrTail()).contains("A fatal error has been detected");
        java.util.regex.Matcher kept = java.util.regex.Pattern.compile("error report is kept as (\\S+)")
                .matcher(crashed.stderrTail());
        assertThat(kept.find()).as(crashed.stderrTail()).isTrue();
        Path errorFile = Path.of(kept.group(1));
        assertThat(errorFile.getFileName().toString()).startsWith("workbench-worker-" + lastPid + "-hs_err_pid");
        assertThat(Files.deleteIfExists(errorFile)).as("the crash report went to %s", errorFile).isTrue();
    }

    @Test
    void whatTheJobPrintsCannotCorruptTheProtocol() throws Exception {
        WorkerOutcome outcome = run("test-noisy");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Completed.class);
        assertThat(((WorkerOutcome.Completed) outcome).result().get("clean").asBoolean()).isTrue();
        assertThat(events).containsExactly("progress after the noise");
        // System.out went to stderr; the raw fd 1 bytes are kept as printed output.
        assertThat(outcome.stderrTail()).contains("garbage from System.out", "\"forged\"",
                "[stdout] raw fd1 bytes, no newline", "[stdout] more raw bytes");
    }

    @Test
    void aBigRequestAndResultCrossThePipesWhole() throws Exception {
        String payload = "p".repeat(3 << 20);
        WorkerOutcome outcome = run(LAUNCHER, "test-echo", Protocol.JSON.createObjectNode().put("payload", payload));

        assertThat(outcome).isInstanceOf(WorkerOutcome.Completed.class);
        assertThat(((WorkerOutcome.Completed) outcome).result().get("echo").get("payload").asText()).isEqualTo(payload);
    }

    @Test
    void floodedOutputKeepsOnlyABoundedTail() throws Exception {
        WorkerOutcome outcome = run("test-flood");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Completed.class);
        assertThat(outcome.stderrTail()).startsWith("[... ").contains("earlier bytes dropped]");
        assertThat(outcome.stderrTail().length()).isLessThan(Defaults.WORKER_STDERR_TAIL_BYTES + 100);
    }

    @Test
    void anInterruptedCallerKillsTheWorker() throws Exception {
        WorkerProcess worker = LAUNCHER.withLimits(WorkerLimits.defaults()).start("test-hang-outside-call",
                Protocol.JSON.createObjectNode(), recorder);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            caller.interrupt();
        });
        interrupter.start();
        try (worker) {
            assertThatThrownBy(worker::await).isInstanceOf(InterruptedException.class);
            assertGone(worker.pid());
        } finally {
            interrupter.join();
            Thread.interrupted();
        }
    }

    @Test
    void anExceptionIsAFailureWithItsMessage() throws Exception {
        WorkerOutcome outcome = run("test-throws");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Failed.class);
        WorkerOutcome.Failed failed = (WorkerOutcome.Failed) outcome;
        assertThat(failed.kind()).isEqualTo(FailureKinds.EXCEPTION);
        assertThat(failed.message()).contains("IllegalStateException", "boom at step 3");
        assertThat(failed.details().get("stackTrace").asText()).contains("TestJobs$Throws.run");
    }

    @Test
    void aJobFailureKeepsItsKindAndDetails() throws Exception {
        WorkerOutcome outcome = run("test-device-fault");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Failed.class);
        WorkerOutcome.Failed failed = (WorkerOutcome.Failed) outcome;
        assertThat(failed.kind()).isEqualTo("device-fault");
        assertThat(failed.message()).isEqualTo("illegal address in kernel scan_tiles, block (3,0,0)");
        assertThat(failed.details().get("block").asInt()).isEqualTo(3);
        assertThat(events).containsExactly("start timed-call-1", "end timed-call-1");
    }

    @Test
    void runningOutOfHeapIsReportedAsOutOfMemory() throws Exception {
        WorkerOutcome outcome = run("test-oom");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Failed.class);
        WorkerOutcome.Failed failed = (WorkerOutcome.Failed) outcome;
        assertThat(failed.kind()).isEqualTo(FailureKinds.OUT_OF_MEMORY);
        assertThat(failed.message()).contains("Java heap space");
    }

    @Test
    void anUnknownJobIsAFailureListingTheKnownOnes() throws Exception {
        WorkerOutcome outcome = run("no-such-job");

        assertThat(outcome).isInstanceOf(WorkerOutcome.Failed.class);
        WorkerOutcome.Failed failed = (WorkerOutcome.Failed) outcome;
        assertThat(failed.kind()).isEqualTo(FailureKinds.UNKNOWN_JOB);
        assertThat(failed.message()).contains("'no-such-job'", "test-echo");
    }

    @Test
    void closingTheProtocolStreamWithoutAnAnswerIsACrash() throws Exception {
        long start = System.nanoTime();
        // On the host only: in the sandbox bubblewrap holds the pipe too, and the job limit ends such a worker.
        WorkerOutcome outcome = run(HOST, "test-close-stdout", Protocol.JSON.createObjectNode());

        assertThat(outcome).isInstanceOf(WorkerOutcome.Crashed.class);
        assertThat(((WorkerOutcome.Crashed) outcome).reason())
                .contains("after closing its output without a result and not exiting (killed)");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }
}
