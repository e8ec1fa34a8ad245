package dev.scanbench.emulator.decode;

/** Instruction families; each is executed by one executor class in {@code exec}. */
public enum Family {
    /** Integer, bit, move, compare and select: {@code IntegerUnit}. */
    INTEGER,
    /** 32/64-bit IEEE float arithmetic and compare: {@code FloatUnit}. */
    FLOAT,
    /** cvt / cvta / isspacep: {@code ConvertUnit}. */
    CONVERT,
    /** ld / st in every state space: {@code MemoryUnit}. */
    MEMORY,
    /** atom / red: {@code AtomicUnit}. */
    ATOMIC,
    /** Branches, exit, trap, nanosleep, fences, clocks: {@code ControlUnit}. */
    CONTROL,
    /** shfl / vote / redux / match / elect / bar.warp.sync / activemask: {@code WarpCollectiveUnit}. */
    COLLECTIVE,
    /** bar / barrier (CTA-wide): {@code BarrierUnit}. */
    BARRIER,
    /** cp.async, cp.async.bulk, mbarrier: {@code AsyncCopyUnit}. */
    ASYNC
}
