package dev.scanbench.emulator;

/** Grid or block dimensions (each at least 1). */
public record Dim3(int x, int y, int z) {
    /** Validates that every dimension is positive. */
    public Dim3 {
        if (x < 1 || y < 1 || z < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1: " + x + "," + y + "," + z);
        }
    }

    /** A one-dimensional extent. */
    public static Dim3 of(int x) {
        return new Dim3(x, 1, 1);
    }

    /** Number of elements: x * y * z. */
    public long count() {
        return (long) x * y * z;
    }

    @Override
    public String toString() {
        return "(" + x + "," + y + "," + z + ")";
    }
}
