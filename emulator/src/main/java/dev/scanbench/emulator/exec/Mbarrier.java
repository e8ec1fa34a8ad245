package dev.scanbench.emulator.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * An mbarrier object: expected arrivals, pending arrivals and transaction bytes of the current phase. Bulk
 * copies signalling it are held back and land when the phase completes, so reading their destination before
 * waiting on the barrier sees stale data on the emulator too.
 */
final class Mbarrier {
    final int expected;
    int pending;
    long tx;
    long phase;
    final List<Runnable> onComplete = new ArrayList<>();

    Mbarrier(int expected) {
        this.expected = expected;
        this.pending = expected;
    }

    /** Completes the phase if all arrivals and bytes are in; returns true if it did. */
    boolean tryComplete() {
        if (pending > 0 || tx > 0) {
            return false;
        }
        for (Runnable r : onComplete) {
            r.run();
        }
        onComplete.clear();
        phase++;
        pending = expected;
        tx = 0;
        return true;
    }
}
