package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import dev.scanbench.harness.backend.cuda.GpuTestScale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench score --backend cuda} on a GPU or the software driver (-Pgpu): timed, verified, floored, logged.
 */
@Tag("gpu")
class ScoreCommandGpuTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL = "src/test/resources/kernels/tile_scan.cu";

    @TempDir
    Path dir;

    private JsonNode score(int expectedExit, String... more) throws Exception {
        if (GpuTestScale.simulated()) {
            String[] small = java.util.Arrays.copyOf(more, more.length + 2);
            small[more.length] = "--n";
            small[more.length + 1] = String.valueOf(GpuTestScale.SIMULATED_N);
            more = small;
        }
        String[] args = new String[6 + more.length];
        args[0] = "score";
        args[1] = KERNEL;
        args[2] = "--backend=cuda";
        args[3] = "--json";
        args[4] = "--log";
        args[5] = dir.resolve("scores.jsonl").toString();
        System.arraycopy(more, 0, args, 6, more.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(expectedExit);
        return JSON.readTree(run.out());
    }

    @Test
    void theDefaultProtocolTimesACorrectKernelAboveThePhysicalFloor() throws Exception {
        JsonNode out = score(ExitCode.OK);

        assertThat(out.get("status").asText()).isEqualTo("ok");
        assertThat(out.get("n").asLong()).isEqualTo(GpuTestScale.n(100_000_000));
        assertThat(out.get("time_ms").asDouble()).isGreaterThan(out.at("/device_facts/floor_ms").asDouble());
        assertThat(out.at("/timing/samples").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(out.at("/timing/basis").asText()).isEqualTo("event");
        boolean ranked = !GpuTestScale.simulated() && out.get("n").asLong() == 100_000_000L;
        assertThat(out.get("practice").asBoolean()).isEqualTo(!ranked);
        if (ranked) {
            assertThat(out.get("score").asDouble()).isEqualTo(Math.log(out.get("time_ms").asDouble()));
        } else {
            assertThat(out.get("score").isNull()).as("a practice run has no score").isTrue();
        }
        assertThat(out.get("simulated").asBoolean()).isEqualTo(GpuTestScale.simulated());
        assertThat(out.get("normalised_device").isNumber()).as("against this device's own start and reference").isTrue();
        assertThat(out.at("/device_baseline/start_ms").asDouble())
                .isGreaterThan(out.at("/device_baseline/reference_ms").asDouble());
        if (GpuTestScale.simulated()) {
            assertThat(out.get("device").asText()).contains("simulated");
            assertThat(out.get("standing").isNull()).as("a simulated time is compared with no one").isTrue();
        } else {
            assertThat(out.at("/device_facts/copy_bandwidth_bytes_per_second").asDouble()).isGreaterThan(1e11);
        }
    }

    @Test
    void theReBenchProtocolTimesOneCall() throws Exception {
        JsonNode out = score(ExitCode.OK, "--protocol", "re-bench");

        assertThat(out.get("status").asText()).isEqualTo("ok");
        assertThat(out.at("/timing/samples").asInt()).isEqualTo(1);
        assertThat(out.at("/timing/warmup_calls").asInt()).isEqualTo(4);
        assertThat(out.get("simulated").asBoolean()).isEqualTo(GpuTestScale.simulated());
        assertThat(out.get("mode").asText()).as("RE-Bench flushed nothing").isEqualTo("hot");
    }

    @Test
    void aKernelLeavingTheTailUnwrittenIsAWrongAnswer() throws Exception {
        String[] args = {"score", "src/test/resources/kernels/adversarial/half_output.cu", "--backend=cuda",
            "--json", "--n", String.valueOf(GpuTestScale.n(1_000_000)), "--log", dir.resolve("scores.jsonl").toString()};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("status").asText()).isEqualTo("wrong_answer");
        assertThat(out.at("/failure/kind").asText()).isEqualTo("mismatch");
        assertThat(out.at("/failure/details/canary_survived").asBoolean()).as("the tail was never written").isTrue();
    }

    @Test
    void aHangOnTheGpuIsKilledByTheWatchdog() throws Exception {
        String[] args = {"score", "src/test/resources/kernels/adversarial/spin.cu", "--backend=cuda", "--json",
            "--n", String.valueOf(GpuTestScale.n(100_000_000)), "--timeout", "3", "--log", dir.resolve("scores.jsonl").toString()};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(JSON.readTree(run.out()).get("status").asText()).isEqualTo("timed_out");
    }
}
