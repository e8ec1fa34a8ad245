package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.harness.log.ScoreLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of memory, in the worker and in the CLI, as a user would: the CLI as a real process with a small
 * heap or a small {@code WORKBENCH_HEAP} for its worker. Always exit 3, one JSON document under {@code --json},
 * and a message naming the variable to set.
 */
class OutOfMemoryTest {
    private static final String TILE_SCAN = "src/test/resources/kernels/tile_scan.cu";

    @TempDir
    static Path dir;
    private static Path million;
    private static Path tenMillion;

    @BeforeAll
    static void input() throws Exception {
        million = dir.resolve("x.npy");
        Npy.writeInt32(million, InputGenerator.generate(1, 1_000_000));
        tenMillion = dir.resolve("x10.npy");
        Npy.writeInt32(tenMillion, InputGenerator.generate(2, 10_000_000));
    }

    /** The CLI in a JVM of its own, with {@code -Xmx} {@code cliHeap} and {@code WORKBENCH_HEAP} set to {@code workerHeap}. */
    private static CliRun cli(String cliHeap, String workerHeap, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + cliHeap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (workerHeap != null) {
            pb.environment().put("WORKBENCH_HEAP", workerHeap);
        }
        String cache = System.getProperty("workbench.cache.dir");
        if (cache != null) {
            command.add(1, "-Dworkbench.cache.dir=" + cache);
            pb.command(command);
        }
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static JsonNode error(CliRun run) throws Exception {
        assertThat(run.exitCode()).as("stdout %s\nstderr %s", run.out(), run.err()).isEqualTo(ExitCode.ENVIRONMENT);
        JsonNode error = JsonOnEveryPathTest.onlyDocument(run.out()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo("out-of-memory");
        return error;
    }

    @Test
    void aWorkerOutOfMemoryInRunIsExitThreeNamingTheHeapToSet() throws Exception {
        CliRun run = cli("512m", "40m", "run", TILE_SCAN, "--backend", "emulator", "-i", million.toString(), "-o",
                dir.resolve("y.npy").toString(), "--json");

        JsonNode error = error(run);
        assertThat(error.get("message").asText()).contains("rerun with WORKBENCH_HEAP=80m (this run had 40m)");
        assertThat(run.err()).contains("WORKBENCH_HEAP=").doesNotContain("Exception in thread");
        assertThat(dir.resolve("y.npy")).doesNotExist();
    }

    @Test
    void aWorkerOutOfMemoryInVerifyIsExitThree() throws Exception {
        JsonNode error = error(cli("512m", "24m", "verify", TILE_SCAN, "--sizes", "1048583", "--json"));
        assertThat(error.get("message").asText()).contains("WORKBENCH_HEAP=48m");
    }

    @Test
    void aWorkerOutOfMemoryInScoreIsLoggedAsACrashAndExitsThree() throws Exception {
        Path log = dir.resolve("scores.jsonl");
        CliRun run = cli("512m", "24m", "score", TILE_SCAN, "--backend", "emulator", "--log", log.toString(),
                "--json");

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCode.ENVIRONMENT);
        JsonNode doc = JsonOnEveryPathTest.onlyDocument(run.out());
        assertThat(doc.get("status").asText()).isEqualTo("crashed");
        assertThat(doc.at("/failure/kind").asText()).isEqualTo("out-of-memory");
        assertThat(doc.at("/failure/message").asText()).contains("WORKBENCH_HEAP=48m");
        assertThat(new ScoreLog(log).read()).hasSize(1);
    }

    @Test
    void theCliRunningOutOfHeapIsExitThreeWithOneJsonDocumentNotAStackTrace() throws Exception {
        // Reading 40 MB of input into a 24 MB heap: a real OutOfMemoryError in the CLI process itself.
        CliRun run = cli("24m", null, "run", "--baseline", "-i", tenMillion.toString(), "-o",
                dir.resolve("y2.npy").toString(), "--json");

        JsonNode error = error(run);
        assertThat(error.get("message").asText()).contains("WORKBENCH_HEAP=");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void aHeapTheJvmCannotTakeIsAUsageError() throws Exception {
        CliRun run = cli("256m", "lots", "verify", TILE_SCAN, "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(JsonOnEveryPathTest.onlyDocument(run.out()).at("/error/message").asText())
                .contains("WORKBENCH_HEAP='lots'");
    }
}
