package dev.scanbench.emulator;

import java.util.EnumSet;
import java.util.Set;

/**
 * How to run a launch: which diagnostics are on, residency, dispatch order, scheduler quantum and the
 * deadlock detector's limits. Immutable; the {@code with...} methods return modified copies.
 *
 * @param checks             enabled diagnostics (DEADLOCK and FAULT are always on)
 * @param residentCtas       CTAs resident at once; 0 = the whole grid
 * @param order              dispatch order of CTAs
 * @param seed               seed for {@link DispatchOrder#RANDOM}
 * @param quantum            warp-instructions per scheduling turn
 * @param spinLimit          warp-instructions without progress before a deadlock is declared
 * @param instructionBudget  total warp-instructions allowed
 */
public record LaunchOptions(Set<Check> checks, int residentCtas, DispatchOrder order, long seed, int quantum,
        long spinLimit, long instructionBudget) {

    /** Copies the check set. */
    public LaunchOptions {
        checks = checks.isEmpty() ? EnumSet.noneOf(Check.class) : EnumSet.copyOf(checks);
        if (quantum < 1 || residentCtas < 0 || spinLimit < 1 || instructionBudget < 1) {
            throw new IllegalArgumentException("quantum, spinLimit, budget must be >= 1 and residentCtas >= 0");
        }
    }

    /** No diagnostics, whole grid resident, in order. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(EnumSet.noneOf(Check.class), Defaults.RESIDENT_CTAS, DispatchOrder.IN_ORDER,
                Defaults.SEED, Defaults.QUANTUM, Defaults.SPIN_LIMIT, Defaults.INSTRUCTION_BUDGET);
    }

    /** Every switchable diagnostic on. */
    public static LaunchOptions allChecks() {
        return defaults().withChecks(EnumSet.of(Check.MEMCHECK, Check.INITCHECK, Check.RACECHECK, Check.SYNCCHECK,
                Check.ASYNCCHECK, Check.SPINLINT));
    }

    /** With exactly these diagnostics. */
    public LaunchOptions withChecks(Set<Check> c) {
        return new LaunchOptions(c, residentCtas, order, seed, quantum, spinLimit, instructionBudget);
    }

    /** With {@code sms * ctasPerSm} resident CTAs; the rest start as resident ones retire. */
    public LaunchOptions withResidency(int sms, int ctasPerSm) {
        return new LaunchOptions(checks, sms * ctasPerSm, order, seed, quantum, spinLimit, instructionBudget);
    }

    /** With a dispatch order (and seed, used by RANDOM). */
    public LaunchOptions withOrder(DispatchOrder o, long s) {
        return new LaunchOptions(checks, residentCtas, o, s, quantum, spinLimit, instructionBudget);
    }

    /** With a scheduler quantum. */
    public LaunchOptions withQuantum(int q) {
        return new LaunchOptions(checks, residentCtas, order, seed, q, spinLimit, instructionBudget);
    }

    /** With deadlock-detector limits. */
    public LaunchOptions withLimits(long spin, long budget) {
        return new LaunchOptions(checks, residentCtas, order, seed, quantum, spin, budget);
    }

    /** True if the diagnostic is on. */
    public boolean on(Check c) {
        return checks.contains(c);
    }
}
