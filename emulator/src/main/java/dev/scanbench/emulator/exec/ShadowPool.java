package dev.scanbench.emulator.exec;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;

/**
 * initcheck shadows of retired warps, kept on their thread for the warps of later launches. A correctness battery
 * launches one kernel hundreds of times with its whole grid resident, so without this every launch allocates a
 * shadow per warp afresh (megabytes, zeroed by the JVM and then filled) and the collector copies them while they
 * live; a {@link Shadow#reset reset} shadow is the same state as a new one, so reuse changes no result. Held softly
 * and per thread: memory pressure clears it, and parallel launches never share one.
 */
final class ShadowPool {
    /** The most kept: a whole resident grid of a large launch at 4 warps per CTA. */
    private static final int CAPACITY = 8192;

    private static final ThreadLocal<SoftReference<ShadowPool>> POOLS = new ThreadLocal<>();

    private final ArrayDeque<Shadow> free = new ArrayDeque<>();
    private final int valueRegs;
    private final int predRegs;
    private final int localBytes;

    private ShadowPool(int valueRegs, int predRegs, int localBytes) {
        this.valueRegs = valueRegs;
        this.predRegs = predRegs;
        this.localBytes = localBytes;
    }

    /** This thread's pool for warps of these counts (a fresh one when the last launch here had others). */
    static ShadowPool forThread(int valueRegs, int predRegs, int localBytes) {
        SoftReference<ShadowPool> ref = POOLS.get();
        ShadowPool pool = ref == null ? null : ref.get();
        if (pool == null || pool.valueRegs != valueRegs || pool.predRegs != predRegs || pool.localBytes != localBytes) {
            pool = new ShadowPool(valueRegs, predRegs, localBytes);
            POOLS.set(new SoftReference<>(pool));
        }
        return pool;
    }

    /** A retired warp's shadow, to be {@link Shadow#reset reset} by its new warp, or null if none is kept. */
    Shadow take() {
        return free.poll();
    }

    /** Keeps a retired warp's shadow (one that fits this pool's counts). */
    void give(Shadow s) {
        if (s != null && free.size() < CAPACITY && s.fits(valueRegs, predRegs, localBytes)) {
            free.push(s);
        }
    }
}
