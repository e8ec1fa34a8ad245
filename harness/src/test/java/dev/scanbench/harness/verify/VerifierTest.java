package dev.scanbench.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.oracle.SequentialOracle;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.device.HarnessKernels;
import org.junit.jupiter.api.Test;

/** The three phases of one verified iteration, driven one by one as a measurement would. */
class VerifierTest {

    @Test
    void phasesRunInOrderAndTheOutputIsTheOraclesOnTheGeneratedInput() throws Exception {
        PreparedCandidate c = Kernels.prepare("tile_scan.cu");
        int n = 3000;
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.allChecks());
             HarnessKernels k = HarnessKernels.load(b, Kernels.harness());
             PlanRunner runner = PlanRunner.open(b, c.image(), c.artifact().signature(), c.resolve(n));
             Verifier v = Verifier.open(b, k, runner, new OracleExpectedOutput(new SequentialOracle()))) {
            assertThatThrownBy(v::runCandidate).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("prepare() must come first");
            v.prepare(77, InputPattern.ALTERNATING);
            int[] x = new int[n];
            b.copyOut(v.x(), x);
            int[] want = new int[n];
            InputPattern.ALTERNATING.fill(77, want);
            assertThat(x).isEqualTo(want);
            long before = b.counters().launches();
            v.runCandidate();
            assertThat(b.counters().launches() - before).isEqualTo(3);
            v.check();
            int[] y = new int[n];
            b.copyOut(v.y(), y);
            assertThat(y).isEqualTo(new SequentialOracle().scan(want));
            assertThatThrownBy(v::check).as("each check needs its own prepare")
                    .isInstanceOf(IllegalStateException.class);
            v.iterate(78, InputPattern.EXTREME);
        }
    }

    @Test
    void aWrongOutputNamesTheFirstIndexAndShowsTheWindow() throws Exception {
        PreparedCandidate c = Kernels.prepare("adversarial/half_output.cu");
        int n = 40;
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.allChecks());
             HarnessKernels k = HarnessKernels.load(b, Kernels.harness());
             PlanRunner runner = PlanRunner.open(b, c.image(), c.artifact().signature(), c.resolve(n));
             Verifier v = Verifier.open(b, k, runner, new OracleExpectedOutput())) {
            assertThatThrownBy(() -> v.iterate(5, InputPattern.RANDOM))
                    .isInstanceOfSatisfying(WrongOutputException.class, e -> {
                        Mismatch m = e.mismatch();
                        assertThat(m.index()).isEqualTo(20);
                        assertThat(m.mismatches()).isEqualTo(20);
                        assertThat(m.canarySurvived()).isTrue();
                        assertThat(m.windowStart()).isEqualTo(12);
                        assertThat(m.input()).hasSize(17);
                        int[] x = new int[n];
                        InputPattern.RANDOM.fill(5, x);
                        assertThat(m.input()).containsExactly(java.util.Arrays.copyOfRange(x, 12, 29));
                        assertThat(m.expectedWindow()).containsExactly(
                                java.util.Arrays.copyOfRange(new SequentialOracle().scan(x), 12, 29));
                    })
                    .hasMessageContaining("y[20] = ").hasMessageContaining("never written");
        }
    }

    @Test
    void aSplicedInputRepeatsTheHeadExactlyAndReplacesTheTail() throws Exception {
        PreparedCandidate c = Kernels.prepare("tile_scan.cu");
        int n = 5000;
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.allChecks());
             HarnessKernels k = HarnessKernels.load(b, Kernels.harness());
             PlanRunner runner = PlanRunner.open(b, c.image(), c.artifact().signature(), c.resolve(n));
             Verifier v = Verifier.open(b, k, runner, new OracleExpectedOutput())) {
            InputSpec spliced = InputSpec.of(11, InputPattern.RANDOM).withTail(3001, 12, InputPattern.EXTREME);
            v.prepare(spliced);
            int[] x = new int[n];
            b.copyOut(v.x(), x);
            int[] head = new int[n];
            InputPattern.RANDOM.fill(11, head);
            int[] tail = new int[n - 3001];
            InputPattern.EXTREME.fill(12, tail);
            assertThat(java.util.Arrays.copyOf(x, 3001)).isEqualTo(java.util.Arrays.copyOf(head, 3001));
            assertThat(java.util.Arrays.copyOfRange(x, 3001, n)).isEqualTo(tail);
            assertThat(spliced.host(n)).isEqualTo(x);
            v.runCandidate();
            v.check();
        }
    }

    @Test
    void withoutBoundsChecksAWritePastTheEndOfYIsCaughtByTheGuardAfterIt() throws Exception {
        // The emulator with memcheck off stands for a GPU: nothing faults, the harness must see the write itself.
        PreparedCandidate c = Kernels.prepare("adversarial/writes_past_end.cu");
        int n = 1500;
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.defaults());
             HarnessKernels k = HarnessKernels.load(b, Kernels.harness());
             PlanRunner runner = PlanRunner.open(b, c.image(), c.artifact().signature(), c.resolve(n));
             Verifier v = Verifier.open(b, k, runner, new OracleExpectedOutput())) {
            assertThat(b.checksBounds()).isFalse();
            assertThat(v.y().bytes()).isEqualTo(4L * (n + dev.scanbench.harness.Defaults.OUTPUT_GUARD_INTS));
            assertThatThrownBy(() -> v.iterate(3, InputPattern.ALL_NON_POSITIVE))
                    .isInstanceOfSatisfying(OutOfBoundsWriteException.class,
                            e -> assertThat(e.index()).isEqualTo(n))
                    .hasMessageContaining("wrote past the end of y: y[1500] (n = 1500");
        }
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.allChecks());
             HarnessKernels k = HarnessKernels.load(b, Kernels.harness());
             PlanRunner runner = PlanRunner.open(b, c.image(), c.artifact().signature(), c.resolve(n));
             Verifier v = Verifier.open(b, k, runner, new OracleExpectedOutput())) {
            assertThat(v.y().bytes()).as("memcheck guards y exactly").isEqualTo(4L * n);
        }
    }
}
