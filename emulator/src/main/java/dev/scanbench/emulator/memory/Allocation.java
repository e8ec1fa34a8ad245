package dev.scanbench.emulator.memory;

/**
 * One global-memory allocation: its bytes, and which of them hold a defined value (for initcheck: set once the
 * host or a kernel wrote a defined value, cleared by a store of an undefined value or a host poison fill).
 */
public final class Allocation {
    /** Device address of the first byte. */
    public final long base;
    /** Size in bytes. */
    public final int size;
    /** Contents. */
    public final byte[] data;
    /** One bit per byte: set while the byte holds a defined value. */
    public final long[] written;
    /** What it is, for messages ("x", "scratch 'state'", "module variable counter"). */
    public final String label;
    /** The emulator's own (e.g. the grid-sync workspace): never named as the neighbour of a stray access. */
    public final boolean internal;
    /** Where undefined bytes came from when a kernel stored them or the host poisoned them (initcheck). */
    public final ShadowOrigins origins = new ShadowOrigins();

    /**
     * The critical-path shadow: per 4-byte word, who stored it last in launch {@link #clockLaunch} and at what
     * logical clock (0: not stored in that launch). Made only when a launch measures its critical path, and
     * cleared when another launch first stores here: a kernel boundary orders everything before it.
     */
    private int[] clocks;
    private long clockLaunch = -1;

    Allocation(long base, int size, String label, boolean internal) {
        this.base = base;
        this.size = size;
        this.data = new byte[size];
        this.written = new long[(size + 63) / 64 + 1];
        this.label = label;
        this.internal = internal;
    }

    /** The clock shadow for a store in {@code launch}, made or cleared on the launch's first store here. */
    public int[] clocksForStore(long launch) {
        if (clockLaunch != launch) {
            if (clocks == null) {
                clocks = new int[(size + 3) / 4];
            } else {
                java.util.Arrays.fill(clocks, 0);
            }
            clockLaunch = launch;
        }
        return clocks;
    }

    /** The clock shadow if {@code launch} stored here, else null (nothing here was stored in that launch). */
    public int[] clocksOf(long launch) {
        return clockLaunch == launch ? clocks : null;
    }

    /** True if [addr, addr+len) lies inside. */
    public boolean contains(long addr, long len) {
        return addr >= base && addr + len <= base + size;
    }

    @Override
    public String toString() {
        return label + " [0x" + Long.toHexString(base) + ", +" + size + ")";
    }
}
