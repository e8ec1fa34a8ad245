package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Hears a worker's events as they arrive, e.g. to show progress. Called on the thread reading the worker's
 * output, so it must return quickly; every method does nothing by default.
 */
public interface WorkerListener {

    /** Listens to nothing. */
    WorkerListener NONE = new WorkerListener() {
    };

    /**
     * @param message the worker's progress message
     * @param data    structured progress, or null
     */
    default void progress(String message, JsonNode data) {
    }

    /** @param call the candidate call that started */
    default void callStarted(String call) {
    }

    /**
     * @param call    the candidate call that ended
     * @param elapsed how long it ran, as the parent saw it
     */
    default void callEnded(String call, Duration elapsed) {
    }
}
