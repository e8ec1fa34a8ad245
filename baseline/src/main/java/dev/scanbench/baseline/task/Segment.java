package dev.scanbench.baseline.task;

import java.util.Objects;

/**
 * Summary of a contiguous segment of the input under the scan of {@link TaskSpec}: the monoid element
 * {@code (p, a0, a1)} that makes parallel and single-pass scans possible.
 *
 * <p>{@code odd} is the parity of the number of positive values in the segment; {@code a0} is what the segment
 * adds to the running sum when the parity entering it is even, {@code a1} when it is odd. Sums wrap as int32.
 * A single element {@code x} is {@code (x > 0, 0, x)}: entering even it adds nothing, entering odd it adds itself.
 * Applying a segment to an incoming state {@code (q, s)} yields {@code (q ^ odd, s + (q ? a1 : a0))}.
 *
 * @param odd whether the segment contains an odd number of positive values
 * @param a0  the segment's contribution to the sum when the incoming parity is even
 * @param a1  the segment's contribution to the sum when the incoming parity is odd
 */
public record Segment(boolean odd, int a0, int a1) {

    /** The empty segment: neutral for {@link #combine(Segment)} on both sides. */
    public static final Segment IDENTITY = new Segment(false, 0, 0);

    /**
     * The summary of the single element {@code x}.
     *
     * @param x the element value
     * @return {@code (x > 0, 0, x)}
     */
    public static Segment of(int x) {
        return new Segment(x > 0, 0, x);
    }

    /**
     * The summary of this segment followed immediately by {@code right}. Associative, not commutative.
     *
     * @param right the segment that follows this one
     * @return the summary of the concatenation
     */
    public Segment combine(Segment right) {
        Objects.requireNonNull(right, "right");
        // Crossing this segment flips the parity seen by `right` when this segment holds an odd count.
        return new Segment(odd ^ right.odd,
                a0 + (odd ? right.a1 : right.a0),
                a1 + (odd ? right.a0 : right.a1));
    }

    /**
     * Summarises {@code x[from..to)} in one sequential pass without allocating per element.
     *
     * @param x    the input
     * @param from first index, inclusive
     * @param to   last index, exclusive
     * @return the summary of the range ({@link #IDENTITY} when empty)
     * @throws IndexOutOfBoundsException if the range is not within {@code x}
     */
    public static Segment summarise(int[] x, int from, int to) {
        Objects.checkFromToIndex(from, to, x.length);
        boolean parity = false;
        int evenSum = 0;
        int total = 0;
        for (int j = from; j < to; j++) {
            int v = x[j];
            evenSum += parity ? v : 0; // a conditional move, not a branch: signs are random
            total += v;
            parity ^= v > 0;
        }
        // Entering odd flips every element's local parity, so a1 picks exactly the elements a0 skipped.
        return new Segment(parity, evenSum, total - evenSum);
    }
}
