package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The two strategies on their own: {@link MedianCiRule} for sampling, {@link StableWarmup} for warm-up. */
class StoppingRulesTest {
    private static final long SECOND = 1_000_000_000L;

    private static SampleSet of(double... times) {
        SampleSet set = new SampleSet(TimeBasis.EVENT);
        for (double t : times) {
            set.add(Sample.of(t, t));
        }
        return set;
    }

    @Test
    void identicalTimesArePreciseOnlyFromTheMinimumCount() {
        MedianCiRule rule = MedianCiRule.defaults();
        assertThat(rule.check(of(1, 1, 1, 1, 1, 1, 1, 1, 1), 0)).isEmpty();
        assertThat(rule.check(of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 0)).contains(StopReason.PRECISE);
    }

    @Test
    void tenSamplesArePreciseWhenMinToMaxIsWithinTwoPercent() {
        MedianCiRule rule = MedianCiRule.defaults();
        // With 10 samples the 99% interval is [min, max]: half-width 0.0095 over median 1.0 passes, 0.0105 does not.
        assertThat(rule.check(of(0.991, 1, 1, 1, 1, 1, 1, 1, 1, 1.01), 0)).contains(StopReason.PRECISE);
        assertThat(rule.check(of(0.99, 1, 1, 1, 1, 1, 1, 1, 1, 1.011), 0)).isEmpty();
    }

    @Test
    void theBudgetEndsSamplingEvenBeforeTheMinimumAndTheCapAfterIt() {
        MedianCiRule rule = new MedianCiRule(10, 12, 0.99, 0.01, 10_000);
        assertThat(rule.check(of(1, 2), 10 * SECOND)).contains(StopReason.TIME_BUDGET);
        assertThat(rule.check(of(1, 2), 10 * SECOND - 1)).isEmpty();
        assertThat(rule.check(of(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2), 0)).contains(StopReason.SAMPLE_LIMIT);
        assertThatThrownBy(() -> new MedianCiRule(10, 9, 0.99, 0.01, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MedianCiRule(1, 9, 0.99, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void warmUpNeedsTheMinimumCallsAndAFullWindowWithinTheSpread() {
        StableWarmup rule = StableWarmup.defaults();
        assertThat(rule.check(new double[] {1, 1, 1, 1}, 0)).isEmpty();
        assertThat(rule.check(new double[] {1, 1, 1, 1, 1}, 0)).contains(WarmupEnd.STABLE);
        // Spread (1.049 - 1.0) / median 1.0 = 4.9% is stable; 5.1% is not.
        assertThat(rule.check(new double[] {9, 1.0, 1.02, 1.049, 1.0, 1.0}, 0)).contains(WarmupEnd.STABLE);
        assertThat(rule.check(new double[] {1.0, 1.02, 1.051, 1.0, 1.0}, 0)).isEmpty();
    }

    @Test
    void warmUpEndsByBudgetOrCallCapWhenTimesNeverSettle() {
        StableWarmup rule = new StableWarmup(4, 5, 0.05, 2_000, 8);
        double[] jumpy = {1, 2, 1, 2, 1, 2};
        assertThat(rule.check(jumpy, 2 * SECOND)).contains(WarmupEnd.BUDGET_SPENT);
        assertThat(rule.check(jumpy, 0)).isEmpty();
        assertThat(rule.check(new double[] {1, 2, 1, 2, 1, 2, 1, 2}, 0)).contains(WarmupEnd.CALL_LIMIT);
        assertThat(StableWarmup.spread(new double[] {0, 0, 0})).isZero();
        assertThat(rule.check(new double[] {0, 0, 0, 0, 0}, 0)).isEqualTo(Optional.of(WarmupEnd.STABLE));
        assertThatThrownBy(() -> new StableWarmup(4, 1, 0.05, 1, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
