package dev.scanbench.harness.triton;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.oracle.SequentialOracle;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.LaunchCommand;
import dev.scanbench.harness.backend.PlanRunner;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.candidate.Candidate;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.tritonbridge.TritonKernel;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Triton examples compiled by the real Triton, launched the way Triton's launcher would (hidden parameters
 * appended, Triton's shared memory), run on the PTX emulator with every check on, and compared exactly with the
 * sequential CPU oracle. This also puts Triton's PTX in front of the emulator: a Triton opcode the emulator
 * lacks fails here, naming the opcode and its PTX line.
 */
class TritonExamplesOnEmulatorTest {
    private static final long[] SIZES = {1, 33, 2048, 4097, 3 * 4096 + 5};

    @ParameterizedTest
    @ValueSource(strings = {"reference_three_pass.py", "lookback_single_pass.py"})
    void matchesTheSequentialOracleExactly(String example) throws Exception {
        PreparedCandidate p = TestTriton.loader().prepare(Candidate.read(TestTriton.EXAMPLES.resolve(example)));
        assertThat(p.compiled().triton()).isPresent();
        for (long n : SIZES) {
            int[] x = new int[(int) n];
            for (int i = 0; i < n; i++) {
                x[i] = InputGenerator.value(7, i);
            }
            // Extreme values make wraparound and a dropped sign visible.
            x[0] = Integer.MAX_VALUE;
            x[x.length - 1] = Integer.MIN_VALUE;
            int[] expected = new int[x.length];
            new SequentialOracle().scan(x, expected);
            int[] actual = new int[x.length];
            try (EmulatorBackend backend = new EmulatorBackend(LaunchOptions.allChecks());
                 DeviceBuffer dx = backend.allocate(4L * n); DeviceBuffer dy = backend.allocate(4L * n);
                 PlanRunner runner = PlanRunner.open(backend, p.image(), p.artifact().signature(), p.resolve(n))) {
                backend.copyIn(dx, x);
                runner.poisonScratch();
                List<LaunchCommand> commands = runner.commands(dx, dy);
                for (LaunchCommand c : commands) {
                    TritonKernel k = p.compiled().triton().get().kernel(c.entry()).orElseThrow();
                    assertThat(c.block().x() * c.block().y() * c.block().z()).isEqualTo(k.threadsPerBlock());
                    assertThat(c.sharedBytes()).isEqualTo(k.sharedBytes());
                    // Runtime parameters plus Triton's two hidden scratch pointers.
                    assertThat(c.params().count()).isEqualTo(k.runtimeParams().size() + 2);
                }
                runner.run(dx, dy);
                backend.synchronize();
                backend.copyOut(dy, actual);
            }
            assertThat(actual).as("%s at n = %d", example, n).isEqualTo(expected);
        }
    }
}
