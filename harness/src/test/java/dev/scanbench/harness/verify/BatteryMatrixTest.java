package dev.scanbench.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.task.TaskSpec;
import dev.scanbench.harness.Defaults;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The gate's cases: the fixed battery, the scored size, and sizes the candidate cannot know. */
class BatteryMatrixTest {

    private static Set<Long> sizes(BatteryMatrix m) {
        return m.cases().stream().map(BatteryCase::n).collect(Collectors.toSet());
    }

    @Test
    void theEmulatorGateHoldsEveryFixedCaseAndThreeSecretSizesOneOfThemSpliced() {
        SecretSeed seed = SecretSeed.of(42);
        BatteryMatrix gate = BatteryMatrix.emulatorGate(Defaults.EMULATOR_SCORE_N, seed);

        assertThat(gate.cases()).containsAll(BatteryMatrix.standard().cases());
        assertThat(gate.cases()).hasSize(194 + 5);
        List<BatteryCase> secret = gate.cases().stream().filter(c -> !BatteryMatrix.standard().cases().contains(c))
                .toList();
        assertThat(secret).allMatch(c -> c.dispatch() == Dispatch.SCORING && c.pattern() == InputPattern.RANDOM);
        assertThat(secret.stream().filter(c -> c.splice() != null)).hasSize(2)
                .allMatch(c -> c.splice().from() >= c.n() / 2 && c.splice().from() < c.n()
                        && c.splice().pattern() == InputPattern.EXTREME);
        long[] drawn = SecretSizes.draw(seed, SecretSizes.EMULATOR);
        assertThat(drawn[0]).isBetween(2L, 1L << 16);
        assertThat(drawn[1]).isBetween((1L << 16) + 1, 1L << 20);
        assertThat(drawn[2]).as("past every fixed size and a first-K kernel's K").isBetween(2_000_001L, 4_000_000L);
        assertThat(sizes(gate)).contains(drawn[0], drawn[1], drawn[2]);
    }

    @Test
    void aSpliceFollowsTheFreshInputWhoseHeadItRepeats() {
        BatteryMatrix gate = BatteryMatrix.emulatorGate(Defaults.EMULATOR_SCORE_N, SecretSeed.of(7));
        List<BatteryCase> cases = gate.cases();
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).splice() != null) {
                BatteryCase before = cases.get(i - 1);
                assertThat(before.splice()).isNull();
                assertThat(before.n()).isEqualTo(cases.get(i).n());
                assertThat(before.pattern()).isEqualTo(cases.get(i).pattern());
                assertThat(before.dispatch()).isEqualTo(cases.get(i).dispatch());
            }
        }
    }

    @RepeatedTest(5)
    void theSecretSizesComeFromTheSeedAndNothingElse() {
        SecretSeed seed = SecretSeed.fresh();
        long value = Long.parseUnsignedLong(seed.reveal(), 16);
        assertThat(BatteryMatrix.emulatorGate(1000, seed)).isEqualTo(BatteryMatrix.emulatorGate(1000,
                SecretSeed.of(value)));
        assertThat(SecretSizes.draw(seed, SecretSizes.EMULATOR))
                .isNotEqualTo(SecretSizes.draw(SecretSeed.of(value + 1), SecretSizes.EMULATOR));
    }

    @Test
    void aScoredSizeOutsideTheFixedOnesJoinsTheGateWithTheLargePatterns() {
        BatteryMatrix gate = BatteryMatrix.emulatorGate(12_345, SecretSeed.of(1));
        assertThat(gate.cases()).contains(new BatteryCase(12_345, InputPattern.RANDOM, Dispatch.SCORING),
                new BatteryCase(12_345, InputPattern.EXTREME, Dispatch.SCORING));
        assertThat(BatteryMatrix.emulatorGate(4097, SecretSeed.of(1)).cases()).hasSize(199);
    }

    @Test
    void theCasesRunCheapestFirstAfterTheSmallSizes() {
        List<BatteryCase> later = BatteryMatrix.emulatorGate(Defaults.EMULATOR_SCORE_N, SecretSeed.of(3)).cases()
                .subList(190, 199);
        for (int i = 1; i < later.size(); i++) {
            assertThat(later.get(i).n()).isGreaterThanOrEqualTo(later.get(i - 1).n());
        }
    }

    @Test
    void aGpusGateRunsTheSameSizesAndPatternsOnTheDeviceUpToTheTasksSize() {
        SecretSeed seed = SecretSeed.of(9);
        BatteryMatrix gate = BatteryMatrix.deviceGate(TaskSpec.DEFAULT_N, seed);

        assertThat(gate.cases()).allMatch(c -> c.dispatch() == Dispatch.DEVICE);
        assertThat(sizes(gate)).contains(1L, 31L, 33L, 1023L, 1025L, 4097L, 65537L, 999_983L, (long) TaskSpec.DEFAULT_N);
        assertThat(gate.cases()).contains(new BatteryCase(TaskSpec.DEFAULT_N, InputPattern.EXTREME, Dispatch.DEVICE));
        long[] drawn = SecretSizes.draw(seed, SecretSizes.DEVICE);
        assertThat(drawn).hasSize(4);
        assertThat(drawn[3]).isBetween(50_000_001L, 100_000_000L);
        assertThat(gate.cases()).hasSize(10 * 5 + 3 * 2 + 4 + 3);
    }
}
