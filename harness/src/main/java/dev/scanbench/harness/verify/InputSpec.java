package dev.scanbench.harness.verify;

import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.device.HarnessKernels;

/**
 * One iteration's input x: a pattern from a seed, optionally with its tail {@code [tailFrom, n)} replaced by
 * another pattern from another seed. A tail splice repeats an earlier input's head exactly and changes only the
 * end, so a kernel that recognises an input by its first elements (and replays an output it kept) is caught.
 *
 * @param seed        the seed of the whole input (of its head, when spliced)
 * @param pattern     the values of the whole input (of its head, when spliced)
 * @param tailFrom    the first index of the tail, or -1 for none
 * @param tailSeed    the tail's seed (unused without a tail)
 * @param tailPattern the tail's values, or null without a tail
 */
public record InputSpec(long seed, InputPattern pattern, long tailFrom, long tailSeed, InputPattern tailPattern) {

    /** A whole input of one pattern. */
    public static InputSpec of(long seed, InputPattern pattern) {
        return new InputSpec(seed, pattern, -1, 0, null);
    }

    /** This input with {@code [from, n)} replaced by {@code tail}'s values for {@code tailSeed}. */
    public InputSpec withTail(long from, long tailSeed, InputPattern tail) {
        return new InputSpec(seed, pattern, from, tailSeed, tail);
    }

    /** True when the tail is spliced in from another seed. */
    public boolean spliced() {
        return tailFrom >= 0;
    }

    /** A key unique to this input, from which the iteration's canary and checksum key derive. */
    long key() {
        return spliced() ? seed ^ Long.rotateLeft(tailSeed, 29) ^ tailFrom : seed;
    }

    /** Writes the input into {@code x[0..n)} on the device. */
    void generate(HarnessKernels kernels, DeviceBuffer x, long n) throws BackendException {
        kernels.generate(x, n, seed, pattern);
        if (spliced() && tailFrom < n) {
            kernels.generate(x, tailFrom, n, tailSeed, tailPattern);
        }
    }

    /** The same input on the host (to locate a modified element). */
    int[] host(int n) {
        int[] x = new int[n];
        pattern.fill(seed, x);
        if (spliced() && tailFrom < n) {
            int[] tail = new int[n - (int) tailFrom];
            tailPattern.fill(tailSeed, tail);
            System.arraycopy(tail, 0, x, (int) tailFrom, tail.length);
        }
        return x;
    }
}
