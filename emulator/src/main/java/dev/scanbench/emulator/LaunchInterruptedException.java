package dev.scanbench.emulator;

/**
 * A launch given up because its thread was interrupted: whoever started it no longer wants its result (the
 * correctness battery, when an earlier unit has already failed). Unchecked, since only a caller that interrupts its
 * own workers can see it; the thread's interrupt status is left set.
 */
public final class LaunchInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param warpInstructions how far the launch had got, for the message */
    public LaunchInterruptedException(long warpInstructions) {
        super("launch interrupted after " + warpInstructions + " warp-instructions");
    }
}
