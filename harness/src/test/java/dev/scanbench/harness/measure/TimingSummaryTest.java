package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingSummaryTest {

    @Test
    void statisticsOfOneToHundredInShuffledOrderMatchHandComputedValues() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            samples.add(Sample.of(i, i + 1000));
        }
        Collections.shuffle(samples, new Random(3));

        TimingSummary s = TimingSummary.of(SampleSet.of(TimeBasis.EVENT, samples), 6, WarmupEnd.STABLE,
                StopReason.PRECISE, 0.99);

        assertThat(s.samples()).isEqualTo(samples);
        assertThat(s.medianMs()).isEqualTo(50.5);
        assertThat(s.meanMs()).isEqualTo(50.5);
        assertThat(s.minMs()).isEqualTo(1);
        assertThat(s.maxMs()).isEqualTo(100);
        // Hyndman-Fan 8: position p(n + 1/3) + 1/3 = 5.35 and 95.65, interpolated between neighbours.
        assertThat(s.p5Ms()).isCloseTo(5.35, within(1e-9));
        assertThat(s.p95Ms()).isCloseTo(95.65, within(1e-9));
        // Sample variance of 1..100: n(n+1)/12 = 841.667.
        assertThat(s.stdevMs()).isCloseTo(Math.sqrt(100 * 101 / 12.0), within(1e-9));
        // Order statistics 37 and 64 (see MedianCiTest).
        assertThat(s.ciLowMs()).isEqualTo(37);
        assertThat(s.ciHighMs()).isEqualTo(64);
        assertThat(s.relativeHalfWidth()).isCloseTo(13.5 / 50.5, within(1e-12));
        assertThat(s.wallMedianMs()).isEqualTo(1050.5);
        assertThat(s.warmupCount()).isEqualTo(6);
    }

    @Test
    void aWallBasisSummarisesTheWallTimes() {
        TimingSummary s = TimingSummary.of(SampleSet.of(TimeBasis.WALL, List.of(Sample.wallOnly(0.7))), 4,
                WarmupEnd.FIXED_COUNT, StopReason.SINGLE_CALL, 0.99);
        assertThat(s.medianMs()).isEqualTo(0.7);
        assertThat(s.stdevMs()).isZero();
        assertThat(s.ciCoverage()).isZero();
    }

    @Test
    void noSamplesHaveNoSummary() {
        assertThatThrownBy(() -> TimingSummary.of(new SampleSet(TimeBasis.EVENT), 0, WarmupEnd.STABLE,
                StopReason.PRECISE, 0.99)).isInstanceOf(IllegalArgumentException.class);
    }
}
