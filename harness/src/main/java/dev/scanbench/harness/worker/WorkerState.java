package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the parent knows of a running worker from its events: the open calls and when each started (by the
 * parent's clock, so the worker cannot stretch it), the final event, whether the stream ended. Calls may
 * overlap (a battery runs its cases on several threads); the watchdog times the oldest. Shared by the thread
 * reading the worker's stdout and the watchdog waiting on it.
 */
final class WorkerState {

    /** Open calls by name, in the order they started, with their start times. */
    private final Map<String, Long> openCalls = new LinkedHashMap<>();
    private JsonNode finalEvent;
    private boolean streamClosed;

    synchronized void callStarted(String name, long nanoTime) {
        openCalls.remove(name);
        openCalls.put(name, nanoTime);
        notifyAll();
    }

    /** @return the nanoseconds the call ran, or -1 if it was not open */
    synchronized long callEnded(String name, long nanoTime) {
        Long since = openCalls.remove(name);
        if (since == null) {
            return -1;
        }
        notifyAll();
        return nanoTime - since;
    }

    /** Keeps the first result or failure event; the job's answer cannot be replaced afterwards. */
    synchronized void finished(JsonNode event) {
        if (finalEvent == null) {
            finalEvent = event;
            notifyAll();
        }
    }

    synchronized void streamClosed() {
        streamClosed = true;
        notifyAll();
    }

    /** Wakes the watchdog, e.g. when the worker exits. */
    synchronized void poke() {
        notifyAll();
    }

    synchronized Optional<JsonNode> finalEvent() {
        return Optional.ofNullable(finalEvent);
    }

    synchronized boolean isStreamClosed() {
        return streamClosed;
    }

    /**
     * An open call.
     *
     * @param name  its name
     * @param since when it started, by {@link System#nanoTime()}
     */
    record OpenCall(String name, long since) { }

    /** The oldest open call, its name and start read together (another thread may end it a moment later). */
    synchronized Optional<OpenCall> oldestCall() {
        return openCalls.entrySet().stream().findFirst().map(e -> new OpenCall(e.getKey(), e.getValue()));
    }

    /** Waits up to {@code nanos} for any change. */
    synchronized void awaitChange(long nanos) throws InterruptedException {
        if (nanos > 0) {
            wait(Math.max(1, nanos / 1_000_000));
        }
    }

    /** Waits up to {@code nanos} for the final event or the end of the stream, whichever comes first. */
    synchronized void awaitEnd(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (finalEvent == null && !streamClosed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
