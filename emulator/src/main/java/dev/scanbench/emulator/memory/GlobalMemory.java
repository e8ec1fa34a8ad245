package dev.scanbench.emulator.memory;

import java.util.Map;
import java.util.TreeMap;

/**
 * The allocation table. Allocations are 256-byte aligned and separated by unmapped red zones, so an access
 * that runs off an allocation lands in no allocation and is caught instead of corrupting a neighbour.
 */
public final class GlobalMemory {
    /** Bytes of unmapped address space after every allocation. */
    public static final int RED_ZONE = 1024;
    private static final int ALIGN = 256;

    private final TreeMap<Long, Allocation> live = new TreeMap<>();
    private final TreeMap<Long, Allocation> freed = new TreeMap<>();
    private long next = AddressWindows.GLOBAL_BASE;
    private Allocation last;
    private int count;

    /** Allocates zero-filled (but never-written, for initcheck) memory. */
    public Allocation allocate(long size, String label) {
        return allocate(size, label, false);
    }

    /** Addresses below this read as null pointers (plus an offset) for {@link #nullHint}. */
    private static final long NULL_PAGE = 1 << 16;

    private String nullHint;

    /**
     * What an access near address 0 means during the next launch (e.g. a grid sync without its workspace), added to
     * the fault's description; null for none.
     */
    public void nullHint(String hint) {
        nullHint = hint;
    }

    /** The hint set by {@link #nullHint(String)}, or null. */
    public String nullHint() {
        return nullHint;
    }

    /**
     * Allocates memory the emulator itself uses (a driver workspace): a stray access next to it is described by
     * the user's buffers around it, never by it.
     */
    public Allocation allocateInternal(long size, String label) {
        return allocate(size, label, true);
    }

    private Allocation allocate(long size, String label, boolean internal) {
        if (size <= 0 || size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("allocation size " + size + " out of range (1 .. 2^31-65 bytes)");
        }
        Allocation a = new Allocation(next, (int) size, label != null ? label : "allocation #" + (++count), internal);
        live.put(a.base, a);
        next = (next + size + RED_ZONE + ALIGN - 1) / ALIGN * ALIGN;
        return a;
    }

    /** Releases an allocation; later accesses report it as freed memory. */
    public boolean free(long base) {
        Allocation a = live.remove(base);
        if (a == null) {
            return false;
        }
        freed.put(base, a);
        if (last == a) {
            last = null;
        }
        return true;
    }

    /** The live allocation containing {@code addr}, or null. */
    public Allocation find(long addr) {
        Allocation l = last;
        if (l != null && addr >= l.base && addr < l.base + l.size) {
            return l;
        }
        Map.Entry<Long, Allocation> e = live.floorEntry(addr);
        if (e == null || addr >= e.getValue().base + e.getValue().size) {
            return null;
        }
        last = e.getValue();
        return last;
    }

    /**
     * Describes where an address that hit no allocation is: in freed memory, or relative to the nearer of the
     * buffers before and after it ({@code 4 bytes after the end of x}, {@code 4 bytes before y}).
     */
    public String describeMiss(long addr) {
        if (nullHint != null && addr >= 0 && addr < NULL_PAGE) {
            return "a null address: the kernel reads " + nullHint;
        }
        Map.Entry<Long, Allocation> f = freed.floorEntry(addr);
        if (f != null && addr < f.getValue().base + f.getValue().size) {
            return "inside freed " + f.getValue();
        }
        Allocation before = neighbour(live.floorEntry(addr), true);
        Allocation after = neighbour(live.ceilingEntry(addr), false);
        long pastEnd = before == null ? Long.MAX_VALUE : addr - (before.base + before.size);
        long toStart = after == null ? Long.MAX_VALUE : after.base - addr;
        if (before == null && after == null) {
            return "outside every allocation";
        }
        if (pastEnd <= toStart) {
            return pastEnd + " bytes after the end of " + before;
        }
        return toStart + " bytes before " + after;
    }

    /** The nearest user allocation from {@code e} on, walking down ({@code below}) or up; internal ones skipped. */
    private Allocation neighbour(Map.Entry<Long, Allocation> e, boolean below) {
        while (e != null && e.getValue().internal) {
            e = below ? live.lowerEntry(e.getKey()) : live.higherEntry(e.getKey());
        }
        return e == null ? null : e.getValue();
    }
}
