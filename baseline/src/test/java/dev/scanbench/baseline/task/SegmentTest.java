package dev.scanbench.baseline.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmentTest {

    private static Segment randomSegment(SplittableRandom r) {
        return new Segment(r.nextBoolean(), r.nextInt(), r.nextInt());
    }

    @Test
    void singleElements() {
        assertThat(Segment.of(5)).isEqualTo(new Segment(true, 0, 5));
        assertThat(Segment.of(0)).isEqualTo(new Segment(false, 0, 0));
        assertThat(Segment.of(-3)).isEqualTo(new Segment(false, 0, -3));
        assertThat(Segment.of(Integer.MIN_VALUE)).isEqualTo(new Segment(false, 0, Integer.MIN_VALUE));
        assertThat(Segment.of(Integer.MAX_VALUE)).isEqualTo(new Segment(true, 0, Integer.MAX_VALUE));
    }

    @Test
    void handWorkedCombination() {
        // [3, -2]: entering even, 3 is skipped and flips, -2 is added -> a0 = -2; entering odd, 3 is added,
        // flips to even, -2 skipped -> a1 = 3; one positive -> odd.
        assertThat(Segment.of(3).combine(Segment.of(-2))).isEqualTo(new Segment(true, -2, 3));
        assertThat(Segment.summarise(new int[] {3, -2}, 0, 2)).isEqualTo(new Segment(true, -2, 3));
    }

    @Test
    void identityIsNeutralOnBothSides() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            Segment s = randomSegment(r);
            assertThat(Segment.IDENTITY.combine(s)).isEqualTo(s);
            assertThat(s.combine(Segment.IDENTITY)).isEqualTo(s);
        }
    }

    @Test
    void combineIsAssociativeAndNotCommutative() {
        SplittableRandom r = new SplittableRandom(2);
        int nonCommuting = 0;
        for (int i = 0; i < 10_000; i++) {
            Segment a = randomSegment(r);
            Segment b = randomSegment(r);
            Segment c = randomSegment(r);
            assertThat(a.combine(b).combine(c)).isEqualTo(a.combine(b.combine(c)));
            nonCommuting += a.combine(b).equals(b.combine(a)) ? 0 : 1;
        }
        assertThat(nonCommuting).isGreaterThan(5000);
    }

    @Test
    void summariseEqualsFoldOfElementsIncludingWraparound() {
        SplittableRandom r = new SplittableRandom(3);
        int[] x = new int[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? r.nextInt() : r.nextInt(-10, 10);
        }
        for (int trial = 0; trial < 50; trial++) {
            int from = r.nextInt(x.length);
            int to = from + r.nextInt(x.length - from + 1);
            Segment fold = Segment.IDENTITY;
            for (int j = from; j < to; j++) {
                fold = fold.combine(Segment.of(x[j]));
            }
            assertThat(Segment.summarise(x, from, to)).as("[%d, %d)", from, to).isEqualTo(fold);
        }
        assertThat(Segment.summarise(x, 7, 7)).isEqualTo(Segment.IDENTITY);
    }

    @Test
    void summariseChecksItsRange() {
        assertThatThrownBy(() -> Segment.summarise(new int[3], 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Segment.summarise(new int[3], 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void taskConstants() {
        assertThat(TaskSpec.VALUE_COUNT).isEqualTo(20);
        assertThat(TaskSpec.DEFAULT_N).isEqualTo(100_000_000);
    }
}
