package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleTest {

    @Test
    void flagsAccumulateWithoutChangingTheOriginal() {
        Sample s = Sample.of(1, 2);
        Sample flagged = s.withFlag(SampleFlag.OUTLIER).withFlag(SampleFlag.L2_FLUSHED).withFlag(SampleFlag.OUTLIER);
        assertThat(s.flags()).isEmpty();
        assertThat(flagged.flags()).containsExactly(SampleFlag.L2_FLUSHED, SampleFlag.OUTLIER);
        assertThatThrownBy(() -> flagged.flags().add(SampleFlag.HOST_STALL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aWallOnlySampleHasNoEventTime() {
        Sample s = Sample.wallOnly(0.7);
        assertThat(s.hasEventTime()).isFalse();
        assertThat(s.time(TimeBasis.WALL)).isEqualTo(0.7);
        assertThatThrownBy(() -> s.time(TimeBasis.EVENT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void timesMustBeFiniteAndNonNegative() {
        assertThatThrownBy(() -> Sample.of(-1, 1)).hasMessageContaining("event time");
        assertThatThrownBy(() -> Sample.of(1, Double.NaN)).hasMessageContaining("wall time");
        assertThatThrownBy(() -> new Sample(Double.POSITIVE_INFINITY, 1, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSampleSetKeepsArrivalOrderAndSortedTimes() {
        SampleSet set = new SampleSet(TimeBasis.EVENT);
        double[] times = {5, 3, 9, 3, 1, 7, 2, 8, 6, 4, 0, 11, 10, 12, 13, 14, 15, 16};
        for (double t : times) {
            set.add(Sample.of(t, t + 1));
        }
        assertThat(set.timesInOrder()).containsExactly(times);
        assertThat(set.sortedTimes()).containsExactly(0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(set.samples()).hasSize(times.length);
        assertThatThrownBy(() -> set.add(Sample.wallOnly(1))).isInstanceOf(IllegalStateException.class);
    }
}
