package dev.scanbench.emulator;

/** Every default of the emulator, one documented constant each. */
public final class Defaults {
    /**
     * Warp-instructions a warp runs before the scheduler moves on. Small enough that a warp spinning on a
     * flag gives the producer a turn quickly, large enough that switching costs little.
     */
    public static final int QUANTUM = 64;
    /**
     * Warp-instructions executed grid-wide without any progress before the launch is declared deadlocked.
     * Progress: a memory value changed, a thread exited, a barrier or mbarrier phase completed, a CTA
     * started, or a warp loaded from an address outside the last four it loaded from (so a long loop over
     * an array that stores only at the end is progress, while polling a few flags is not). About two seconds
     * of emulation.
     */
    public static final long SPIN_LIMIT = 20_000_000L;
    /**
     * Total warp-instructions a launch may execute before it is stopped (a runaway-loop guard): about 30
     * times what a 10^8-element scan needs, a few minutes of emulation.
     */
    public static final long INSTRUCTION_BUDGET = 2_000_000_000L;
    /**
     * Bytes the state of the resident CTAs of one launch may take (register files with initcheck's shadow, local
     * and shared memory with racecheck's shadow): 256 MiB. A limited residency (an H100's occupancy x 132 SMs) is
     * cut to what fits, but never below {@link #RESIDENT_FLOOR_CTAS}, so that a grid of any size runs in the default
     * 4 GiB heap next to x and y at n = 10^8, with the battery's units running side by side. The whole-grid
     * residency of a cooperative launch or of {@link #RESIDENT_CTAS} 0 is never cut.
     */
    public static final long RESIDENT_STATE_BYTES = 256L << 20;
    /** The fewest CTAs a cut residency keeps: one per H100 SM (the battery's residency before occupancy). */
    public static final int RESIDENT_FLOOR_CTAS = 132;
    /** Resident CTAs: 0 means every CTA of the grid is resident at once. */
    public static final int RESIDENT_CTAS = 0;
    /** Seed of the random dispatch order. */
    public static final long SEED = 1;
    /** Diagnostics kept per launch; further ones are counted in a final summary diagnostic. */
    public static final int MAX_DIAGNOSTICS = 200;
    /**
     * Scheduling rounds in which nothing changed (no memory value, barrier, exit, new load address) before the
     * slow-publisher policy releases the newest held publish: every waiting warp has polled the old value at
     * least this many turns by then.
     */
    public static final int SLOW_PUBLISHER_QUIET_ROUNDS = 4;
    /**
     * Global bytes a CTA moves per scheduling round when the critical path is measured: what one of an H100's
     * 132 SMs moves in one dependent hop (2.9 TB/s / 132 x 0.6 us = 13,182 bytes), so that a round stands for one
     * hop of GPU time and a store made in one round is seen in the next (the harness's H100Constants holds the
     * figures it comes from).
     */
    public static final long HOP_BYTES_PER_CTA = 13_182;
    /**
     * Warp instructions a CTA issues at most per round when the critical path is measured: what one SM issues in
     * a hop (4 per clock x 1.755 GHz x 0.6 us = 4,212), for CTAs that compute more than they move.
     */
    public static final long HOP_WARP_INSTRUCTIONS_PER_CTA = 4_212;
    /** Repeated identical weak loads by one warp, with no store in between, before SPINLINT warns. */
    public static final int SPIN_LINT_REPEATS = 8;

    private Defaults() {
    }
}
