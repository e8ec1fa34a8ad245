package dev.scanbench.harness.verify;

import java.util.Arrays;

/**
 * The first wrong element of an output, with its surroundings.
 *
 * @param index          the lowest index whose value is wrong
 * @param expected       the correct value there
 * @param actual         the candidate's value there
 * @param mismatches     how many elements are wrong in all
 * @param n              the problem size
 * @param canarySurvived true when {@code actual} is the canary written before the run: the element was never written
 * @param windowStart    index of the first element of the windows
 * @param input          x over the window
 * @param expectedWindow the correct y over the window
 * @param actualWindow   the candidate's y over the window
 */
public record Mismatch(long index, int expected, int actual, long mismatches, long n, boolean canarySurvived,
                       long windowStart, int[] input, int[] expectedWindow, int[] actualWindow) {

    public Mismatch {
        input = input.clone();
        expectedWindow = expectedWindow.clone();
        actualWindow = actualWindow.clone();
    }

    @Override
    public int[] input() {
        return input.clone();
    }

    @Override
    public int[] expectedWindow() {
        return expectedWindow.clone();
    }

    @Override
    public int[] actualWindow() {
        return actualWindow.clone();
    }

    /** One line: where, what was expected, what was found, and why when the canary tells. */
    public String summary() {
        return "y[" + index + "] = " + actual + ", expected " + expected + " (" + mismatches + " of " + n
                + " elements wrong" + (canarySurvived ? "; y[" + index + "] still holds the canary: never written" : "")
                + ")";
    }

    /** The summary and the three windows, one per line. */
    public String describe() {
        long end = windowStart + input.length - 1;
        return summary() + "\n  x[" + windowStart + ".." + end + "]        = " + Arrays.toString(input)
                + "\n  expected y[" + windowStart + ".." + end + "] = " + Arrays.toString(expectedWindow)
                + "\n  actual y[" + windowStart + ".." + end + "]   = " + Arrays.toString(actualWindow);
    }
}
