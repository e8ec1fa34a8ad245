package dev.scanbench.harness.triton;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import dev.scanbench.harness.device.HarnessKernels;
import dev.scanbench.harness.verify.BatteryMatrix;
import dev.scanbench.harness.verify.BatteryReport;
import dev.scanbench.harness.verify.CorrectnessBattery;
import dev.scanbench.harness.verify.SecretSeed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Triton examples through what {@code workbench verify} runs: secret-seeded inputs generated on the
 * (emulated) device, every input pattern, in-order, reversed and random block dispatch (a look-back that only
 * works in launch order fails here), canary, input checksum and exact comparison with the oracle. Sizes are a
 * subset of the standard battery, to keep the build fast.
 */
class TritonBatteryTest {

    @ParameterizedTest
    @ValueSource(strings = {"reference_three_pass.py", "lookback_single_pass.py"})
    void passesTheBatteryOnTheEmulator(String example) throws Exception {
        Artifact harness = HarnessKernels.compile(TestCompilers.shared());
        BatteryMatrix matrix = BatteryMatrix.of(1, 33, 4097, 65537);
        BatteryReport r = new CorrectnessBattery(
                TestTriton.loader().prepare(Candidate.read(TestTriton.EXAMPLES.resolve(example))), harness,
                LaunchOptions.allChecks()).run(matrix, SecretSeed.fresh(), line -> { });
        assertThat(r.failure()).as(example).isEmpty();
        assertThat(r.passed()).isEqualTo(matrix.cases());
    }
}
