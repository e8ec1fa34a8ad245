package dev.scanbench.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.oracle.Oracle;
import dev.scanbench.baseline.oracle.ParallelOracle;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Expected outputs from the reference kernel on the device, cross-checked once against the CPU oracle. */
class ReferenceExpectedOutputTest {
    private static final int N = 5000;

    private static PreparedCandidate prepare(String file) throws Exception {
        return new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(Path.of("..").resolve(file)));
    }

    @Test
    void theReferenceKernelJudgesEverySampleAfterTheOracleAgreedOnTheFirst() throws Exception {
        PreparedCandidate reference = prepare("reference/decoupled_lookback.cu");
        PreparedCandidate candidate = prepare("kernels/02_warp_shuffle_reduce_then_scan.cu");
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.defaults());
             HarnessKernels k = HarnessKernels.load(b, Kernels.harness());
             PlanRunner runner = PlanRunner.open(b, candidate.image(), candidate.artifact().signature(), candidate.resolve(N));
             ReferenceExpectedOutput expected = new ReferenceExpectedOutput(b, PlanRunner.open(b, reference.image(),
                     reference.artifact().signature(), reference.resolve(N)));
             Verifier v = Verifier.open(b, k, runner, expected)) {
            for (long seed = 1; seed <= 3; seed++) {
                v.iterate(seed, InputPattern.RANDOM);
            }
        }
    }

    @Test
    void aReferenceThatDisagreesWithTheOracleIsTheEnvironmentsFaultNotTheCandidates() throws Exception {
        PreparedCandidate reference = prepare("reference/decoupled_lookback.cu");
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.defaults());
             HarnessKernels k = HarnessKernels.load(b, Kernels.harness());
             PlanRunner runner = PlanRunner.open(b, reference.image(), reference.artifact().signature(), reference.resolve(N));
             // An oracle that is off by one stands in for a device that runs the reference wrongly.
             ReferenceExpectedOutput expected = new ReferenceExpectedOutput(b, PlanRunner.open(b, reference.image(),
                     reference.artifact().signature(), reference.resolve(N)), new Oracle() {
                         @Override
                         public void scan(int[] x, int[] y) {
                             new ParallelOracle().scan(x, y);
                             y[N - 1]++;
                         }

                         @Override
                         public String name() {
                             return "off by one";
                         }
                     });
             Verifier v = Verifier.open(b, k, runner, expected)) {
            assertThatThrownBy(() -> v.iterate(7, InputPattern.RANDOM))
                    .isInstanceOf(ReferenceDisagreesException.class)
                    .hasMessageContaining("index " + (N - 1));
        }
    }
}
