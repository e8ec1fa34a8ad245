package dev.scanbench.harness.verify;

import dev.scanbench.emulator.DispatchOrder;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.emulator.SchedulePolicy;
import java.util.List;

/**
 * How the CTAs of a battery case are scheduled: on the emulator, which CTAs are resident, in which order they
 * start and how the resident ones take turns; or the device's own scheduler on a GPU. The one list of the
 * battery's dispatches: {@link BatteryMatrix} draws its cases from {@link #EMULATOR} and {@link CorrectnessBattery}
 * configures each run with {@link #options}.
 */
public enum Dispatch {
    /**
     * Block 0 first, as many CTAs resident as an H100 keeps of the kernel (its occupancy by registers, shared memory
     * and block size, x 132 SMs), fair turns.
     */
    IN_ORDER(DispatchOrder.IN_ORDER, SchedulePolicy.FAIR, true),
    /** Last block first, the whole grid resident (a look-back on lower block indices must not hang here). */
    REVERSED(DispatchOrder.REVERSED, SchedulePolicy.FAIR, false),
    /** A seeded permutation of the blocks, the whole grid resident. */
    RANDOM(DispatchOrder.RANDOM, SchedulePolicy.FAIR, false),
    /**
     * In order, limited residency, and every publishing store held until the rest of the grid has nothing left to
     * do ({@link SchedulePolicy#SLOW_PUBLISHER}): every cross-CTA wait waits, so a poll hoisted out of its loop
     * hangs and a weak poll spins long enough to be caught.
     */
    SLOW_PUBLISHER(DispatchOrder.IN_ORDER, SchedulePolicy.SLOW_PUBLISHER, true),
    /**
     * In order, limited residency, and the next CTA runs after every global store, atomic and fence
     * ({@link SchedulePolicy#PREEMPT_AT_STORES}): a flag published before its data is seen early.
     */
    PREEMPT_AT_STORES(DispatchOrder.IN_ORDER, SchedulePolicy.PREEMPT_AT_STORES, true),
    /** A GPU's own scheduler: nothing to choose. */
    DEVICE(null, null, false);

    /** The fair dispatches, run with every battery pattern. */
    public static final List<Dispatch> FAIR = List.of(IN_ORDER, REVERSED, RANDOM);
    /** The adversarial schedules: about waiting, not values, so they run with fewer patterns. */
    public static final List<Dispatch> ADVERSARIAL = List.of(SLOW_PUBLISHER, PREEMPT_AT_STORES);
    /**
     * The emulator's dispatches, in the order a battery runs them: every small size runs under each. A new
     * schedule joins the gate of {@code verify} and {@code score} by being added here.
     */
    public static final List<Dispatch> EMULATOR = List.of(IN_ORDER, REVERSED, RANDOM, SLOW_PUBLISHER,
            PREEMPT_AT_STORES);

    /** The dispatch of the large sizes and of the scoring runs on the emulator: the H100's residency. */
    public static final Dispatch SCORING = IN_ORDER;

    private final DispatchOrder order;
    private final SchedulePolicy policy;
    private final boolean limitedResidency;

    Dispatch(DispatchOrder order, SchedulePolicy policy, boolean limitedResidency) {
        this.order = order;
        this.policy = policy;
        this.limitedResidency = limitedResidency;
    }

    /** True for a dispatch the emulator applies (everything but {@link #DEVICE}). */
    public boolean emulated() {
        return order != null;
    }

    /** True for an {@link #ADVERSARIAL} schedule. */
    public boolean adversarial() {
        return ADVERSARIAL.contains(this);
    }

    /**
     * The emulator options for this dispatch: {@code checks} (diagnostics and limits) with its residency, order
     * and policy; {@code seed} seeds a random order.
     */
    public LaunchOptions options(LaunchOptions checks, long seed) {
        if (order == null) {
            throw new IllegalStateException("the device's own dispatch has no emulator options");
        }
        LaunchOptions o = limitedResidency ? checks.withOccupancyResidency() : checks.withResidency(1, 0);
        return o.withOrder(order, order == DispatchOrder.RANDOM ? seed : 0).withPolicy(policy);
    }

    /** True if only as many CTAs as an H100 keeps resident (occupancy x 132 SMs) run at once. */
    public boolean limitedResidency() {
        return limitedResidency;
    }

    /** What a hang under this dispatch means, for the failure message. */
    public String hangHint() {
        String residency = "(as many CTAs were resident at once as an H100 keeps of this kernel, its occupancy x 132"
                + " SMs: a kernel must not wait for a CTA that has not started; a grid barrier needs a cooperative launch)";
        return switch (this) {
            case SLOW_PUBLISHER -> "(slow publisher: every publishing store was held until the rest of the grid had"
                    + " nothing left to do, so every wait for another CTA waited; a GPU may schedule so too) "
                    + residency;
            case PREEMPT_AT_STORES -> "(the next CTA ran after every global store and fence) " + residency;
            default -> limitedResidency ? residency : "";
        };
    }
}
