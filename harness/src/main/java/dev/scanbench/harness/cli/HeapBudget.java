package dev.scanbench.harness.cli;

/**
 * Refuses, before allocating, an array size the JVM cannot hold, with the fix in the message; an OutOfMemoryError
 * halfway through a 10^8-element run is a worse answer.
 */
final class HeapBudget {

    private HeapBudget() {
    }

    /**
     * @param ints how many int elements the command will hold at once
     * @throws CliFailure if they cannot fit in the heap this JVM was given
     */
    static void require(long ints, String what) throws CliFailure {
        long bytes = ints * Integer.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max - (64L << 20)) {
            throw new CliFailure(ExitCode.ENVIRONMENT, "out-of-memory", String.format(
                    "%s needs about %d MiB of heap but this JVM has %d MiB; rerun with WORKBENCH_HEAP=%dg",
                    what, bytes >> 20, max >> 20, Math.max(1, (bytes + (512L << 20)) >> 30) + 1), null);
        }
    }
}
