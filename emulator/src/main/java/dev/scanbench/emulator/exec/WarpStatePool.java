package dev.scanbench.emulator.exec;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Retired warps (their register files and other arrays) and initcheck shadows, kept on their thread for the warps
 * of later launches. A correctness battery launches a plan's kernels hundreds of times with the whole grid
 * resident, so without this every launch allocates a register file (and a shadow) per warp afresh, megabytes zeroed
 * by the JVM, and the collector copies them while they live. A warp's local memory and the registers a thread may
 * read before writing come back zeroed ({@link #takeHusk}) and a shadow {@link Shadow#reset reset}, the same state as
 * new ones as far as any thread can see, so reuse changes no result and no launch sees another's values.
 *
 * <p>Held softly and per thread: memory pressure clears it, and parallel launches never share one. A thread keeps a
 * pool for each of the last few register shapes it launched, since a plan's kernels differ in shape and launch in
 * turn (reduce, scan, scan again): one pool alone would be dropped at every launch.
 */
final class WarpStatePool {
    /** The most kept of each kind: a whole resident grid of a large launch at 4 warps per CTA. */
    private static final int CAPACITY = 8192;
    /** Shapes a thread keeps pools for: a plan's kernels and the harness's. */
    private static final int SHAPES = 6;

    /** This thread's pools, most recently used last. */
    private static final ThreadLocal<SoftReference<List<WarpStatePool>>> POOLS = new ThreadLocal<>();

    private final ArrayDeque<Shadow> shadows = new ArrayDeque<>();
    private final ArrayDeque<Warp> husks = new ArrayDeque<>();
    private final int valueRegs;
    private final int predRegs;
    private final int localBytes;

    private WarpStatePool(int valueRegs, int predRegs, int localBytes) {
        this.valueRegs = valueRegs;
        this.predRegs = predRegs;
        this.localBytes = localBytes;
    }

    /** This thread's pool for warps of these counts (a fresh one when no recent launch here had them). */
    static WarpStatePool forThread(int valueRegs, int predRegs, int localBytes) {
        SoftReference<List<WarpStatePool>> ref = POOLS.get();
        List<WarpStatePool> pools = ref == null ? null : ref.get();
        if (pools == null) {
            pools = new ArrayList<>();
            POOLS.set(new SoftReference<>(pools));
        }
        for (int i = 0; i < pools.size(); i++) {
            WarpStatePool pool = pools.get(i);
            if (pool.valueRegs == valueRegs && pool.predRegs == predRegs && pool.localBytes == localBytes) {
                pools.add(pools.remove(i));
                return pool;
            }
        }
        if (pools.size() == SHAPES) {
            pools.remove(0);
        }
        WarpStatePool pool = new WarpStatePool(valueRegs, predRegs, localBytes);
        pools.add(pool);
        return pool;
    }

    /** A retired warp's shadow, to be {@link Shadow#reset reset} by its new warp, or null if none is kept. */
    Shadow takeShadow() {
        return shadows.poll();
    }

    /** Keeps a retired warp's shadow (one that fits this pool's counts). */
    void giveShadow(Shadow s) {
        if (s != null && shadows.size() < CAPACITY && s.fits(valueRegs, predRegs, localBytes)) {
            shadows.push(s);
        }
    }

    /**
     * A retired warp of this pool's shape whose arrays a new warp can take over ({@link Warp#Warp}), its registers
     * and local memory zeroed (as new ones are), or null if none is kept. Of the registers only those in
     * {@code readFirst} ({@link dev.scanbench.emulator.decode.Program#readFirst}, all if null) are zeroed: no thread
     * can see another's value before writing it, and a large grid would otherwise clear megabytes per launch.
     */
    Warp takeHusk(int[] readFirst) {
        Warp w = husks.poll();
        if (w != null) {
            if (readFirst == null) {
                Arrays.fill(w.r, 0L);
            } else {
                for (int reg : readFirst) {
                    Arrays.fill(w.r, reg * 32, reg * 32 + 32, 0L);
                }
            }
            if (w.local != null) {
                Arrays.fill(w.local, (byte) 0);
            }
        }
        return w;
    }

    /** Keeps a warp of an ended launch (one of this pool's shape) for the warps of later ones. */
    void giveHusk(Warp w) {
        if (husks.size() < CAPACITY && w.fits(valueRegs, predRegs, localBytes)) {
            husks.push(w);
        }
    }
}
