package dev.scanbench.harness.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanRunnerTest {
    private static final String PTX = ".entry _Z6reducePKiiPi(.param .u64 a, .param .u32 b, .param .u64 c) { ret; }\n"
            + ".entry scan(.param .u64 a, .param .u64 b, .param .u32 c, .param .u64 d, .param .u64 e) { ret; }\n";
    private static final String PLAN = String.join("\n",
            "// @plan scratch sums = 4 * ceil_div(n, 1024) bytes zero",
            "// @plan scratch work = 8 bytes",
            "// @plan launch reduce grid=ceil_div(n, 1024) block=256 args=(x, n, sums)",
            "// @plan launch scan grid=ceil_div(n, 1024) block=256 smem=1024 args=(x, y, n, sums, work)",
            "");
    private static final ModuleImage IMAGE = ModuleImage.of(PTX, new byte[] {1});

    private static PtxSignature signature() throws Exception {
        return PtxSignature.parse(PTX);
    }

    private static ResolvedPlan plan(long n) throws Exception {
        return PlanValidator.resolve(PlanParser.parse("k.cu", PLAN, CommentStyle.SLASHES), n, signature(), Map.of());
    }

    @Test
    void runZeroFillsThenLaunchesInOrderWithPackedArguments() throws Exception {
        RecordingBackend backend = new RecordingBackend(Set.of("_Z6reducePKiiPi", "scan"));
        DeviceBuffer x = backend.allocate(4 * 5000);
        DeviceBuffer y = backend.allocate(4 * 5000);
        backend.calls.clear();
        try (PlanRunner runner = PlanRunner.open(backend, IMAGE, signature(), plan(5000))) {
            runner.poisonScratch();
            runner.run(x, y);
        }
        assertThat(backend.calls).containsExactly(
                "load",
                "allocate 20 @b000",
                "allocate 8 @c000",
                "fill8 @c000 a5",
                "fill8 @b000 00",
                "launch _Z6reducePKiiPi grid=(5, 1, 1) block=(256, 1, 1) smem=0 params="
                        + "0010000000000000" + "88130000" + "00000000" + "00b0000000000000",
                "launch scan grid=(5, 1, 1) block=(256, 1, 1) smem=1024 params="
                        + "0010000000000000" + "0060000000000000" + "88130000" + "00000000"
                        + "00b0000000000000" + "00c0000000000000",
                "free @b000",
                "free @c000",
                "unload");
    }

    @Test
    void commandsCarryThePlanLineForMessages() throws Exception {
        RecordingBackend backend = new RecordingBackend(Set.of("_Z6reducePKiiPi", "scan"));
        try (PlanRunner runner = PlanRunner.open(backend, IMAGE, signature(), plan(100))) {
            var commands = runner.commands(backend.allocate(400), backend.allocate(400));
            assertThat(commands).extracting(c -> c.pos().line()).containsExactly(3, 4);
            assertThat(commands.get(1).params().count()).isEqualTo(5);
        }
    }

    @Test
    void aFailedOpenReleasesWhatItAcquired() throws Exception {
        RecordingBackend backend = new RecordingBackend(Set.of("_Z6reducePKiiPi", "scan"));
        backend.failOn = "allocate 8";
        assertThatThrownBy(() -> PlanRunner.open(backend, IMAGE, signature(), plan(100)))
                .isInstanceOf(DeviceFaultException.class);
        assertThat(backend.calls).containsExactly("load", "allocate 4 @1000", "allocate 8 @2000", "free @1000", "unload");
    }

    @Test
    void aModuleWithoutAPlannedEntryIsRefused() throws Exception {
        RecordingBackend backend = new RecordingBackend(Set.of("scan"));
        assertThatThrownBy(() -> PlanRunner.open(backend, IMAGE, signature(), plan(100)))
                .isInstanceOf(BackendException.class)
                .hasMessage("k.cu:3:4: the loaded module has no entry '_Z6reducePKiiPi'");
        assertThat(backend.calls).containsExactly("load", "unload");
    }

    @Test
    void closeAttemptsEveryReleaseAndReportsTheFirstFailure() throws Exception {
        RecordingBackend backend = new RecordingBackend(Set.of("_Z6reducePKiiPi", "scan"));
        PlanRunner runner = PlanRunner.open(backend, IMAGE, signature(), plan(100));
        backend.failOn = "free";
        assertThatThrownBy(runner::close)
                .isInstanceOf(DeviceFaultException.class)
                .hasMessage("injected failure at free @1000")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(backend.calls).endsWith("free @1000", "free @2000", "unload");
    }

    @Test
    void imagesNeedPtxOrCubin() {
        assertThatThrownBy(() -> new ModuleImage(java.util.Optional.empty(), java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = {1, 2};
        ModuleImage image = ModuleImage.ofCubin(bytes);
        bytes[0] = 9;
        assertThat(image.cubin().orElseThrow()).containsExactly(1, 2);
        assertThat(image.ptx()).isEmpty();
    }
}
