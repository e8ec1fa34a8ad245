package dev.scanbench.baseline.oracle;

import dev.scanbench.baseline.task.Segment;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * The scan split over several threads with the {@link Segment} monoid, bit-identical to
 * {@link SequentialOracle}, using only {@code x} and {@code y} (no n-sized scratch).
 *
 * <p>Layout for {@code T} threads: a head chunk, then {@code T} equal pieces. Pass 1: thread 0 scans the head
 * directly (its incoming state is known) while threads 1..T-1 summarise pieces 0..T-2 (the last piece's summary
 * is never needed). Each thread then folds the head's outgoing state with the summaries before its piece, and
 * pass 2 scans piece {@code t} on thread {@code t}. The head is sized so that scanning it takes as long as
 * summarising a piece, which keeps every thread busy in both passes; x is read twice except for the head.
 */
public final class ParallelOracle implements Oracle {

    /** Below this many elements per piece the threads cost more than they save: scan on one thread. */
    public static final int DEFAULT_MIN_PIECE = 1 << 16;

    /**
     * Time to summarise an element relative to scanning it, which sizes the head chunk. Measured 1.1 to 1.3 with
     * JDK 17 on a 2-core AMD EPYC (Zen 4) VM with the loops of {@link ScanLoop}: 0.63 against 0.58 ns per element
     * (one thread, wall time, n = 5e7), 78-79 against 59-64 ms of CPU time per 1e8 elements. Only speed depends
     * on it, never the result.
     */
    static final double SUMMARY_COST = 1.2;

    private final int threads;
    private final int minPiece;

    /** An oracle using every available processor. */
    public ParallelOracle() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * An oracle using {@code threads} threads (the caller's included).
     *
     * @param threads the number of threads, at least 1
     */
    public ParallelOracle(int threads) {
        this(threads, DEFAULT_MIN_PIECE);
    }

    /**
     * An oracle with an explicit minimum piece length; small values force the parallel path on small inputs,
     * which tests use to exercise piece boundaries.
     *
     * @param threads  the number of threads, at least 1
     * @param minPiece the minimum number of elements per piece, at least 1
     */
    public ParallelOracle(int threads, int minPiece) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, was " + threads);
        }
        if (minPiece < 1) {
            throw new IllegalArgumentException("minimum piece length must be at least 1, was " + minPiece);
        }
        this.threads = threads;
        this.minPiece = minPiece;
    }

    /**
     * The number of threads a scan uses at most.
     *
     * @return the thread count
     */
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "parallel-" + threads;
    }

    @Override
    public void scan(int[] x, int[] y) {
        Oracle.checkArguments(x, y);
        int n = x.length;
        int t = (int) Math.min(threads, n / ((long) minPiece + 1));
        if (t <= 1) {
            ScanLoop.scan(x, y, 0, n, false, 0);
            return;
        }
        new Run(x, y, t).execute();
    }

    /** One parallel scan: the layout, the shared summaries and the threads. */
    private static final class Run {
        private final int[] x;
        private final int[] y;
        private final int t;
        private final int head;
        private final long pieceLength;
        private final Segment[] summaries;
        private final CyclicBarrier barrier;
        private long headState;

        Run(int[] x, int[] y, int t) {
            this.x = x;
            this.y = y;
            this.t = t;
            // n = head + t * piece with head = SUMMARY_COST * piece.
            this.head = (int) (x.length * SUMMARY_COST / (t + SUMMARY_COST));
            this.pieceLength = x.length - head;
            this.summaries = new Segment[t];
            this.barrier = new CyclicBarrier(t);
        }

        void execute() {
            Thread[] workers = new Thread[t - 1];
            Throwable[] failures = new Throwable[t];
            for (int i = 1; i < t; i++) {
                int id = i;
                workers[i - 1] = new Thread(() -> runGuarded(id, failures), "parallel-oracle-" + id);
                workers[i - 1].start();
            }
            runGuarded(0, failures);
            boolean interrupted = false;
            for (Thread w : workers) {
                while (true) {
                    try {
                        w.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the workers write into y: never return before they finish
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            for (Throwable f : failures) {
                if (f instanceof RuntimeException r) {
                    throw r;
                } else if (f instanceof Error e) {
                    throw e;
                } else if (f != null) {
                    throw new IllegalStateException("parallel scan failed: " + f, f);
                }
            }
        }

        private void runGuarded(int id, Throwable[] failures) {
            try {
                work(id);
            } catch (Throwable e) {
                failures[id] = e;
                barrier.reset(); // releases threads waiting for this one
            }
        }

        private void work(int id) throws InterruptedException, BrokenBarrierException {
            if (id == 0) {
                headState = ScanLoop.scan(x, y, 0, head, false, 0);
            } else {
                summaries[id - 1] = ScanLoop.summarise(x, start(id - 1), start(id));
            }
            barrier.await(); // publishes headState and summaries to every thread
            boolean odd = ScanLoop.oddOf(headState);
            int s = ScanLoop.sumOf(headState);
            for (int i = 0; i < id; i++) {
                Segment g = summaries[i];
                s += odd ? g.a1() : g.a0();
                odd ^= g.odd();
            }
            ScanLoop.scan(x, y, start(id), start(id + 1), odd, s);
        }

        /** First index of piece {@code i}; piece {@code t} starts at n. */
        private int start(int i) {
            return head + (int) (pieceLength * i / t);
        }
    }
}
