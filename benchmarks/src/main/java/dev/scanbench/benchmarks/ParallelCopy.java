package dev.scanbench.benchmarks;

/**
 * Copies an int array with a fixed number of threads, one contiguous slice each, started per call exactly as
 * {@link dev.scanbench.baseline.oracle.ParallelOracle} starts its threads, so both carry the same overhead.
 */
public final class ParallelCopy {

    private final int threads;

    /**
     * A copier using {@code threads} threads (the caller's included).
     *
     * @param threads at least 1
     */
    public ParallelCopy(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    /**
     * Copies {@code src} into {@code dst}.
     *
     * @param src the source
     * @param dst the destination, at least as long as {@code src}
     */
    public void copy(int[] src, int[] dst) {
        int n = src.length;
        Thread[] workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            workers[t - 1] = new Thread(() -> System.arraycopy(src, from, dst, from, to - from));
            workers[t - 1].start();
        }
        System.arraycopy(src, 0, dst, 0, (int) ((long) n / threads));
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while copying", e);
            }
        }
    }
}
