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
 * them at the same time and a store takes a round trip to be seen, so with the clock on the scheduler runs each
 * round newest CTA first: what a predecessor publishes in a round is seen in the next one.
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

    /** A load of {@code bytes} at {@code off} in {@code a}: joins the writers' clocks. */
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
                    w.cta.observed(writer);
                }
                if (c > w.clock) {
                    w.clock = c;
                }
            }
        }
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
        if (returnsValue) {
            load(w, a, off, size);
        }
        int stamped = Math.max(old == 0 ? 0 : (old >>> TAG_BITS) - 1, Math.min(before, MAX_CLOCK));
        int v = ((stamped + 1) << TAG_BITS) | (w.cta.linear & TAG_MASK);
        int end = Math.min(clocks.length, (off + size + 3) >> 2);
        for (int i = word; i < end; i++) {
            clocks[i] = v;
        }
        w.pollPc = -1;
    }

    /** The first lane of a global load read {@code value} at {@code addr}: a poll if nothing changed since. */
    void poll(Warp w, Insn in, long addr, long value) {
        if (w.pollPc == in.pc && w.pollAddr == addr && w.pollValue == value) {
            spinPolls++;
        } else {
            w.pollPc = in.pc;
            w.pollAddr = addr;
            w.pollValue = value;
        }
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

    /** A CTA retired: its clocks and look-back depth are counted, its SM is free for the next one. */
    void retire(Cta c) {
        for (Warp w : c.warps) {
            chain = Math.max(chain, w.clock);
        }
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
        return new CriticalPathCounts(hops, ctas, lookbackSum, lookbackMax, spinPolls, SMS, max, sum);
    }
}
