package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.log.ScoreLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every wrong kernel of the adversarial corpus through {@code verify} and {@code score} on the emulator, end to end
 * (real nvcc, a worker JVM each, the standard gate at the default n): each is rejected by both for its reason, and
 * no kernel that verify rejects scores ok. The kernels of issues 9 and 11 are here: the tail-less kernel, the
 * three-pass scan whose partials pass handles 1024 tiles, the kernels right only at the fixed sizes or on the first
 * 2^20 + 8 elements (verify passed them all, and score logged them ok), the endless kernel under the watchdog,
 * and the instructions the emulator lacks (an environment limit, exit 3, not logged).
 */
class AdversarialCorpusTest {
    private static final String A = "src/test/resources/kernels/adversarial/";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: verify {1}, score {2} ({3})")
    @CsvSource({
        "noop.cu,                    wrong_output,   wrong_answer, mismatch",
        "constant.cu,                wrong_output,   wrong_answer, mismatch",
        "half_output.cu,             wrong_output,   wrong_answer, mismatch",
        "replays_previous_output.cu, wrong_output,   wrong_answer, mismatch",
        "first_tile_only.cu,         wrong_output,   wrong_answer, mismatch",
        "modifies_input.cu,          input_modified, wrong_answer, input-modified",
        "read_past_end.cu,           fault,          device_fault, device-fault",
        "race.cu,                    diagnostic,     device_fault, device-fault",
        "tailless.cu,                fault,          device_fault, device-fault",
        "writes_past_end.cu,         fault,          device_fault, device-fault",
        "partials_1024_tiles.cu,     wrong_output,   wrong_answer, mismatch",
        "fixed_sizes_only.cu,        wrong_output,   wrong_answer, mismatch",
        "first_k_only.cu,            wrong_output,   wrong_answer, mismatch",
        "spin.cu,                    hang,           timed_out,    timeout|deadlock",
        "endless.cu,                 hang,           timed_out,    timeout",
        "huge_scratch.cu,            plan,           rejected,     plan",
    })
    void verifyAndScoreBothRejectItForItsReason(String kernel, String verifyKind, String status, String kinds)
            throws Exception {
        Path log = dir.resolve("scores.jsonl");
        // A hang costs the watchdog's limit; 5 s is plenty for the honest cases of these small kernels.
        String[] timeout = kernel.equals("spin.cu") || kernel.equals("endless.cu") ? new String[] {"--timeout", "5"}
                : new String[0];
        CliRun verify = CliRun.of(concat(new String[] {"verify", A + kernel, "--json"}, timeout));
        CliRun score = CliRun.of(concat(new String[] {"score", A + kernel, "--backend", "emulator", "--log",
                log.toString(), "--json"}, timeout));

        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode v = JsonOnEveryPathTest.onlyDocument(verify.out());
        assertThat(v.get("ok").asBoolean()).isFalse();
        String rejectedAs = v.has("failure") ? v.at("/failure/kind").asText() : v.at("/error/stage").asText();
        assertThat(rejectedAs).as(v.toString()).isEqualTo(verifyKind);

        assertThat(score.exitCode()).as(score.err()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode s = JsonOnEveryPathTest.onlyDocument(score.out());
        assertThat(s.get("n").asLong()).as("the emulator's default n, a multiple of no power of two above 1")
                .isEqualTo((1 << 20) + 7);
        assertThat(s.get("status").asText()).as("no kernel verify rejects scores ok: %s", s).isNotEqualTo("ok")
                .isEqualTo(status);
        assertThat(List.of(kinds.split("\\|"))).contains(s.at("/failure/kind").asText());
        List<dev.scanbench.harness.log.LogEntry> entries = new ScoreLog(log).read();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).payload().get("status").asText()).isEqualTo(status);
        assertThat(new ScoreLog(log).verify().ok()).isTrue();
        if (!verifyKind.equals("plan") && !verifyKind.equals("hang")) {
            // The gate names the case it failed, as verify does.
            assertThat(s.at("/failure/message").asText()).startsWith("correctness gate, n = ");
            assertThat(s.at("/failure/details/case/n").asLong()).isPositive();
        }
        if (kernel.equals("first_k_only.cu")) {
            assertThat(v.at("/failure/mismatch/index").asLong()).isEqualTo((1 << 20) + 8);
            assertThat(v.at("/failure/n").asLong()).as("a secret size").isGreaterThan(2_000_000);
            assertThat(s.at("/failure/details/index").asLong()).isEqualTo((1 << 20) + 8);
        }
        if (kernel.equals("tailless.cu")) {
            assertThat(s.at("/failure/details/case/n").asLong()).isEqualTo(1);
            assertThat(s.at("/failure/message").asText()).contains("after the end of x [").doesNotContain("allocation #");
        }
        if (kernel.equals("endless.cu")) {
            assertThat(v.at("/failure/details/limit").asText()).as("the watchdog stopped it").isEqualTo("call");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"verify", "score", "run"})
    void instructionsTheEmulatorLacksAreAnEnvironmentLimitListedWithTheirLinesAndNotLogged(String command)
            throws Exception {
        Path log = dir.resolve("scores.jsonl");
        Path x = dir.resolve("x.npy");
        dev.scanbench.baseline.npy.Npy.writeInt32(x, new int[] {1, 2, 3});
        String[] args = switch (command) {
            case "score" -> new String[] {"score", A + "approx_math.cu", "--backend", "emulator", "--log",
                log.toString(), "--json"};
            case "run" -> new String[] {"run", A + "approx_math.cu", "--backend", "emulator", "-i", x.toString(), "-o",
                dir.resolve("y.npy").toString(), "--json"};
            default -> new String[] {"verify", A + "approx_math.cu", "--json"};
        };
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.ENVIRONMENT);
        JsonNode error = JsonOnEveryPathTest.onlyDocument(run.out()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo("unsupported");
        assertThat(error.get("unsupported")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(error.get("unsupported").findValuesAsText("why")).contains("opcode ex2", "qualifier .approx of div");
        assertThat(error.get("unsupported").findValuesAsText("source")).contains("approx_math.cu:15",
                "approx_math.cu:20");
        assertThat(error.get("message").asText()).contains("not a fault of the kernel");
        assertThat(log).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"verify", "score", "run"})
    void aGridPastTheEmulatorsLimitIsAnEnvironmentLimitNotAnOutOfMemoryErrorAndNotLogged(String command)
            throws Exception {
        // 2^31 - 1 blocks: legal on a GPU; the emulator would allocate per-block state and die of an
        // OutOfMemoryError ("Requested array size exceeds VM limit") that no WORKBENCH_HEAP cures.
        Path log = dir.resolve("scores.jsonl");
        Path x = dir.resolve("x.npy");
        dev.scanbench.baseline.npy.Npy.writeInt32(x, new int[] {1, 2, 3, 4, 5});
        String[] args = switch (command) {
            case "score" -> new String[] {"score", A + "huge_grid.cu", "--backend", "emulator", "--log",
                log.toString(), "--json"};
            case "run" -> new String[] {"run", A + "huge_grid.cu", "--backend", "emulator", "-i", x.toString(), "-o",
                dir.resolve("y.npy").toString(), "--json"};
            default -> new String[] {"verify", A + "huge_grid.cu", "--sizes", "5", "--json"};
        };
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.ENVIRONMENT);
        JsonNode error = JsonOnEveryPathTest.onlyDocument(run.out()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo("environment");
        assertThat(error.get("message").asText()).contains("2147483647 blocks, more than the emulator runs",
                "not a fault of the kernel").doesNotContain("WORKBENCH_HEAP");
        assertThat(run.out() + run.err()).doesNotContain("OutOfMemoryError");
        assertThat(log).doesNotExist();
        assertThat(dir.resolve("y.npy")).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
