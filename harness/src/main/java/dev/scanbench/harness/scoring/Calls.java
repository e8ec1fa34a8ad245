package dev.scanbench.harness.scoring;

import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.worker.WorkerChannel;

/**
 * Brackets device work with {@link WorkerChannel#call} so the parent's per-call watchdog times it, keeping the
 * work's own checked exception: a hang is named by the call, a fault still arrives as a {@link BackendException}.
 */
final class Calls {
    private Calls() {
    }

    /** Device work that may fail. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws BackendException;
    }

    static <T> T call(WorkerChannel channel, String name, Work<T> work) throws BackendException {
        try {
            return channel.call(name, work::run);
        } catch (BackendException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Work only throws BackendException; anything else checked would be a change of that contract.
            throw new IllegalStateException("call '" + name + "' threw " + e, e);
        }
    }
}
