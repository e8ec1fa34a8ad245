package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `workbench compile` and `workbench verify` end to end, in process, with real nvcc and the emulator. */
class CompileAndVerifyCommandTest {
    private static final String KERNELS = "src/test/resources/kernels/";

    private static JsonNode json(CliRun r) throws Exception {
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void compileSummarisesEntriesResourcesAndThePlan() throws Exception {
        CliRun r = CliRun.of("compile", KERNELS + "tile_scan.cu", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = json(r);
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("kind").asText()).isEqualTo("cuda");
        assertThat(j.get("entries")).hasSize(3);
        assertThat(j.get("entries").get(0).get("registers").asInt()).isPositive();
        assertThat(j.get("entries").get(0).has("spill_store_bytes")).isTrue();
        assertThat(j.get("plan").get("ok").asBoolean()).isTrue();
        assertThat(j.get("plan").get("launches").asInt()).isEqualTo(3);
        assertThat(j.get("static_findings")).isEmpty();

        CliRun again = CliRun.of("compile", KERNELS + "tile_scan.cu");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("compiled (from the cache)", "entry tile_scan:", "registers",
                "plan: 3 launch(es)");
    }

    @Test
    void compileShowsWhatTritonDecidedForEachKernel() throws Exception {
        CliRun r = CliRun.of("compile", "../kernels/triton/lookback_single_pass.py", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = json(r);
        assertThat(j.get("kind").asText()).isEqualTo("triton");
        JsonNode t = j.get("entries").get(0).get("triton");
        assertThat(t.get("num_warps").asInt()).isEqualTo(8);
        assertThat(t.get("threads_per_block").asInt()).isEqualTo(256);
        assertThat(t.get("dynamic_shared_bytes").asLong()).isPositive();
        assertThat(t.get("constexprs").get("TILE").asText()).isEqualTo("2048");
        assertThat(t.get("hidden_params")).hasSize(2);
        assertThat(j.get("plan").get("ok").asBoolean()).as(j.toString()).isTrue();

        CliRun text = CliRun.of("compile", "../kernels/triton/lookback_single_pass.py");
        assertThat(text.out()).contains("compiled (from the cache)", "triton: num_warps=8 (block 256)");
    }

    @Test
    void compileErrorsNameTheFileAndLineAndExitOne(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.cu"), "__global__ void k(int* y) {\n  y[0] = nope;\n}\n");
        CliRun r = CliRun.of("compile", bad.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode error = json(r).get("error");
        assertThat(error.get("stage").asText()).isEqualTo("compile");
        assertThat(error.get("diagnostics").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(error.get("diagnostics").get(0).get("file").asText()).endsWith("bad.cu");

        CliRun text = CliRun.of("compile", bad.toString());
        assertThat(text.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(text.err()).contains("rejected at compile", "bad.cu(2): error");
    }

    @Test
    void timerReadsAreFlaggedNotRejected(@TempDir Path dir) throws Exception {
        Path k = Files.writeString(dir.resolve("clock.cu"), "// @plan launch k grid=1 block=1 args=(y)\n"
                + "extern \"C\" __global__ void k(long long* y) { y[0] = clock64(); }\n");
        CliRun r = CliRun.of("compile", k.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode f = json(r).get("static_findings");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).get("kind").asText()).isEqualTo("timer_read");
        assertThat(f.get(0).get("rejects").asBoolean()).isFalse();
        assertThat(CliRun.of("compile", k.toString()).out()).contains("note: PTX line", "reads a device clock/timer");
    }

    @Test
    void compileReportsAnInvalidPlanWithoutFailing() throws Exception {
        CliRun r = CliRun.of("compile", KERNELS + "adversarial/huge_scratch.cu");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("plan: NOT valid:", "huge_scratch.cu:2:", "allowance");
    }

    @Test
    void aTritonPlanNamingNoKernelIsRejectedAndAMissingFileIsAnIoError(@TempDir Path dir) throws Exception {
        Path py = Files.writeString(dir.resolve("k.py"), "# @plan launch k grid=1 block=32 args=(x)\n");
        CliRun r = CliRun.of("verify", py.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).contains(py + ": the plan names kernel 'k' but the file defines no @triton.jit function");
        assertThat(CliRun.of("compile", dir.resolve("none.cu").toString()).exitCode()).isEqualTo(ExitCode.IO);
    }

    @Test
    void verifyPassesACorrectKernelAtTheGivenSizes() throws Exception {
        CliRun r = CliRun.of("verify", KERNELS + "tile_scan.cu", "--sizes", "1,1025", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = json(r);
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("standard").asBoolean()).isFalse();
        assertThat(j.get("cases").asInt()).isEqualTo(38);
        assertThat(j.get("passed").asInt()).isEqualTo(38);
        assertThat(j.get("seed_sha256").asText()).hasSize(64);
        assertThat(j.get("seed").asText()).hasSize(16);
        assertThat(j.get("counters").get("launches").asLong()).isEqualTo(3 * 38);
        assertThat(j.has("failure")).isFalse();
    }

    @Test
    void aPtxCandidateIsAssembledAndVerifiedToo(@TempDir Path dir) throws Exception {
        String cu = Files.readString(Path.of(KERNELS + "tile_scan.cu"));
        String plan = cu.lines().filter(l -> l.startsWith("// @plan")).reduce("", (a, l) -> a + l + "\n");
        String ptx = dev.scanbench.harness.compile.TestCompilers.compileCuda("tile_scan.cu", cu).ptx();
        Path file = Files.writeString(dir.resolve("tile_scan.ptx"), plan + ptx);
        CliRun r = CliRun.of("verify", file.toString(), "--sizes", "33", "--json");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(json(r).get("passed").asInt()).isEqualTo(19);
        CliRun c = CliRun.of("compile", file.toString(), "--json");
        assertThat(json(c).get("kind").asText()).isEqualTo("ptx");
    }

    @Test
    void verifyReportsTheFirstMismatchWithItsWindowAndExitsOne() throws Exception {
        CliRun r = CliRun.of("verify", KERNELS + "adversarial/first_tile_only.cu", "--json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode f = json(r).get("failure");
        assertThat(f.get("kind").asText()).isEqualTo("wrong_output");
        assertThat(f.get("n").asLong()).isEqualTo(1025);
        assertThat(f.get("order").asText()).isEqualTo("IN_ORDER");
        assertThat(f.get("mismatch").get("index").asLong()).isEqualTo(1024);
        assertThat(f.get("mismatch").get("x")).hasSize(9);

        CliRun text = CliRun.of("verify", KERNELS + "adversarial/read_past_end.cu");
        assertThat(text.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(text.out()).contains("FAILED verification (fault) at n = 1, RANDOM, IN_ORDER dispatch",
                "MEMCHECK", "read_past_end.cu:30");
    }

    @Test
    void verifyRejectsAPlanInvalidAtTheScoringSizeBeforeRunning() throws Exception {
        CliRun r = CliRun.of("verify", KERNELS + "adversarial/huge_scratch.cu", "--json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(json(r).get("error").get("stage").asText()).isEqualTo("plan");
    }

    /** A poll nvcc hoisted out of its loop is refused by compile and verify, located at the loop's .cu line. */
    @Test
    void aLoopThatCanNeverEndIsRejectedAtItsCudaLine() throws Exception {
        CliRun c = CliRun.of("compile", KERNELS + "adversarial/hoisted_poll.cu", "--json");
        assertThat(c.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode error = json(c).get("error");
        assertThat(error.get("stage").asText()).isEqualTo("static_checks");
        JsonNode d = error.get("diagnostics").get(0);
        assertThat(d.get("file").asText()).isEqualTo("hoisted_poll.cu");
        assertThat(d.get("line").asInt()).isEqualTo(94);
        assertThat(d.get("message").asText()).contains("this spin never re-reads memory");

        CliRun v = CliRun.of("verify", KERNELS + "adversarial/hoisted_poll.cu");
        assertThat(v.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(v.err()).contains("rejected at static checks", "hoisted_poll.cu:94", "a loop that never ends");
    }

    /** A flag polled with a weak load is refused by compile and verify at the load's .cu line, on every schedule. */
    @Test
    void aWeakPollIsAnErrorAtItsLoadNotAWarning() throws Exception {
        CliRun c = CliRun.of("compile", KERNELS + "adversarial/weak_poll.cu", "--json");
        assertThat(c.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode d = json(c).get("error").get("diagnostics").get(0);
        assertThat(d.get("file").asText()).isEqualTo("weak_poll.cu");
        assertThat(d.get("line").asInt()).isEqualTo(93);
        assertThat(d.get("message").asText()).contains("a flag polled with a weak load", "weak load polled in a spin loop");

        CliRun v = CliRun.of("verify", KERNELS + "adversarial/weak_poll.cu", "--json");
        assertThat(v.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(json(v).at("/error/stage").asText()).isEqualTo("static_checks");
    }
}
