package dev.scanbench.emulator;

/**
 * How the scheduler treats the CTAs it has made resident (which CTAs are resident, and in which order they start,
 * is {@link DispatchOrder} and the residency). The fair round-robin lets a predecessor publish before its
 * successor looks, so a wait path may never run; the adversarial policies make every cross-CTA wait happen.
 */
public enum SchedulePolicy {
    /** Round-robin over the resident CTAs, each turn a few quanta per warp. */
    FAIR,
    /**
     * A publishing store (a releasing or strong store or atomic, or the first global store or atomic after a
     * device-scope fence) waits until the rest of the grid has run out of things to do, and held publishes land
     * newest first, then the publisher is preempted. Every consumer polls before the value it waits for lands;
     * a poll the compiler hoisted out of its loop spins forever and is reported as a deadlock.
     */
    SLOW_PUBLISHER,
    /**
     * The scheduler moves to the next CTA after every global store, atomic and device-scope fence, so every
     * other CTA sees each intermediate state of the memory (a flag published before its data, a partial write).
     */
    PREEMPT_AT_STORES
}
