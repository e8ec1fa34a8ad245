package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Coord;
import dev.scanbench.emulator.diag.RaceShadow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One resident CTA: its warps, shared memory (with written-shadow), barriers and mbarriers. */
final class Cta {
    static final int BARRIERS = 16;

    final int linear;
    final Coord coord;
    final Warp[] warps;
    final byte[] shared;
    final long[] sharedWritten;
    final int threads;
    int liveThreads;
    int liveWarps;
    final int[] barArrived = new int[BARRIERS];
    final int[] barPc = new int[BARRIERS];
    final int[] barExpected = new int[BARRIERS];
    final int[] barRedCount = new int[BARRIERS];
    final boolean[] barRedAll = new boolean[BARRIERS];
    final boolean[] barRedAny = new boolean[BARRIERS];
    /** Barrier epoch: advanced by every completed CTA barrier (racecheck compares epochs). */
    int epoch;
    final RaceShadow race;
    final Map<Integer, Mbarrier> mbarriers = new HashMap<>();
    /** Where undefined shared bytes came from (initcheck), made on first use. */
    private dev.scanbench.emulator.memory.ShadowOrigins sharedOrigins;
    /** The SM it was placed on, when the critical path is measured. */
    int sm;
    /**
     * Its place in the order the tiles were handed out, when the critical path is measured: its dispatch index,
     * or the ticket it drew (the value-returning atomic it did before any global store), whichever came last.
     */
    long rank;
    /** It stored to global memory (an atomic after that is no ticket). */
    boolean stored;
    /** It has just drawn its ticket: its turn ends, to be placed by it in the next round. */
    boolean ticketDrawn;
    /** Other CTAs whose stores of this launch it observed (its look-back depth), and which (modulo 4,096). */
    int lookback;
    private long[] seen;
    /** Shared ranges an async copy will still write: [start, end) pairs with their origin. */
    final List<PendingRange> pending = new ArrayList<>();

    Cta(int linear, Coord coord, int threads, int sharedBytes, boolean race) {
        this.linear = linear;
        this.coord = coord;
        this.threads = threads;
        this.liveThreads = threads;
        this.shared = new byte[sharedBytes];
        this.sharedWritten = new long[sharedBytes / 64 + 2];
        this.race = race ? new RaceShadow(sharedBytes) : null;
        this.warps = new Warp[(threads + 31) / 32];
        this.liveWarps = warps.length;
        java.util.Arrays.fill(barPc, -1);
        java.util.Arrays.fill(barRedAll, true);
    }

    /** A load saw a store of the CTA tagged {@code writer}: one more CTA looked back on, if it is new. */
    void observed(int writer) {
        if (seen == null) {
            seen = new long[64];
        }
        long bit = 1L << writer;
        if ((seen[writer >> 6] & bit) == 0) {
            seen[writer >> 6] |= bit;
            lookback++;
        }
    }

    dev.scanbench.emulator.memory.ShadowOrigins sharedOrigins() {
        if (sharedOrigins == null) {
            sharedOrigins = new dev.scanbench.emulator.memory.ShadowOrigins();
        }
        return sharedOrigins;
    }

    /** A shared-memory range that an issued but not yet completed async copy writes. */
    record PendingRange(int start, int end, int mbarrier, int line) { }
}
