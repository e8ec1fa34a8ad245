package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.baseline.oracle.SequentialOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateAndRunCommandTest {
    @TempDir
    Path dir;

    @Test
    void generateWritesTheSeededInput() throws Exception {
        Path x = dir.resolve("x.npy");
        CliRun run = CliRun.of("generate", "--seed", "7", "--n", "100003", "--output", x.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(Npy.readInt32(x)).isEqualTo(InputGenerator.generate(7, 100_003));
        assertThat(run.out()).contains("100,003", "seed 7");
    }

    @Test
    void generateHonoursThePattern() throws Exception {
        Path x = dir.resolve("x.npy");
        CliRun run = CliRun.of("generate", "--seed", "3", "--n", "5000", "--pattern", "EXTREME", "-o", x.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        int[] expected = new int[5000];
        InputPattern.EXTREME.fill(3, expected);
        assertThat(Npy.readInt32(x)).isEqualTo(expected);
    }

    @Test
    void runBaselineMatchesTheDefinitionInBothModes() throws Exception {
        Path x = dir.resolve("x.npy");
        int[] input = InputGenerator.generate(11, 300_007);
        Npy.writeInt32(x, input);
        int[] expected = new SequentialOracle().scan(input);
        for (String mode : new String[] {"--parallel", "--sequential"}) {
            Path y = dir.resolve("y" + mode + ".npy");
            CliRun run = CliRun.of("run", "--baseline", mode, "--input", x.toString(), "--output", y.toString(),
                    "--json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(Npy.readInt32(y)).as(mode).isEqualTo(expected);
            JsonNode json = Json.MAPPER.readTree(run.out());
            assertThat(json.get("n").asInt()).isEqualTo(300_007);
            assertThat(json.get("last").asInt()).isEqualTo(expected[expected.length - 1]);
            assertThat(json.get("oracle").asText()).startsWith(mode.equals("--parallel") ? "parallel" : "sequential");
        }
    }

    @Test
    void malformedInputIsAnIoErrorNamingTheFile() throws Exception {
        Path x = dir.resolve("bad.npy");
        Files.writeString(x, "not a numpy file");
        Path y = dir.resolve("y.npy");
        CliRun run = CliRun.of("run", "--baseline", "-i", x.toString(), "-o", y.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.IO);
        assertThat(run.err()).startsWith("error: ").contains("bad.npy").doesNotContain("Exception");
        assertThat(y).doesNotExist();
    }

    @Test
    void missingInputFileIsAnIoError() {
        CliRun run = CliRun.of("run", "--baseline", "-i", dir.resolve("nope.npy").toString(),
                "-o", dir.resolve("y.npy").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.IO);
        assertThat(run.err()).contains("nope.npy");
    }

    @Test
    void usageErrors() {
        Path x = dir.resolve("x.npy");
        assertThat(CliRun.of("generate", "--n", "-1", "-o", x.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("generate", "--n", "12").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("run", "-i", x.toString(), "-o", x.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("run", "--baseline", "--parallel", "--sequential", "-i", "a", "-o", "b").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("generate", "--pattern", "NOPE", "-o", x.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
