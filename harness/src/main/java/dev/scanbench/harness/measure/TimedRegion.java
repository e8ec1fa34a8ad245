package dev.scanbench.harness.measure;

import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceEvent;

/**
 * The timed region of one sample on a backend with a clock, in the one order that makes the two clocks
 * comparable: read the wall clock, record the start event, enqueue the work, record the end event,
 * synchronise, read the wall clock. The device cannot pass the start event before the host recorded it, and
 * the host cannot return from the synchronisation before the device passed the end event, so the wall
 * interval encloses the event interval and a wall time below the event time means a clock is lying.
 */
public final class TimedRegion {

    /** The work timed: enqueues one run of the plan without synchronising. */
    @FunctionalInterface
    public interface Work {
        /** @throws BackendException when a launch fails */
        void enqueue() throws BackendException;
    }

    private TimedRegion() {
    }

    /**
     * Times one run of {@code work}. The device should be idle when this is called ({@link Sampler#prepare}
     * ends synchronised), or the wall time includes whatever was still queued.
     *
     * @return the event and wall times, without flags
     * @throws BackendException when recording, a launch or the synchronisation fails
     */
    public static Sample measure(Backend backend, Work work, Ticker ticker) throws BackendException {
        long wallStart = ticker.nanoTime();
        try (DeviceEvent start = backend.record()) {
            work.enqueue();
            try (DeviceEvent end = backend.record()) {
                backend.synchronize();
                long wallEnd = ticker.nanoTime();
                return Sample.of(backend.elapsedMillis(start, end), (wallEnd - wallStart) / 1e6);
            }
        }
    }
}
