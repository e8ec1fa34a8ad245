package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.harness.backend.emulator.PrintfOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A candidate's device-side printf on the emulator: tagged lines on stderr, a list in --json, a cap. */
class PrintfCommandTest {
    @TempDir
    Path dir;

    private Path kernel(String plan, String body) throws Exception {
        return Files.writeString(dir.resolve("p.cu"), "// @plan launch k " + plan + " args=(x, y, n)\n"
                + "#include <cstdio>\n"
                + "extern \"C\" __global__ void k(const int* x, int* y, int n) {\n"
                + "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n" + body + "\n}\n");
    }

    @Test
    void printfLinesAreTaggedOnStderrAndListedInTheJson() throws Exception {
        Path k = kernel("grid=2 block=2", "  if (i < n) { y[i] = x[i]; printf(\"x[%d] = %d\\n\", i, x[i]); }");
        Path in = dir.resolve("x.npy");
        Npy.writeInt32(in, new int[] {10, 20, 30, 40});
        CliRun r = CliRun.of("run", k.toString(), "--backend", "emulator", "-i", in.toString(), "-o",
                dir.resolve("y.npy").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("[printf kernel=k block=(0,0,0) thread=(0,0,0)] x[0] = 10",
                "[printf kernel=k block=(0,0,0) thread=(1,0,0)] x[1] = 20",
                "[printf kernel=k block=(1,0,0) thread=(1,0,0)] x[3] = 40");
        assertThat(r.out()).doesNotContain("[printf");
        JsonNode p = Json.MAPPER.readTree(r.out()).get("printf");
        assertThat(p).hasSize(4);
        // lines come in the order the emulator ran the threads: find thread 0 of block 1's by its text
        JsonNode third = null;
        for (JsonNode l : p) {
            if (l.get("text").asText().equals("x[2] = 30")) {
                third = l;
            }
        }
        assertThat(third).isNotNull();
        assertThat(third.get("kernel").asText()).isEqualTo("k");
        assertThat(third.get("block").toString()).isEqualTo("[1,0,0]");
        assertThat(third.get("thread").toString()).isEqualTo("[0,0,0]");
        assertThat(Json.MAPPER.readTree(r.out()).has("printf_omitted")).isFalse();
    }

    @Test
    void pastTheCapLinesAreCountedNotKept() throws Exception {
        Path k = kernel("grid=2 block=512", "  if (i < n) y[i] = x[0];\n  printf(\"line %d\\n\", i);");
        Path in = dir.resolve("x.npy");
        Npy.writeInt32(in, new int[] {1});
        CliRun r = CliRun.of("run", k.toString(), "--backend", "emulator", "-i", in.toString(), "-o",
                dir.resolve("y.npy").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("printf")).hasSize(PrintfOutput.CAP);
        assertThat(j.get("printf_omitted").asLong()).isEqualTo(1024 - PrintfOutput.CAP);
        assertThat(r.err()).contains("[printf] 24 more lines not shown (at most 1000 per run are kept)");
    }

    @Test
    void whatAFaultingKernelPrintedIsShownWithTheFault() throws Exception {
        Path k = kernel("grid=1 block=1", "  printf(\"before the fault\\n\");\n  y[i + (1 << 28)] = 1;");
        Path in = dir.resolve("x.npy");
        Npy.writeInt32(in, new int[] {1});
        CliRun r = CliRun.of("run", k.toString(), "--backend", "emulator", "-i", in.toString(), "-o",
                dir.resolve("y.npy").toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).contains("[printf kernel=k block=(0,0,0) thread=(0,0,0)] before the fault");
        assertThat(r.out()).contains("before the fault");
    }
}
