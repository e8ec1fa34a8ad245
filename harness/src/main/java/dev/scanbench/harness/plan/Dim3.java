package dev.scanbench.harness.plan;

import java.util.List;

/**
 * A grid or block shape with every dimension evaluated.
 *
 * @param x first dimension
 * @param y second dimension (1 when not written)
 * @param z third dimension (1 when not written)
 */
public record Dim3(long x, long y, long z) {

    /** Product of the three dimensions. */
    public long count() {
        return Math.multiplyExact(Math.multiplyExact(x, y), z);
    }

    /** Dimension i (0 = x, 1 = y, 2 = z). */
    public long get(int i) {
        return i == 0 ? x : i == 1 ? y : z;
    }

    static Dim3 of(List<Long> values) {
        return new Dim3(values.get(0), values.size() > 1 ? values.get(1) : 1, values.size() > 2 ? values.get(2) : 1);
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ", " + z + ")";
    }
}
