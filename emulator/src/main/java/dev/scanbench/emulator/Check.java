package dev.scanbench.emulator;

/** The switchable diagnostics, plus the kinds the emulator always reports. */
public enum Check {
    /** Out-of-bounds and misaligned global / shared / local accesses. */
    MEMCHECK,
    /**
     * Undefined values (never-written registers, shared and global bytes, poisoned memory) followed as Valgrind's
     * memcheck follows them, reported where they decide an address, a branch, a guarded side effect, an atomic
     * operand, a barrier or collective operand; see {@code Device.firstUndefined} for outputs.
     */
    INITCHECK,
    /** Shared-memory accesses by different warps to the same byte between two barriers, one a write. */
    RACECHECK,
    /** Divergent or partial CTA barriers; warp collectives whose member mask is wrong. */
    SYNCCHECK,
    /** Reading a cp.async / bulk-copy destination before the copy was waited for. */
    ASYNCCHECK,
    /** A weak (non-volatile, non-acquire) load polled in a spin loop: a warning, or an error with lint errors on. */
    SPINLINT,
    /** Always on: no warp can make progress (or the instruction budget ran out). */
    DEADLOCK,
    /** Always on: trap, illegal address, unsupported run-time condition; the launch stops. */
    FAULT
}
