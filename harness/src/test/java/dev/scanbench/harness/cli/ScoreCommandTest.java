package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.compile.Sha256;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.ScoreLog;
import dev.scanbench.harness.backend.cuda.CudaProbe;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench score} end to end on the emulator: real nvcc, a real worker JVM per run, a real score log.
 * Small n (4097: several tiles, a partial last one) keeps each run to seconds.
 */
class ScoreCommandTest {
    private static final Path KERNELS = Path.of("src/test/resources/kernels");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every key of a score log entry's payload: the schema README.md documents. */
    private static final List<String> KEYS = List.of("kernel", "content_sha256", "sources", "plan", "backend", "backend_why",
            "device", "simulated", "n", "practice", "protocol", "mode", "timeout_s", "status", "failure", "time_ms", "score",
            "normalised", "normalised_device", "device_baseline", "standing", "timing", "alarms", "device_facts", "counters", "gate",
            "resources", "static_findings", "warnings", "seed_sha256", "seed", "harness_version", "environment", "label",
            "note", "source");

    @TempDir
    Path dir;

    private CliRun score(String kernel, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "score";
        args[1] = KERNELS.resolve(kernel).toString();
        args[2] = "--backend=emulator";
        args[3] = "--log";
        args[4] = dir.resolve("scores.jsonl").toString();
        System.arraycopy(more, 0, args, 5, more.length);
        return CliRun.of(args);
    }

    private List<LogEntry> entries() throws Exception {
        return new ScoreLog(dir.resolve("scores.jsonl")).read();
    }

    @Test
    void aCorrectKernelScoresOkWithCountedWorkAndALogEntryWithEveryField() throws Exception {
        CliRun run = score("tile_scan.cu", "--n", "4097", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("status").asText()).isEqualTo("ok");
        assertThat(out.get("backend").asText()).isEqualTo("emulator");
        assertThat(out.get("time_ms").isNull()).as("no time on the emulator").isTrue();
        assertThat(out.at("/counters/warp_instructions").asLong()).isPositive();
        assertThat(out.at("/counters/bytes_per_element").asDouble()).isGreaterThanOrEqualTo(8.0);
        assertThat(out.at("/model/label").asText()).isEqualTo("model, not a time");
        assertThat(out.at("/model/binding").asText()).isIn("traffic", "latency", "issue", "launches");
        assertThat(out.at("/model/terms/latency/ms").isNumber()).isTrue();
        assertThat(out.at("/model/traffic/0/label").asText()).isEqualTo("model, not a time");
        assertThat(out.at("/counters/chain_hops").isIntegralNumber()).isTrue();
        assertThat(out.at("/log/seq").asLong()).isZero();
        assertThat(out.at("/gate/cases").asInt()).as("the fixed cases, n = 4097 among them, and the secret ones")
                .isEqualTo(199);
        assertThat(out.at("/gate/passed").asInt()).isEqualTo(199);

        List<LogEntry> entries = entries();
        assertThat(entries).hasSize(1);
        JsonNode logged = entries.get(0).payload();
        assertThat(iterable(logged)).containsExactlyInAnyOrderElementsOf(KEYS);
        assertThat(logged.has("model")).as("the model is never logged").isFalse();
        assertThat(logged.get("plan").asText()).contains("@plan launch tile_reduce", "@plan scratch tiles");
        assertThat(logged.get("content_sha256").asText())
                .isEqualTo(Sha256.hex(Files.readString(KERNELS.resolve("tile_scan.cu"))));
        assertThat(logged.at("/sources/0/path").asText()).isEqualTo(KERNELS.resolve("tile_scan.cu").toString());
        assertThat(logged.at("/sources/0/sha256").asText()).isEqualTo(logged.get("content_sha256").asText());
        assertThat(logged.get("sources").size()).isEqualTo(1);
        assertThat(logged.get("practice").asBoolean()).as("the emulator never ranks").isTrue();
        assertThat(logged.at("/resources/tile_scan/registers").asInt()).isPositive();
        assertThat(logged.get("harness_version").asText()).isNotBlank();
        long seed = Long.parseUnsignedLong(logged.get("seed").asText(), 16);
        assertThat(logged.get("seed_sha256").asText())
                .isEqualTo(Sha256.hex(ByteBuffer.allocate(8).putLong(seed).array()));
        assertThat(new ScoreLog(dir.resolve("scores.jsonl")).verify().ok()).isTrue();
    }

