package dev.scanbench.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench daemon} as a user meets it: {@code daemon start} detaches a real daemon JVM, and the CLI's own
 * entry ({@link Launcher}) in real client processes hands it {@code score} calls, which it runs with real nvcc and
 * real worker JVMs on the emulator into a real score log; calls it must not take run in their own JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class DaemonProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED = Path.of("../kernels/02_warp_shuffle_reduce_then_scan.cu").toAbsolutePath();
    private static final Path WRONG = Path.of("../harness/src/test/resources/kernels/adversarial/half_output.cu")
            .toAbsolutePath();
    private static final Pattern SPARE_PID = Pattern.compile("^ready: pid (\\d+),");

    @TempDir
    static Path dir;

    private Path work;
    private Path runtime;
    private long daemonPid;

    private record Ran(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Ran workbench(Path cwd, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher("-Xmx1g", args)).directory(cwd.toFile());
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().remove(Launcher.SWITCH);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("workbench %s ended", String.join(" ", args)).isTrue();
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The jar's entry point in a JVM of its own, as the test's class path and compile cache have it. */
    private static List<String> launcher(String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap, "-XX:TieredStopAtLevel=1",
                "-Dworkbench.cache.dir=" + System.getProperty("workbench.cache.dir"),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private Ran workbench(String... args) throws Exception {
        return workbench(work, Map.of(), args);
    }

    private JsonNode status() throws Exception {
        Ran s = workbench("daemon", "status", "--json");
        assertThat(s.code()).as(s.err()).isZero();
        return s.json();
    }

    private int calls() throws Exception {
        return status().path("daemons").path(0).path("calls").asInt(-1);
    }

    @BeforeAll
    void start() throws Exception {
        work = Files.createDirectories(dir.resolve("work"));
        runtime = Files.createDirectory(dir.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Ran started = workbench("daemon", "start", "--idle", "600", "--json");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.json().path("daemon").asText()).isEqualTo("started");
        daemonPid = started.json().path("pid").asLong();
        assertThat(ProcessHandle.of(daemonPid)).isPresent();
        assertThat(started.json().path("directory").asText()).isEqualTo(work.toString());
    }

    @AfterAll
    void stop() throws Exception {
        Ran stopped = workbench("daemon", "stop", "--json");
        assertThat(stopped.code()).as(stopped.err()).isZero();
        assertThat(stopped.json().path("stopped").path(0).asLong()).isEqualTo(daemonPid);
        assertThat(ProcessHandle.of(daemonPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(),
                Optional.of(false));
        assertThat(status().path("running").asBoolean()).isFalse();
        try (var sockets = Files.list(runtime.resolve("workbench-daemon"))) {
            assertThat(sockets.filter(f -> f.toString().endsWith(".sock"))).isEmpty();
        }
    }

    @Test
    @Order(1)
    void aScoreRunsInTheDaemonOnItsWarmedSpareWorker() throws Exception {
        String spare = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!spare.startsWith("ready") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            spare = status().path("daemons").path(0).path("spare_worker").asText();
        }
        Matcher ready = SPARE_PID.matcher(spare);
        assertThat(ready.find()).as("the spare became ready: %s", spare).isTrue();
        Path log = dir.resolve("scores.jsonl");

        Ran score = workbench("score", SHIPPED.toString(), "--backend", "emulator", "--log", log.toString(),
                "--json");

        assertThat(score.code()).as(score.err()).isZero();
        assertThat(score.json().path("status").asText()).isEqualTo("ok");
        assertThat(score.err()).doesNotContain("running it here").contains("backend: emulator");
        assertThat(Files.readAllLines(log)).hasSize(1);
        JsonNode after = status().path("daemons").path(0);
        assertThat(after.path("calls").asInt()).isEqualTo(1);
        // the spare was hired: it is not the daemon's spare any more
        assertThat(after.path("spare_worker").asText()).doesNotContain("pid " + ready.group(1) + ",");
    }

    @Test
    @Order(2)
    void aWrongKernelAUsageErrorAndAVerifyGetTheirOwnResultsThroughTheDaemon() throws Exception {
        int before = calls();
        Path log = dir.resolve("wrong.jsonl");

        Ran wrong = workbench("score", WRONG.toString(), "--backend", "emulator", "--log", log.toString(), "--json");
        Ran usage = workbench("score", SHIPPED.toString(), "--no-such-option", "--json");
        Ran verify = workbench("verify", SHIPPED.toString(), "--backend", "emulator", "--sizes", "1,4097", "--json");

        assertThat(wrong.code()).as(wrong.err()).isEqualTo(1);
        assertThat(wrong.json().path("status").asText()).isNotEqualTo("ok");
        assertThat(Files.readAllLines(log)).hasSize(1);
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.json().path("error").path("kind").asText()).isEqualTo("usage");
        assertThat(usage.err()).contains("--no-such-option");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.json().path("ok").asBoolean()).isTrue();
        assertThat(calls()).isEqualTo(before + 3);
    }

    @Test
    @Order(4)
    void aDaemonEndedBySigtermRemovesItsSocket() throws Exception {
        Path other = Files.createDirectories(dir.resolve("sigterm"));
        ProcessBuilder pb = new ProcessBuilder(launcher("-Xmx256m", "daemon", "run", "--no-spare-worker"))
                .directory(other.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sigterm.log").toFile());
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().remove(Launcher.SWITCH);
        Process daemon = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!workbench(other, Map.of(), "daemon", "status", "--json").json().path("running").asBoolean()) {
                assertThat(System.nanoTime()).as("the daemon answers").isLessThan(deadline);
                Thread.sleep(100);
            }
            Path socket = Path.of(workbench(other, Map.of(), "daemon", "status", "--json").json().path("daemons")
                    .path(0).path("socket").asText());
            assertThat(socket).exists();

            daemon.destroy(); // SIGTERM
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(socket).doesNotExist();
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    @Order(3)
    void callsFromAnotherDirectoryOrWithTheDaemonSwitchedOffRunInTheirOwnJvm() throws Exception {
        int before = calls();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Ran there = workbench(elsewhere, Map.of(), "score", SHIPPED.toString(), "--no-such-option", "--json");
        Ran off = workbench(work, Map.of(Launcher.SWITCH, "off"), "score", SHIPPED.toString(), "--no-such-option",
                "--json");

        assertThat(there.code()).isEqualTo(2);
        assertThat(off.code()).isEqualTo(2);
        assertThat(off.json().path("error").path("kind").asText()).isEqualTo("usage");
        assertThat(calls()).isEqualTo(before);
    }
}
