package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.cuda.CudaDriverSwitch;
import dev.scanbench.swdriver.SoftwareDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a JVM of its own on the software CUDA driver (which needs no GPU, so these run in every build): the
 * driver switch, and how the workbench treats a driver it cannot use.
 */
class SoftwareDriverCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run workbench(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Defaults.CACHE_PROPERTY + "=" + System.getProperty(Defaults.CACHE_PROPERTY, ""),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put(CudaDriverSwitch.ENV, "software");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void doctorNamesTheSoftwareDriverAndItsSimulatedGpu() throws Exception {
        Run run = workbench(Map.of(), "doctor", "--json");
        JsonNode findings = JSON.readTree(run.out()).get("findings");
        assertThat(findings.toString()).contains("software driver", "simulated", "NVIDIA H100", "sm_90");
    }

    @Test
    void aDriverOlderThan13IsAnEnvironmentErrorAndNothingIsLogged() throws Exception {
        Path log = dir.resolve("scores.jsonl");
        Run run = workbench(Map.of(SoftwareDriver.VERSION_ENV, "12040"), "score", "../kernels/04_lookback_single_thread.cu",
                "--backend", "cuda", "--n", "1024", "--json", "--log", log.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(run.err()).contains("older than 13.0");
        assertThat(log).doesNotExist();
    }

    @Test
    void anUnknownDriverIsAnEnvironmentErrorThatSaysWhatToSet() throws Exception {
        Run run = workbench(Map.of(CudaDriverSwitch.ENV, "mesa"), "score", "../kernels/04_lookback_single_thread.cu",
                "--backend", "cuda", "--n", "1024", "--log", dir.resolve("scores.jsonl").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(run.err()).contains("WORKBENCH_CUDA_DRIVER=mesa is not a driver", "'software'");
    }

    @Test
    void runOnTheSoftwareDriverWritesTheOutputAndSaysItIsSimulated() throws Exception {
        Path x = dir.resolve("x.npy");
        Path y = dir.resolve("y.npy");
        assertThat(workbench(Map.of(), "generate", "--n", "5000", "--output", x.toString()).exit()).isZero();
        Run run = workbench(Map.of(), "run", "../kernels/04_lookback_single_thread.cu", "--backend", "cuda", "--input",
                x.toString(), "--output", y.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("backend").asText()).isEqualTo("cuda");
        assertThat(out.get("simulated").asBoolean()).isTrue();
        Run baseline = workbench(Map.of(), "run", "--baseline", "--input", x.toString(), "--output",
                dir.resolve("want.npy").toString(), "--json");
        assertThat(out.get("last").asInt()).isEqualTo(JSON.readTree(baseline.out()).get("last").asInt());
    }
}
