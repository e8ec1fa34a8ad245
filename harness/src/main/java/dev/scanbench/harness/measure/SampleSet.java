package dev.scanbench.harness.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The samples of a measurement in the order they were taken, with their times on one {@link TimeBasis} also
 * kept sorted, so that a stopping rule consulted after every sample reads order statistics without sorting.
 */
public final class SampleSet {
    private final TimeBasis basis;
    private final List<Sample> samples = new ArrayList<>();
    private double[] sorted = new double[16];

    /** @param basis the clock whose times are kept sorted */
    public SampleSet(TimeBasis basis) {
        this.basis = basis;
    }

    /** A set holding {@code samples}, in that order. */
    public static SampleSet of(TimeBasis basis, List<Sample> samples) {
        SampleSet set = new SampleSet(basis);
        samples.forEach(set::add);
        return set;
    }

    /**
     * Adds a sample.
     *
     * @throws IllegalStateException when the sample has no time on this set's basis
     */
    public void add(Sample sample) {
        double t = sample.time(basis);
        int n = samples.size();
        if (n == sorted.length) {
            sorted = Arrays.copyOf(sorted, 2 * n);
        }
        int at = Arrays.binarySearch(sorted, 0, n, t);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, n - at);
        sorted[at] = t;
        samples.add(sample);
    }

    /** @return the clock this set sorts by */
    public TimeBasis basis() {
        return basis;
    }

    /** @return the number of samples */
    public int size() {
        return samples.size();
    }

    /** @return the samples in the order taken (unmodifiable view) */
    public List<Sample> samples() {
        return Collections.unmodifiableList(samples);
    }

    /** @return the times on this set's basis, ascending (a copy) */
    public double[] sortedTimes() {
        return Arrays.copyOf(sorted, samples.size());
    }

    /** @return the times on this set's basis in the order taken */
    public double[] timesInOrder() {
        return samples.stream().mapToDouble(s -> s.time(basis)).toArray();
    }
}