    @Test
    void theLabelNoteSourceAndEnvironmentAreKeptAndLogVerifyReadsTheSourceBack() throws Exception {
        CliRun run = score("tile_scan.cu", "--n", "1025", "--label", "agent run 7", "--note", "first try", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode firstBest = JSON.readTree(run.out()).get("best_so_far");
        assertThat(firstBest.get("improved").asBoolean()).as("the first passing run is the best").isTrue();
        assertThat(firstBest.get("improved_for_label").asBoolean()).isTrue();
        assertThat(firstBest.at("/best/seq").asLong()).isZero();
        assertThat(firstBest.get("basis").asText()).isEqualTo("emulator");
        assertThat(firstBest.get("binding").asText()).isEqualTo(JSON.readTree(run.out()).at("/model/binding").asText());
        CliRun again = score("tile_scan.cu", "--n", "1025", "--label", "agent run 7", "--json");
        JsonNode secondBest = JSON.readTree(again.out()).get("best_so_far");
        assertThat(secondBest.get("improved").asBoolean()).as("the same work again is no improvement").isFalse();
        assertThat(secondBest.at("/best/seq").asLong()).as("ties go to the earlier entry").isZero();
        assertThat(secondBest.at("/best_for_label/label").asText()).isEqualTo("agent run 7");
        assertThat(secondBest.at("/best/bytes_per_element").asDouble())
                .isEqualTo(JSON.readTree(again.out()).at("/counters/bytes_per_element").asDouble());

        List<LogEntry> entries = entries();
        JsonNode first = entries.get(0).payload();
        assertThat(first.get("label").asText()).isEqualTo("agent run 7");
        assertThat(first.get("note").asText()).isEqualTo("first try");
        assertThat(entries.get(1).payload().get("note").isNull()).isTrue();
        String hash = first.at("/source/sha256").asText();
        assertThat(hash).isEqualTo(Sha256.hex(Files.readAllBytes(KERNELS.resolve("tile_scan.cu"))));
        assertThat(first.at("/source/file").asText()).isEqualTo("tile_scan.cu");
        Path object = dir.resolve("scores.jsonl.sources").resolve(hash.substring(0, 2)).resolve(hash);
        assertThat(object).hasSameBinaryContentAs(KERNELS.resolve("tile_scan.cu"));
        try (var files = Files.walk(dir.resolve("scores.jsonl.sources"))) {
            assertThat(files.filter(Files::isRegularFile).count()).as("stored once").isEqualTo(1);
        }
        assertThat(first.at("/environment/compiler/release").asText()).contains("release 13");
        assertThat(first.at("/environment/compiler/flags").toString()).contains("-arch=sm_90a");
        assertThat(first.at("/environment/driver").isNull()).as("no CUDA driver on the emulator").isTrue();
        assertThat(first.at("/environment/workbench_version").asText()).isNotBlank();

        CliRun verify = CliRun.of("log", "verify", "--log", dir.resolve("scores.jsonl").toString(), "--json");
        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(ExitCode.OK);
        assertThat(JSON.readTree(verify.out()).at("/sources/intact").asInt()).isEqualTo(2);

        object.toFile().setWritable(true);
        Files.writeString(object, "// not what was scored\n");
        CliRun damaged = CliRun.of("log", "verify", "--log", dir.resolve("scores.jsonl").toString());
        assertThat(damaged.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(damaged.out()).contains("verifies: 2 entries", "damaged: entry 0", hash);
    }

    @Test
    void aBlankOrMultiLineLabelIsAUsageError() throws Exception {
        assertThat(score("tile_scan.cu", "--label", " ").exitCode()).isEqualTo(ExitCode.USAGE);
        CliRun run = score("tile_scan.cu", "--label", "two\nlines");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--label");
        assertThat(entries()).isEmpty();
    }

    @Test
    void theHumanReportSaysThereIsNoTimeAndWhereItWasLogged() {
        CliRun run = score("tile_scan.cu", "--n", "2048");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains(": OK", "correctness gate: 201/201 cases passed", "before anything was counted",
                "no time on the emulator", "critical path per run: ", "model H100 estimate (not a time) at n = ",
                "-bound: ", "best so far in this log (emulator, n = 2,048): ", "this run is the new best",
                "binding term of the H100 model: ", "logged to ");
        assertThat(run.err()).contains("backend: emulator");
    }

    @Test
    void aWrongKernelExitsOneAndIsLoggedWithItsFirstMismatch() throws Exception {
        CliRun run = score("adversarial/first_tile_only.cu", "--n", "4097");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        // The gate finds it at its first size with a second tile, before any counted run at n = 4097.
        assertThat(run.out()).contains("WRONG ANSWER", "correctness gate, n = 1025, RANDOM, IN_ORDER dispatch",
                "y[1024]", "expected y[1016..1024]");
        JsonNode logged = entries().get(0).payload();
        assertThat(logged.get("status").asText()).isEqualTo("wrong_answer");
        assertThat(logged.at("/failure/kind").asText()).isEqualTo("mismatch");
        assertThat(logged.at("/failure/details/index").asLong()).isEqualTo(1024);
        assertThat(logged.at("/failure/details/x").size()).isEqualTo(9);
        assertThat(logged.at("/failure/details/case/n").asLong()).isEqualTo(1025);
    }

    @Test
    void aKernelThatNeverEndsTimesOutIsLoggedAndTheCallerReturns() throws Exception {
        long start = System.nanoTime();
        CliRun run = score("adversarial/spin.cu", "--n", "64", "--timeout", "2", "--json");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(seconds).isLessThan(60);
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("status").asText()).isEqualTo("timed_out");
        // The watchdog or the emulator's deadlock detector, whichever is first, stops it.
        assertThat(out.at("/failure/kind").asText()).isIn("timeout", "deadlock");
        assertThat(entries().get(0).payload().get("status").asText()).isEqualTo("timed_out");
    }

    // Every adversary of the corpus through score and verify alike: AdversarialCorpusTest. These three are
    // refused by the emulator's verdict checks (endless loop, weak poll, undefined scratch) at a small n.
    @ParameterizedTest(name = "{0}: {1} ({2})")
    @CsvSource({
        "adversarial/hoisted_poll.cu,            rejected,     static-checks",
        "adversarial/weak_poll.cu,               rejected,     static-checks",
        "adversarial/unzeroed_status.cu,         device_fault, device-fault",
    })
    void everyAdversaryIsRefusedForItsReasonAndLogged(String kernel, String status, String kind) throws Exception {
        CliRun run = score(kernel, "--n", "4097", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("status").asText()).isEqualTo(status);
        assertThat(out.at("/failure/kind").asText()).isEqualTo(kind);
        assertThat(entries()).hasSize(1);
    }

    /** Stock CUB's look-back shuffles undefined registers it discards: not an error, on the emulator as on a GPU. */
    @Test
    void aStockCubLookBackScoresOk() throws Exception {
        CliRun run = score("cub_stock_lookback.cu", "--n", "20481", "--json");

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCode.OK);
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("status").asText()).isEqualTo("ok");
        assertThat(out.get("warnings")).isEmpty();
    }

    @Test
    void aHoistedPollIsRejectedWithItsLoopsCudaLine() throws Exception {
        JsonNode out = JSON.readTree(score("adversarial/hoisted_poll.cu", "--json").out());
        assertThat(out.at("/failure/message").asText()).contains("hoisted_poll.cu:94",
                "a loop that never ends once entered", "this spin never re-reads memory");
    }

    @Test
    void aKernelLaunchingAChildKernelIsRejectedByTheStaticChecksBeforeAnythingRuns() throws Exception {
        Path cu = Files.writeString(dir.resolve("dp.cu"), "__global__ void child(int* y) { y[threadIdx.x] = 1; }\n"
                + "extern \"C\" __global__ void parent(const int* x, int* y, int n) { child<<<1, 32>>>(y); }\n");
        Path ptx = dir.resolve("dp.ptx");
        Process p = new ProcessBuilder(List.of(TestCompilers.toolchain().nvcc().toString(), "-O3", "-arch=sm_90a",
                "-rdc=true", "-ptx", "-o", ptx.toString(), cu.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nvcc.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("nvcc.log"))).isZero();
        Path parent = Files.writeString(dir.resolve("parent.ptx"),
                "// @plan launch parent grid=1 block=1 args=(x, y, n)\n" + Files.readString(ptx));

        CliRun run = CliRun.of("score", parent.toString(), "--backend=emulator", "--json", "--log",
                dir.resolve("scores.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("status").asText()).isEqualTo("rejected");
        assertThat(out.at("/failure/kind").asText()).isEqualTo("static-checks");
        assertThat(out.at("/failure/message").asText()).contains("device-side kernel launch");
        assertThat(entries()).hasSize(1);
    }

    @Test
    void aFaultIsLocatedByKernelBlockThreadAndSourceLine() throws Exception {
        JsonNode out = JSON.readTree(score("adversarial/read_past_end.cu", "--n", "4097", "--json").out());

        assertThat(out.at("/failure/details/location/check").asText()).isEqualTo("memcheck");
        assertThat(out.at("/failure/details/location/kernel").asText()).isEqualTo("tile_reduce");
        assertThat(out.at("/failure/details/location/source").asText()).startsWith("read_past_end.cu:");
        assertThat(out.at("/failure/details/location/block").asText()).isNotBlank();
    }

    @Test
    void theNoOpIsCaughtByTheCanary() throws Exception {
        JsonNode out = JSON.readTree(score("adversarial/noop.cu", "--n", "100", "--json").out());
        assertThat(out.at("/failure/details/canary_survived").asBoolean()).isTrue();
    }

    @Test
    void cudaWithoutADriverIsAnEnvironmentErrorAndNothingIsLogged() {
        assumeTrue(CudaProbe.unavailable().isPresent(), "a CUDA device is present");
        CliRun run = CliRun.of("score", KERNELS.resolve("tile_scan.cu").toString(), "--backend", "cuda", "--log",
                dir.resolve("scores.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(run.err()).contains("--backend cuda", "CUDA");
        assertThat(dir.resolve("scores.jsonl")).doesNotExist();
    }

    @Test
    void theHelpNamesEveryOptionCleanly() {
        CliRun run = CliRun.of("score", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--backend", "--protocol", "--mode", "--timeout", "--log", "99% CI");
        assertThat(run.out() + run.err()).doesNotContain("WARN");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(score("tile_scan.cu", "--protocol", "fastest").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(score("tile_scan.cu", "--mode", "lukewarm").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(score("tile_scan.cu", "--n", "0").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(score("tile_scan.cu", "--timeout", "-1").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(dir.resolve("scores.jsonl")).doesNotExist();
    }

    private static List<String> iterable(JsonNode node) {
        List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
