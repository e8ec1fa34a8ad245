package dev.scanbench.emulator.memory;

import dev.scanbench.emulator.Diagnostic;

/**
 * Where the undefined bytes of one memory (a global allocation, a CTA's shared memory) came from, when it is
 * not simply "never written": ranges that a kernel stored an undefined value to, or that the host filled with
 * poison. initcheck's messages name the origin of an undefined value, as Valgrind's {@code --track-origins}
 * does. Only the newest {@link #CAPACITY} ranges are kept (older bytes are then described as never written);
 * a correct kernel adds none, so this costs nothing on the common path.
 */
public final class ShadowOrigins {
    /** Ranges kept per memory. */
    public static final int CAPACITY = 64;

    /**
     * One range.
     *
     * @param start  first byte offset
     * @param end    one past the last
     * @param origin what put an undefined value there, in words
     * @param store  the store that wrote it (kernel, block, thread, line), or null for a host fill
     */
    public record Range(long start, long end, String origin, Diagnostic store) { }

    private final Range[] ranges = new Range[CAPACITY];
    private int next;
    private int count;

    /** Records that [start, end) now holds an undefined value of this origin; merges with the newest range. */
    public void add(long start, long end, String origin, Diagnostic store) {
        if (count > 0) {
            int last = (next + CAPACITY - 1) % CAPACITY;
            Range r = ranges[last];
            if (r.origin.equals(origin) && r.store == store && start <= r.end && end >= r.start) {
                ranges[last] = new Range(Math.min(start, r.start), Math.max(end, r.end), origin, store);
                return;
            }
        }
        ranges[next] = new Range(start, end, origin, store);
        next = (next + 1) % CAPACITY;
        count = Math.min(count + 1, CAPACITY);
    }

    /** The newest range containing byte {@code off}, or null. */
    public Range find(long off) {
        for (int i = 1; i <= count; i++) {
            Range r = ranges[(next + CAPACITY - i) % CAPACITY];
            if (off >= r.start && off < r.end) {
                return r;
            }
        }
        return null;
    }
}
