package dev.scanbench.harness.backend.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmulatorBackendTest {
    private static final String KERNEL = String.join("\n",
            "// @plan launch add_one grid=ceil_div(n, 128) block=128 args=(x, y, n, 0)",
            "extern \"C\" __global__ void add_one(const int* x, int* y, int n, int over) {",
            "    int i = blockIdx.x * blockDim.x + threadIdx.x;",
            "    if (i < n + over) y[i] = x[i] + 1;",
            "}",
            "extern \"C\" __global__ void spin(volatile int* flag) {",
            "    while (*flag == 0) { }",
            "}",
            "");

    private static Artifact artifact() {
        return TestCompilers.compileCuda("kernels/add_one.cu", KERNEL);
    }

    private static ResolvedPlan plan(String text, int n, Artifact a) throws Exception {
        return PlanValidator.resolve(PlanParser.parse("kernels/add_one.cu", text, CommentStyle.SLASHES), n,
                a.signature(), a.staticSharedBytes());
    }

    @Test
    void runsAPlanAndCountsTheWorkInsteadOfTime() throws Exception {
        Artifact a = artifact();
        int n = 1000;
        try (EmulatorBackend backend = new EmulatorBackend(LaunchOptions.allChecks());
             DeviceBuffer x = backend.allocate(4L * n); DeviceBuffer y = backend.allocate(4L * n);
             PlanRunner runner = PlanRunner.open(backend, ModuleImage.of(a.ptx(), a.cubin()), a.signature(),
                     plan(KERNEL, n, a))) {
            backend.copyIn(x, IntStream.range(0, n).toArray());
            runner.run(x, y);
            backend.synchronize();
            int[] out = new int[n];
            backend.copyOut(y, out);
            assertThat(out).isEqualTo(IntStream.range(1, n + 1).toArray());
            assertThat(backend.hasClock()).isFalse();
            assertThat(backend.counters().launches()).isEqualTo(1);
            assertThat(backend.counters().globalBytesRead()).isEqualTo(4L * n);
            assertThat(backend.counters().globalBytesWritten()).isEqualTo(4L * n);
            assertThat(backend.counters().warpInstructions()).isPositive();
            assertThat(backend.counters().criticalPath().measured()).as("off unless asked for").isFalse();
            assertThatThrownBy(() -> backend.elapsedMillis(backend.record(), backend.record()))
                    .hasMessageContaining("no clock");
            backend.resetCounters();
            assertThat(backend.counters()).isEqualTo(ExecutionCounters.ZERO);
        }
    }

    @Test
    void fillsWordsAndBytes() throws Exception {
        try (EmulatorBackend backend = new EmulatorBackend(LaunchOptions.defaults());
             DeviceBuffer b = backend.allocate(16)) {
            int[] out = new int[4];
            backend.fill32(b, 0x12345678);
            backend.copyOut(b, out);
            assertThat(out).containsOnly(0x12345678);
            backend.fill8(b, (byte) 0xA5);
            backend.copyOut(b, out);
            assertThat(out).containsOnly(0xA5A5A5A5);
        }
    }

    @Test
    void refusesACubinOnlyImageSayingItRunsPtx() {
        EmulatorBackend backend = new EmulatorBackend(LaunchOptions.defaults());
        assertThatThrownBy(() -> backend.load(ModuleImage.ofCubin(new byte[] {0x7f, 'E', 'L', 'F'})))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("the emulator runs PTX")
                .hasMessageContaining("give the .cu");
    }

    @Test
    void anOutOfBoundsReadIsAFaultLocatedAtTheSourceLine() throws Exception {
        Artifact a = artifact();
        int n = 100;
        String overRead = KERNEL.replace("args=(x, y, n, 0)", "args=(x, y, n, 1)");
        try (EmulatorBackend backend = new EmulatorBackend(LaunchOptions.allChecks());
             DeviceBuffer x = backend.allocate(4L * n); DeviceBuffer y = backend.allocate(4L * (n + 1));
             PlanRunner runner = PlanRunner.open(backend, ModuleImage.of(a.ptx(), a.cubin()), a.signature(),
                     plan(overRead, n, a))) {
            backend.copyIn(x, new int[n]);
            assertThatThrownBy(() -> runner.run(x, y))
                    .isInstanceOfSatisfying(EmulatorFaultException.class, e -> {
                        assertThat(e.hang()).isFalse();
                        assertThat(e.first().check()).isEqualTo(Check.MEMCHECK);
                        assertThat(e.first().kernel()).isEqualTo("add_one");
                        assertThat(e.first().block().x()).isEqualTo(0);
                        assertThat(e.first().thread().x()).isEqualTo(100);
                        assertThat(e.first().ptxLine()).isPositive();
                        assertThat(e.first().source()).endsWith("add_one.cu:4");
                    })
                    .hasMessageContaining("kernel add_one");
        }
    }

    @Test
    void aSpinThatNeverEndsIsReportedAsAHang() throws Exception {
        Artifact a = artifact();
        String spinPlan = "// @plan launch spin grid=1 block=32 args=(y)\n";
        LaunchOptions quick = LaunchOptions.defaults().withLimits(200_000, 50_000_000);
        try (EmulatorBackend backend = new EmulatorBackend(quick);
             DeviceBuffer x = backend.allocate(4); DeviceBuffer y = backend.allocate(4);
             PlanRunner runner = PlanRunner.open(backend, ModuleImage.of(a.ptx(), a.cubin()), a.signature(),
                     plan(spinPlan, 1, a))) {
            backend.fill32(y, 0);
            assertThatThrownBy(() -> runner.run(x, y))
                    .isInstanceOfSatisfying(EmulatorFaultException.class, e -> {
                        assertThat(e.hang()).isTrue();
                        assertThat(e.status()).isEqualTo(LaunchResult.Status.DEADLOCKED);
                        assertThat(e.first().check()).isEqualTo(Check.DEADLOCK);
                    });
        }
    }
}
