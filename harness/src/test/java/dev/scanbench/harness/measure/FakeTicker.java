package dev.scanbench.harness.measure;

import java.util.function.Consumer;

/** A clock that moves only when told to, so that budgets are exercised without real time passing. */
final class FakeTicker implements Ticker {
    private long now;
    private Consumer<Long> onRead = t -> { };

    @Override
    public long nanoTime() {
        onRead.accept(now);
        return now;
    }

    void advanceMillis(double ms) {
        now += Math.round(ms * 1e6);
    }

    /** Calls {@code listener} with the time on every read, e.g. to log reads among other calls. */
    void onRead(Consumer<Long> listener) {
        this.onRead = listener;
    }
}
