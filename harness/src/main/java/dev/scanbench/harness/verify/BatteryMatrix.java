package dev.scanbench.harness.verify;

import dev.scanbench.baseline.input.InputPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of a correctness battery, in the order they run: grouped by dispatch order, then by n, so that
 * one loaded module serves every pattern of one size. Consecutive iterations on one module see different
 * inputs, which exposes a kernel that replays an earlier output kept in a {@code __device__} variable.
 *
 * @param cases the cases
 */
public record BatteryMatrix(List<BatteryCase> cases) {

    /** Sizes run under every pattern and every dispatch order: word, warp, block and tile edges. */
    public static final long[] FULL_SIZES = {1, 31, 32, 33, 1023, 1024, 1025, 4095, 4097, 65537};

    /**
     * Sizes too slow to emulate 15 times: a prime near 10^6 and 2^20 + 7, under in-order dispatch with the
     * scoring distribution and the extreme values (sums that wrap) only.
     */
    public static final long[] LARGE_SIZES = {999_983, (1 << 20) + 7};

    /** The patterns of the battery: the scoring distribution and the four that stress the parity logic and wrap-around. */
    public static final List<InputPattern> PATTERNS = List.of(InputPattern.RANDOM, InputPattern.ALL_POSITIVE,
            InputPattern.ALL_NON_POSITIVE, InputPattern.ALTERNATING, InputPattern.EXTREME);

    /** The patterns run under the {@link BatteryDispatch#ADVERSARIAL} schedules: the scoring distribution and wrap-around. */
    public static final List<InputPattern> ADVERSARIAL_PATTERNS = List.of(InputPattern.RANDOM, InputPattern.EXTREME);

    public BatteryMatrix {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("a battery needs at least one case");
        }
    }

    /**
     * The standard battery of {@code workbench verify}: {@link #FULL_SIZES} x {@link #PATTERNS} x the
     * {@link BatteryDispatch#FAIR} dispatches (150 cases), {@link #FULL_SIZES} x {@link #ADVERSARIAL_PATTERNS} x the
     * {@link BatteryDispatch#ADVERSARIAL} schedules (40 cases), then {@link #LARGE_SIZES} x {RANDOM, EXTREME} in
     * order (4 cases).
     */
    public static BatteryMatrix standard() {
        List<BatteryCase> cases = new ArrayList<>(of(FULL_SIZES).cases());
        for (long n : LARGE_SIZES) {
            cases.add(new BatteryCase(n, InputPattern.RANDOM, BatteryDispatch.IN_ORDER));
            cases.add(new BatteryCase(n, InputPattern.EXTREME, BatteryDispatch.IN_ORDER));
        }
        return new BatteryMatrix(cases);
    }

    /**
     * Every pattern of {@link #PATTERNS} at each of these sizes under every fair dispatch, then the
     * {@link #ADVERSARIAL_PATTERNS} under every adversarial schedule.
     */
    public static BatteryMatrix of(long... sizes) {
        List<BatteryCase> cases = new ArrayList<>();
        for (BatteryDispatch d : BatteryDispatch.FAIR) {
            for (long n : sizes) {
                PATTERNS.forEach(p -> cases.add(new BatteryCase(n, p, d)));
            }
        }
        for (BatteryDispatch d : BatteryDispatch.ADVERSARIAL) {
            for (long n : sizes) {
                ADVERSARIAL_PATTERNS.forEach(p -> cases.add(new BatteryCase(n, p, d)));
            }
        }
        return new BatteryMatrix(cases);
    }
}
