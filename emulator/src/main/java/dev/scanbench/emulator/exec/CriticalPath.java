package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.CriticalPathCounts;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.memory.Allocation;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The critical-path clock of one launch. Every warp carries a logical clock in units of dependent memory round
 * trips: a global store or atomic writes its warp's clock, and the writing CTA, into the word's shadow
 * ({@link Allocation#clocksForStore}); a load that observes another CTA's store of this launch moves the reader to
 * at least that clock plus one hop (a store of its own CTA: to that clock). A CTA barrier joins the clocks of its
 * warps; fences need nothing (they order, they do not wait). A kernel boundary orders everything, so each launch's
 * chain starts at zero and a plan's chain is the sum over its launches.
 *
 * <p>The emulator runs the CTAs of one round one after another, so a successor run after its predecessor in the
 * same round would see the predecessor's fresh store at once, and every look-back would become a chain. A GPU runs
 * them at the same time and a store takes a round trip to be seen, so with the clock on a round stands for one hop
 * of H100 time: each CTA's turn lasts until it has moved what an SM moves in a hop (or issued what it issues in
 * one; {@link dev.scanbench.emulator.Defaults#HOP_BYTES_PER_CTA}), and the round runs latest tile first
 * ({@link #roundOrder}; a tile is its dispatch index, or the ticket its CTA drew from an atomic counter), so that
 * what a predecessor publishes in a round is seen in the next one.
 *
 * <p>CTAs are placed on {@link #SMS} SMs as an H100 places them: the first ones in dispatch order on SMs 0, 1, ...,
 * and each later one on the SM a retired CTA left (with the whole grid resident, CTA i on SM i mod 132).
 */
final class CriticalPath {
    /** SMs of an H100 SXM: where the warp instructions are counted per SM. */
    static final int SMS = 132;
    /** Low bits of a shadow word: the writing CTA, modulo 4,096. */
    private static final int TAG_BITS = 12;
    private static final int TAG_MASK = (1 << TAG_BITS) - 1;
    /** The largest clock a shadow word holds; longer chains saturate there. */
    private static final int MAX_CLOCK = (1 << (31 - TAG_BITS)) - 2;
    /** Launch numbers: a shadow stored by an earlier launch reads as unwritten. */
    private static final AtomicLong LAUNCHES = new AtomicLong();

    private final long launch = LAUNCHES.incrementAndGet();
    final long[] smInsns = new long[SMS];
    private final ArrayDeque<Integer> freeSms = new ArrayDeque<>();
    private int placed;
    private long tickets;
    private long chain;
    private long ctas;
    private long lookbackSum;
    private long lookbackMax;
    private long spinPolls;

    CriticalPath() {
        for (int i = 0; i < SMS; i++) {
            freeSms.add(i);
        }
    }

    /** The SM a newly resident CTA runs on. */
    int place() {
        Integer sm = freeSms.poll();
        return sm != null ? sm : placed++ % SMS;
    }

    /** The latest writer clock (plus its hop) the lanes of the current load saw, -1 before any. */
    private int loadClock = -1;
    /** The current load saw a store of another CTA of this launch. */
    private boolean loadCrossed;

    /**
     * One lane of a load of {@code bytes} at {@code off} in {@code a}: notes the writers' clocks, to be joined by
     * {@link #endLoad} once every lane has loaded.
     */
    void load(Warp w, Allocation a, int off, int bytes) {
        int[] clocks = a.clocksOf(launch);
        if (clocks == null) {
            return;
        }
        int own = w.cta.linear & TAG_MASK;
        int end = Math.min(clocks.length, (off + bytes + 3) >> 2);
        for (int i = off >> 2; i < end; i++) {
            int v = clocks[i];
            if (v != 0) {
                int writer = v & TAG_MASK;
                int c = (v >>> TAG_BITS) - 1;
                if (writer != own) {
                    c++;
                    loadCrossed = true;
                    w.cta.observed(writer);
                }
                if (c > loadClock) {
                    loadClock = c;
                }
            }
        }
    }

    /**
     * The load instruction is done: the warp goes on at the latest clock its lanes saw. A load that read another
     * CTA's store went to L2 and back, so it is also one hop after the warp's own clock: a walk over the
     * predecessors one load at a time costs a hop per step, a window read by the lanes at once costs one. A
     * poll that saw nothing new adds nothing: how often the emulator spins is no GPU's business.
     */
    void endLoad(Warp w, boolean poll) {
        int c = loadCrossed && !poll ? Math.max(loadClock, w.clock + 1) : loadClock;
        if (c > w.clock) {
            w.clock = c;
        }
        loadClock = -1;
        loadCrossed = false;
    }

    /** A store of {@code bytes} at {@code off} in {@code a}: the words carry the warp's clock and CTA. */
    void store(Warp w, Allocation a, int off, int bytes) {
        int[] clocks = a.clocksForStore(launch);
        int v = ((Math.min(w.clock, MAX_CLOCK) + 1) << TAG_BITS) | (w.cta.linear & TAG_MASK);
        int end = Math.min(clocks.length, (off + bytes + 3) >> 2);
        for (int i = off >> 2; i < end; i++) {
            clocks[i] = v;
        }
        w.pollPc = -1;
        w.cta.stored = true;
    }

    /**
     * The resident CTAs in the order a round runs them: the latest tile first, so that what a predecessor
     * publishes in a round is seen in the next one (see the class comment).
     */
    static Cta[] roundOrder(java.util.List<Cta> live, Cta[] scratch) {
        Cta[] order = live.toArray(scratch.length >= live.size() ? scratch : new Cta[live.size()]);
        java.util.Arrays.sort(order, 0, live.size(), (a, b) -> Long.compare(b.rank, a.rank));
        return order;
    }

    /**
     * An atomic on {@code size} bytes at {@code off}. The L2 performs atomics on one word back to back, without a
     * round trip between them, so the word keeps the latest clock any writer gave it (a ticket counter taken by
     * every CTA is no chain); an atom that returns the value joins it as a load does.
     */
    void atomic(Warp w, Allocation a, int off, int size, boolean returnsValue) {
        int before = w.clock;
        int[] clocks = a.clocksForStore(launch);
        int word = off >> 2;
        int old = word < clocks.length ? clocks[word] : 0;
        if (returnsValue && !w.cta.stored) {
            w.cta.rank = tickets++; // a ticket: tiles are handed out in this order, not in dispatch order
            w.cta.ticketDrawn = true;
        }
        w.cta.stored = true;
        if (returnsValue) {
            load(w, a, off, size);
            endLoad(w, false);
        }
        int stamped = Math.max(old == 0 ? 0 : (old >>> TAG_BITS) - 1, Math.min(before, MAX_CLOCK));
        int v = ((stamped + 1) << TAG_BITS) | (w.cta.linear & TAG_MASK);
        int end = Math.min(clocks.length, (off + size + 3) >> 2);
        for (int i = word; i < end; i++) {
            clocks[i] = v;
        }
        w.pollPc = -1;
    }

    /**
     * The first lane of a global load read {@code value} at {@code addr}: true (and counted) if that is a poll
     * without progress, the warp's last load having read the same value there at the same instruction.
     */
    boolean poll(Warp w, Insn in, long addr, long value) {
        if (w.pollPc == in.pc && w.pollAddr == addr && w.pollValue == value) {
            spinPolls++;
            return true;
        }
        w.pollPc = in.pc;
        w.pollAddr = addr;
        w.pollValue = value;
        return false;
    }

    /** A barrier released these warps: each goes on at the latest clock of any of them. */
    static void join(Warp[] warps) {
        int max = 0;
        for (Warp w : warps) {
            max = Math.max(max, w.clock);
        }
        for (Warp w : warps) {
            w.clock = max;
        }
    }

    /** The longest chain after each retirement, in retirement order (for the steady rate). */
    private long[] chainAt = new long[64];

    /** A CTA retired: its clocks and look-back depth are counted, its SM is free for the next one. */
    void retire(Cta c) {
        for (Warp w : c.warps) {
            chain = Math.max(chain, w.clock);
        }
        if (ctas == chainAt.length) {
            chainAt = java.util.Arrays.copyOf(chainAt, chainAt.length * 2);
        }
        chainAt[(int) ctas] = chain;
        ctas++;
        lookbackSum += c.lookback;
        lookbackMax = Math.max(lookbackMax, c.lookback);
        freeSms.add(c.sm);
    }

    /** What was measured (CTAs still resident after a fault or deadlock are counted as they stand). */
    CriticalPathCounts counts(Iterable<Cta> live) {
        long hops = chain;
        for (Cta c : live) {
            for (Warp w : c.warps) {
                if (w != null) {
                    hops = Math.max(hops, w.clock);
                }
            }
        }
        long max = 0;
        long sum = 0;
        for (long s : smInsns) {
            max = Math.max(max, s);
            sum += s;
        }
        // the later half of the CTAs grows the chain at the steady rate: the first wave, which starts all at
        // once and looks back the furthest, is a start-up cost paid once
        long half = ctas / 2;
        long late = ctas - half;
        double steady = late == 0 ? 0 : (double) (hops - (half == 0 ? 0 : chainAt[(int) half - 1])) / late * ctas;
        return new CriticalPathCounts(hops, steady, ctas, lookbackSum, lookbackMax, spinPolls, SMS, max, sum);
    }
}
