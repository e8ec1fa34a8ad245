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
        if (size <= 0 || size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("allocation size " + size + " out of range (1 .. 2^31-65 bytes)");
        }
        Allocation a = new Allocation(next, (int) size, label != null ? label : "allocation #" + (++count));
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

    /** Describes where an address that hit no allocation is: after which allocation, or in freed memory. */
    public String describeMiss(long addr) {
        Map.Entry<Long, Allocation> f = freed.floorEntry(addr);
        if (f != null && addr < f.getValue().base + f.getValue().size) {
            return "inside freed " + f.getValue();
        }
        Map.Entry<Long, Allocation> e = live.floorEntry(addr);
        if (e != null) {
            Allocation a = e.getValue();
            return (addr - (a.base + a.size)) + " bytes after the end of " + a;
        }
        Map.Entry<Long, Allocation> c = live.ceilingEntry(addr);
        if (c != null) {
            return (c.getValue().base - addr) + " bytes before " + c.getValue();
        }
        return "outside every allocation";
    }
}
