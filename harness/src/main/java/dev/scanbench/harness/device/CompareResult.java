package dev.scanbench.harness.device;

/**
 * What the device-side comparison of an output with the expected output found.
 *
 * @param mismatches how many elements differ
 * @param firstIndex the lowest differing index, or -1 when none differs
 */
public record CompareResult(long mismatches, long firstIndex) {

    /** True when every element matched. */
    public boolean equal() {
        return mismatches == 0;
    }
}
