package dev.scanbench.emulator;

import java.util.EnumSet;
import java.util.Set;

/**
 * How to run a launch: which diagnostics are on, residency, dispatch order, scheduler quantum, the
 * deadlock detector's limits, the schedule policy and whether lint findings are errors. Immutable; the
 * {@code with...} methods return modified copies.
 *
 * @param checks             enabled diagnostics (DEADLOCK and FAULT are always on)
 * @param residentCtas       CTAs resident at once; 0 = the whole grid
 * @param order              dispatch order of CTAs
 * @param seed               seed for {@link DispatchOrder#RANDOM}
 * @param quantum            warp-instructions per scheduling turn
 * @param spinLimit          warp-instructions without progress before a deadlock is declared
 * @param instructionBudget  total warp-instructions allowed
 * @param policy             how the resident CTAs are scheduled (fair, or adversarial to cross-CTA waits)
 * @param lintErrors         lint findings (a weak load polled in a spin loop) are errors, not warnings
 * @param criticalPath       measure the critical path ({@link CriticalPathCounts}): per-warp logical clocks, a
 *                           clock shadow per global word, CTAs placed on SMs, and the resident CTAs run newest
 *                           first in each round (off: none of that is paid for)
 * @param occupancyResidency as many CTAs resident as an H100 keeps ({@link Occupancy}: CTAs per SM by the kernel's
 *                           registers, shared memory and block size, x 132 SMs), in place of {@code residentCtas}
 * @param translate          run hot straight-line integer blocks of a full warp as generated JVM code
 *                           ({@code BlockCompiler}; with initcheck, only where the block's inputs are defined): the
 *                           same results, diagnostics and counts as the interpreter's, faster; off runs every
 *                           instruction through the interpreter
 */
public record LaunchOptions(Set<Check> checks, int residentCtas, DispatchOrder order, long seed, int quantum,
        long spinLimit, long instructionBudget, SchedulePolicy policy, boolean lintErrors, boolean criticalPath,
        boolean occupancyResidency, boolean translate) {

    /** Copies the check set. */
    public LaunchOptions {
        checks = checks.isEmpty() ? EnumSet.noneOf(Check.class) : EnumSet.copyOf(checks);
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        if (quantum < 1 || residentCtas < 0 || spinLimit < 1 || instructionBudget < 1) {
            throw new IllegalArgumentException("quantum, spinLimit, budget must be >= 1 and residentCtas >= 0");
        }
    }

    /** No diagnostics, whole grid resident, in order. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(EnumSet.noneOf(Check.class), Defaults.RESIDENT_CTAS, DispatchOrder.IN_ORDER,
                Defaults.SEED, Defaults.QUANTUM, Defaults.SPIN_LIMIT, Defaults.INSTRUCTION_BUDGET, SchedulePolicy.FAIR,
                false, false, false, true);
    }

    /** Every switchable diagnostic on. */
    public static LaunchOptions allChecks() {
        return defaults().withChecks(EnumSet.of(Check.MEMCHECK, Check.INITCHECK, Check.RACECHECK, Check.SYNCCHECK,
                Check.ASYNCCHECK, Check.SPINLINT));
    }

    /** With exactly these diagnostics. */
    public LaunchOptions withChecks(Set<Check> c) {
        return new LaunchOptions(c, residentCtas, order, seed, quantum, spinLimit, instructionBudget, policy,
                lintErrors, criticalPath, occupancyResidency, translate);
    }

    /** With {@code sms * ctasPerSm} resident CTAs; the rest start as resident ones retire. */
    public LaunchOptions withResidency(int sms, int ctasPerSm) {
        return new LaunchOptions(checks, sms * ctasPerSm, order, seed, quantum, spinLimit, instructionBudget,
                policy, lintErrors, criticalPath, false, translate);
    }

    /**
     * With as many CTAs resident as an H100 keeps of the launched kernel ({@link Occupancy} x 132 SMs), computed
     * at each launch from its registers, shared memory and block size; the rest start as resident ones retire.
     */
    public LaunchOptions withOccupancyResidency() {
        return new LaunchOptions(checks, 0, order, seed, quantum, spinLimit, instructionBudget, policy, lintErrors,
                criticalPath, true, translate);
    }

    /** The CTAs resident at once for a kernel of this occupancy (0 = the whole grid). */
    public int residentCtas(Occupancy occupancy) {
        return occupancyResidency ? Math.max(1, occupancy.residentCtas()) : residentCtas;
    }

    /** With a dispatch order (and seed, used by RANDOM). */
    public LaunchOptions withOrder(DispatchOrder o, long s) {
        return new LaunchOptions(checks, residentCtas, o, s, quantum, spinLimit, instructionBudget, policy, lintErrors,
                criticalPath, occupancyResidency, translate);
    }

    /** With a scheduler quantum. */
    public LaunchOptions withQuantum(int q) {
        return new LaunchOptions(checks, residentCtas, order, seed, q, spinLimit, instructionBudget, policy,
                lintErrors, criticalPath, occupancyResidency, translate);
    }

    /** With deadlock-detector limits. */
    public LaunchOptions withLimits(long spin, long budget) {
        return new LaunchOptions(checks, residentCtas, order, seed, quantum, spin, budget, policy, lintErrors,
                criticalPath, occupancyResidency, translate);
    }

    /** With a scheduling policy. */
    public LaunchOptions withPolicy(SchedulePolicy p) {
        return new LaunchOptions(checks, residentCtas, order, seed, quantum, spinLimit, instructionBudget, p,
                lintErrors, criticalPath, occupancyResidency, translate);
    }

    /** With lint findings (SPINLINT) reported as errors (a verdict) or as warnings (advice). */
    public LaunchOptions withLintErrors(boolean errors) {
        return new LaunchOptions(checks, residentCtas, order, seed, quantum, spinLimit, instructionBudget, policy,
                errors, criticalPath, occupancyResidency, translate);
    }

    /** With the critical-path clock on or off ({@link CriticalPathCounts} in the launch's counters). */
    public LaunchOptions withCriticalPath(boolean on) {
        return new LaunchOptions(checks, residentCtas, order, seed, quantum, spinLimit, instructionBudget, policy,
                lintErrors, on, occupancyResidency, translate);
    }

    /** With block translation on or off (the same results either way; off is the interpreter alone). */
    public LaunchOptions withTranslation(boolean on) {
        return new LaunchOptions(checks, residentCtas, order, seed, quantum, spinLimit, instructionBudget, policy,
                lintErrors, criticalPath, occupancyResidency, on);
    }

    /** True if the diagnostic is on. */
    public boolean on(Check c) {
        return checks.contains(c);
    }
}
