package dev.scanbench.emulator.memory;

/**
 * Generic-address windows. Shared, local and parameter memory each own a 4 GiB window of the generic
 * address space, as the hardware's cvta does, so a generic pointer is unambiguous at run time. The low 32
 * bits of a window address are the state-space address, so truncating a generic shared pointer works.
 * Global allocations live above all windows.
 */
public final class AddressWindows {
    /** Start of the generic window onto the CTA's shared memory. */
    public static final long SHARED_BASE = 1L << 40;
    /** Start of the generic window onto the thread's local memory. */
    public static final long LOCAL_BASE = 2L << 40;
    /** Start of the generic window onto the kernel parameter buffer. */
    public static final long PARAM_BASE = 3L << 40;
    /** Size of each window. */
    public static final long WINDOW = 1L << 32;
    /** First global allocation address (looks like a device pointer, far from the windows). */
    public static final long GLOBAL_BASE = 0x7f00_0000_0000L;

    private AddressWindows() {
    }
}
