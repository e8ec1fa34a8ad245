package dev.scanbench.harness.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.CandidateLoader;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.BatteryReport;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.SecretSeed;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped kernel goes through what {@code workbench verify} does: loaded as a candidate (compile, static
 * checks, plan), then the verify battery with secret-seeded device inputs, canary, input checksum and exact
 * device compare, under every dispatch order. Two sizes here keep the build quick; the standard 154-case battery
 * is run by hand ({@code ./workbench verify FILE}) and reported in kernels/README.md.
 */
class ShippedKernelVerifyTest {
    private static Artifact harness;

    @BeforeAll
    static void compileHarnessKernels() throws Exception {
        harness = HarnessKernels.compile(TestCompilers.shared());
    }

    static List<ShippedKernel> kernels() {
        return ShippedKernel.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void passesTheVerifyBatteryAsACandidate(ShippedKernel kernel) throws Exception {
        PreparedCandidate candidate = new CandidateLoader(TestCompilers.shared()).prepare(Candidate.read(kernel.file()));
        BatteryMatrix matrix = BatteryMatrix.of(33, 4097);
        BatteryReport report = new CorrectnessBattery(candidate, harness,
                LaunchOptions.defaults().withChecks(Defaults.VERIFY_CHECKS)).run(matrix, SecretSeed.fresh(), line -> { });
        assertThat(report.failure()).as("%s: first failure (seed %s)", kernel, report.seed()).isEmpty();
        assertThat(report.passed()).isEqualTo(matrix.cases());
    }
}
