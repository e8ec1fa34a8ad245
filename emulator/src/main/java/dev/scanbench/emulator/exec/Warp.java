package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.decode.Program;

/**
 * One warp: per-lane registers as flat arrays ({@code r[reg * 32 + lane]}, predicates as lane masks) and the
 * independent-thread-scheduling state as splits (pc, lane mask, wait state). The split with the lowest pc
 * among the runnable ones executes; splits that reach the same pc merge.
 */
final class Warp {
    /** Split wait states. */
    static final int RUNNABLE = 0;
    static final int AT_BARRIER = 1;
    static final int AT_COLLECTIVE = 2;

    final Cta cta;
    final int index;
    final long[] r;
    final int[] p;
    /** initcheck's shadow state, or null when initcheck is off (see {@link Shadow}). */
    final Shadow shadow;
    final byte[] local;
    final int localBytes;
    final int valid;
    int live;

    final int[] spc;
    final int[] smask;
    final int[] swait;
    final int[] sbar;
    int ns;
    /** Index of the split to run, or -1 if every split waits (or the warp is done). */
    int cur;
    boolean forceCollective;
    boolean yield;
    /** Held back by the slow-publisher policy: not scheduled until released ({@link Adversary}). */
    boolean held;
    /** The pc of the store it is held at, and of the store it was released to run (-1: none). */
    int heldPc = -1;
    int releasedPc = -1;
    /** A device-scope fence ran since the warp's last global store or atomic (its next one publishes). */
    boolean fenced;

    /** Address (first active lane) of the last global/shared load: what a stuck warp polls. */
    long lastLoadAddr = -1;
    /** Spin-lint state: the last weak load and how often it repeated unchanged without a store. */
    int lintPc = -1;
    long lintAddr;
    long lintValue;
    int lintRepeats;
    AsyncGroups async;
    /** Critical-path clock: dependent cross-CTA round trips behind this warp ({@link CriticalPath}). */
    int clock;
    /** The pc, address and value of the warp's last global load, for counting polls (-1: none since a store). */
    int pollPc = -1;
    long pollAddr;
    long pollValue;
    /** The last few distinct addresses this warp loaded from (first active lane): a poll revisits them. */
    private final long[] recentLoads;
    private int recentNext;

    /**
     * @param husk  a retired warp of a launch of this shape (its {@link WarpStatePool}'s), or null: this warp takes
     *              over its arrays instead of allocating them, since a long grid retires thousands of warps and
     *              fresh arrays cost a page fault each few warps as well as the collector's work. Its registers
     *              and local memory are taken as they are (a value read before it is written is undefined anyway,
     *              and the pool zeroes them between launches); the split stacks, predicates and recent loads are
     *              reset to a new warp's. The husk must not be used again.
     * @param spare a retired warp's initcheck shadow to {@link Shadow#reset reset}, or null
     */
    Warp(Cta cta, int index, int threads, Program prog, boolean trackDefined, Warp husk, Shadow spare) {
        this.cta = cta;
        this.index = index;
        int lanes = Math.min(32, threads - index * 32);
        this.valid = lanes == 32 ? -1 : (1 << lanes) - 1;
        this.live = valid;
        this.localBytes = prog.localBytes();
        if (husk != null) {
            this.r = husk.r;
            this.local = husk.local;
            this.p = zeroed(husk.p);
            this.spc = zeroed(husk.spc);
            this.smask = zeroed(husk.smask);
            this.swait = zeroed(husk.swait);
            this.sbar = zeroed(husk.sbar);
            this.recentLoads = husk.recentLoads;
            java.util.Arrays.fill(recentLoads, -1L);
        } else {
            this.r = new long[prog.valueRegs() * 32];
            this.local = localBytes == 0 ? null : new byte[localBytes * 32];
            this.p = new int[Math.max(1, prog.predRegs())];
            this.spc = new int[32];
            this.smask = new int[32];
            this.swait = new int[32];
            this.sbar = new int[32];
            this.recentLoads = new long[] {-1, -1, -1, -1};
        }
        this.shadow = !trackDefined ? null : spare != null ? spare.reset()
                : new Shadow(prog.valueRegs(), p.length, prog.localBytes());
        spc[0] = 0;
        smask[0] = valid;
        ns = 1;
        cur = 0;
    }

    private static int[] zeroed(int[] a) {
        java.util.Arrays.fill(a, 0);
        return a;
    }

    /** Whether this (retired) warp's arrays fit warps of these counts, so that a new one can take them over. */
    boolean fits(int valueRegs, int predRegs, int localBytes) {
        return r.length == valueRegs * 32 && p.length == predRegs && this.localBytes == localBytes;
    }

    /**
     * Records a load address; returns true if it is new to this warp's recent loads. Reading new addresses
     * is progress (a grid-stride loop that stores only at the end); re-reading a few is polling.
     */
    boolean loadsNewAddress(long addr) {
        for (long a : recentLoads) {
            if (a == addr) {
                return false;
            }
        }
        recentLoads[recentNext] = addr;
        recentNext = (recentNext + 1) & 3;
        return true;
    }

    boolean done() {
        return live == 0;
    }

    /** Adds a split; merging happens in {@link #reschedule()}. */
    void addSplit(int pc, int mask) {
        spc[ns] = pc;
        smask[ns] = mask;
        swait[ns] = RUNNABLE;
        ns++;
    }

    void removeSplit(int i) {
        ns--;
        spc[i] = spc[ns];
        smask[i] = smask[ns];
        swait[i] = swait[ns];
        sbar[i] = sbar[ns];
    }

    /**
     * Merges splits at the same pc (a barrier-waiting split merges only with another one waiting at the same
     * barrier, since each arrival was counted) and picks the runnable split with the lowest pc. If every live
     * split waits at a collective, they are all woken with {@link #forceCollective} set: no other lane can
     * arrive, so the collective runs with the lanes present and synccheck says so.
     */
    void reschedule() {
        for (int i = 0; i < ns; i++) {
            for (int j = i + 1; j < ns; j++) {
                if (spc[i] == spc[j] && (swait[i] == AT_BARRIER) == (swait[j] == AT_BARRIER)) {
                    smask[i] |= smask[j];
                    if (swait[i] != AT_BARRIER) {
                        swait[i] = RUNNABLE;
                    }
                    removeSplit(j);
                    j--;
                }
            }
        }
        pick();
        if (cur < 0) {
            boolean any = false;
            for (int i = 0; i < ns; i++) {
                if (swait[i] == AT_COLLECTIVE) {
                    swait[i] = RUNNABLE;
                    any = true;
                }
            }
            if (any) {
                forceCollective = true;
                pick();
            }
        }
    }

    private void pick() {
        int best = -1;
        for (int i = 0; i < ns; i++) {
            if (swait[i] == RUNNABLE && (best < 0 || spc[i] < spc[best])) {
                best = i;
            }
        }
        cur = best;
    }
}
