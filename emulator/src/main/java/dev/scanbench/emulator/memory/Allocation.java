package dev.scanbench.emulator.memory;

/** One global-memory allocation: its bytes, and which bytes were ever written (for initcheck). */
public final class Allocation {
    /** Device address of the first byte. */
    public final long base;
    /** Size in bytes. */
    public final int size;
    /** Contents. */
    public final byte[] data;
    /** One bit per byte: set once the byte was written by the host or a kernel. */
    public final long[] written;
    /** What it is, for messages ("x", "scratch 'state'", "module variable counter"). */
    public final String label;
    /** The emulator's own (e.g. the grid-sync workspace): never named as the neighbour of a stray access. */
    public final boolean internal;

    Allocation(long base, int size, String label, boolean internal) {
        this.base = base;
        this.size = size;
        this.data = new byte[size];
        this.written = new long[(size + 63) / 64 + 1];
        this.label = label;
        this.internal = internal;
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
