package dev.scanbench.harness.scoring;

import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceEvent;
import dev.scanbench.harness.measure.Ticker;

/**
 * The host clock of a backend whose clock is a model (the software driver): each reading records an event, waits
 * for it and reads the model time since the first one. Wall times, RE-Bench's one timed call and the protocols'
 * budgets then all run on the model's time, so a simulated run is deterministic and nothing in it is a time
 * measured on this machine either.
 */
final class ModelTicker implements Ticker {
    private final Backend backend;
    private DeviceEvent origin;

    ModelTicker(Backend backend) {
        this.backend = backend;
    }

    @Override
    public long nanoTime() {
        try {
            if (origin == null) {
                origin = backend.record();
                backend.synchronize();
                return 0;
            }
            try (DeviceEvent now = backend.record()) {
                backend.synchronize();
                return Math.round(backend.elapsedMillis(origin, now) * 1e6);
            }
        } catch (BackendException e) {
            throw new IllegalStateException("the model clock cannot be read: " + e.getMessage(), e);
        }
    }
}
