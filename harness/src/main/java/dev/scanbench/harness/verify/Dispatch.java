package dev.scanbench.harness.verify;

import dev.scanbench.emulator.DispatchOrder;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.Defaults;
import java.util.List;

/**
 * How the CTAs of a battery case are scheduled: one of the emulator's dispatch policies, or the device's own
 * scheduler on a GPU. {@link #EMULATOR} is the one list of policies every emulator battery runs under.
 */
public enum Dispatch {
    /** CTAs start in block order, {@link Defaults#BATTERY_RESIDENT_CTAS} resident at once: an H100's 132 SMs. */
    IN_ORDER(DispatchOrder.IN_ORDER),
    /** CTAs start in reverse block order, the whole grid resident. */
    REVERSED(DispatchOrder.REVERSED),
    /** CTAs start in a seeded random order, the whole grid resident. */
    RANDOM(DispatchOrder.RANDOM),
    /** A GPU's own scheduler: nothing to choose. */
    DEVICE(null);

    /**
     * The emulator's policies, in the order a battery runs them: every small size runs under each. A new
     * adversarial policy joins the gate of {@code verify} and {@code score} by being added here.
     */
    public static final List<Dispatch> EMULATOR = List.of(IN_ORDER, REVERSED, RANDOM);

    /** The policy of the large sizes and of the scoring runs on the emulator: the H100's residency. */
    public static final Dispatch SCORING = IN_ORDER;

    private final DispatchOrder order;

    Dispatch(DispatchOrder order) {
        this.order = order;
    }

    /** True for a policy the emulator applies (everything but {@link #DEVICE}). */
    public boolean emulated() {
        return order != null;
    }

    /**
     * The emulator options of this policy over {@code base} (diagnostics, limits).
     *
     * @param randomSeed the seed of a random order, drawn from the run's secret
     */
    public LaunchOptions options(LaunchOptions base, long randomSeed) {
        if (order == null) {
            throw new IllegalStateException("the device's own dispatch has no emulator options");
        }
        return this == IN_ORDER ? base.withResidency(Defaults.BATTERY_RESIDENT_CTAS, 1).withOrder(order, 0)
                : base.withResidency(1, 0).withOrder(order, randomSeed);
    }
}
