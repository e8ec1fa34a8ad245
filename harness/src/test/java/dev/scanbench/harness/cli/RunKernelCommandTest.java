package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.baseline.oracle.SequentialOracle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `workbench run KERNEL --input --output --backend`: one plan run on a file's input. */
class RunKernelCommandTest {
    private static final String KERNELS = "src/test/resources/kernels/";

    @TempDir
    Path dir;

    @Test
    void runsAKernelOnTheEmulatorAndWritesItsOutput() throws Exception {
        int[] x = InputGenerator.generate(11, 5000);
        Path in = dir.resolve("x.npy");
        Path out = dir.resolve("y.npy");
        Npy.writeInt32(in, x);
        CliRun r = CliRun.of("run", KERNELS + "tile_scan.cu", "--backend", "emulator", "-i", in.toString(),
                "-o", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("backend").asText()).isEqualTo("emulator");
        assertThat(j.get("counters").get("launches").asLong()).isEqualTo(3);
        assertThat(j.get("counters").get("global_bytes_written").asLong()).isGreaterThanOrEqualTo(4L * 5000);
        assertThat(j.at("/counters/chain_hops").asLong()).as("three launches, no chain inside one").isZero();
        assertThat(j.at("/counters/sms").asInt()).isEqualTo(132);
        assertThat(j.at("/model/label").asText()).isEqualTo("model, not a time");
        assertThat(j.at("/model/binding").asText()).isIn("traffic", "latency", "issue", "launches");
        assertThat(j.at("/model/terms/launches/quantity").asDouble()).isEqualTo(3);
        assertThat(j.at("/model/constants").size()).isEqualTo(4);
        assertThat(Npy.readInt32(out)).isEqualTo(new SequentialOracle().scan(x));

        CliRun human = CliRun.of("run", KERNELS + "tile_scan.cu", "--backend", "emulator", "-i", in.toString(),
                "-o", out.toString());
        assertThat(human.exitCode()).as(human.err()).isZero();
        assertThat(human.out()).contains("critical path per run: 0 dependent cross-CTA hops",
                "model H100 estimate (not a time) at n = 100,000,000: ", "-bound: ");
    }

    @Test
    void autoPicksABackendAndSaysSoWhenItIsTheEmulator() throws Exception {
        int[] x = InputGenerator.generate(12, 777);
        Path in = dir.resolve("x.npy");
        Path out = dir.resolve("y.npy");
        Npy.writeInt32(in, x);
        CliRun r = CliRun.of("run", KERNELS + "tile_scan.cu", "-i", in.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Npy.readInt32(out)).isEqualTo(new SequentialOracle().scan(x));
        if (r.out().contains("PTX emulator")) {
            assertThat(r.err()).contains("note: ", "running on the PTX emulator");
        }
    }

    @Test
    void aFaultingKernelFailsWithItsLocation() throws Exception {
        Path in = dir.resolve("x.npy");
        Npy.writeInt32(in, new int[] {1, 2, 3});
        CliRun r = CliRun.of("run", KERNELS + "adversarial/read_past_end.cu", "--backend", "emulator",
                "-i", in.toString(), "-o", dir.resolve("y.npy").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).contains("kernel tile_reduce faulted", "read_past_end.cu:30");
    }

    @Test
    void kernelAndBaselineExcludeEachOther() throws Exception {
        Path in = dir.resolve("x.npy");
        Npy.writeInt32(in, new int[] {1});
        assertThat(CliRun.of("run", KERNELS + "tile_scan.cu", "--baseline", "-i", in.toString(), "-o",
                dir.resolve("y.npy").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("run", KERNELS + "tile_scan.cu", "--backend", "tpu", "-i", in.toString(), "-o",
                dir.resolve("y.npy").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theEmulatorsWarningsArePrintedAndInTheJson(@TempDir Path tmp) throws Exception {
        // 7 / x[1] with x[1] = 0 divides by zero at run time: the emulator warns that the result is the machine's.
        Path k = java.nio.file.Files.writeString(tmp.resolve("div.cu"), "// @plan launch k grid=1 block=32 args=(x, y, n)\n"
                + "extern \"C\" __global__ void k(const int* x, int* y, int n) {\n"
                + "  if (threadIdx.x < n) y[threadIdx.x] = 7 / x[1];\n}\n");
        Path in = dir.resolve("x.npy");
        Npy.writeInt32(in, new int[] {1, 0, 3});
        CliRun r = CliRun.of("run", k.toString(), "--backend", "emulator", "-i", in.toString(), "-o",
                dir.resolve("y.npy").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: ", "division by zero");
        assertThat(Json.MAPPER.readTree(r.out()).get("warnings").get(0).asText()).contains("division by zero");
    }

    @Test
    void anEndlessKernelIsStoppedByTheWatchdogAndTheOutputIsNotWritten() throws Exception {
        Path in = dir.resolve("x.npy");
        Npy.writeInt32(in, new int[] {1, 2, 3});
        long start = System.nanoTime();
        CliRun r = CliRun.of("run", KERNELS + "adversarial/endless.cu", "--backend", "emulator", "--timeout", "2",
                "-i", in.toString(), "-o", dir.resolve("y.npy").toString());
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).contains("timed out: call 'run' ran", "killed");
        assertThat(dir.resolve("y.npy")).doesNotExist();
    }
}
