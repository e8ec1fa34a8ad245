package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The worker's side of the protocol: sends events to the parent, one line each, written with a single
 * {@code write} so that lines from several threads never interleave. Candidate calls may overlap when they run
 * on different threads (a battery's cases), each under a distinct name; the parent's per-call timeout applies to
 * each of them.
 */
public final class WorkerChannel {

    private final OutputStream out;
    private final String token;
    /** Open calls by name, with their start times. */
    private final Map<String, Long> openCalls = new HashMap<>();

    /**
     * @param out   the protocol stream (the worker's original stdout); written unbuffered
     * @param token the marker the parent expects before every event
     */
    public WorkerChannel(OutputStream out, String token) {
        this.out = Objects.requireNonNull(out, "out");
        this.token = Objects.requireNonNull(token, "token");
    }

    /** Reports progress, e.g. "warm-up 3 of 4". */
    public void progress(String message) {
        progress(message, null);
    }

    /**
     * @param message human-readable progress
     * @param data    structured progress (e.g. samples so far), or null
     */
    public void progress(String message, JsonNode data) {
        ObjectNode event = event(Protocol.PROGRESS).put(Protocol.MESSAGE, message);
        if (data != null) {
            event.set(Protocol.DATA, data);
        }
        send(event);
    }

    /**
     * Starts a candidate call: from now the parent's per-call timeout runs.
     *
     * @throws IllegalStateException if a call of that name is still open
     */
    public synchronized void callStart(String name) {
        Objects.requireNonNull(name, "name");
        if (openCalls.containsKey(name)) {
            throw new IllegalStateException("call '" + name + "' started while a call of that name is open");
        }
        openCalls.put(name, System.nanoTime());
        send(event(Protocol.CALL_START).put(Protocol.NAME, name));
    }

    /**
     * Ends an open call.
     *
     * @throws IllegalStateException if no call {@code name} is open
     */
    public synchronized void callEnd(String name) {
        Long start = openCalls.remove(name);
        if (start == null) {
            throw new IllegalStateException("call '" + name + "' ended but no call of that name is open; open: "
                    + openCalls.keySet());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        send(event(Protocol.CALL_END).put(Protocol.NAME, name).put(Protocol.SECONDS, seconds));
    }

    /**
     * Runs {@code body} as the call {@code name}: start and end events around it, the end sent even when the
     * body throws.
     */
    public <T> T call(String name, CallBody<T> body) throws Exception {
        callStart(name);
        try {
            return body.run();
        } finally {
            callEnd(name);
        }
    }

    /** The body of a {@link #call}. */
    @FunctionalInterface
    public interface CallBody<T> {
        /** @return the call's value */
        T run() throws Exception;
    }

    void result(JsonNode result) {
        send(event(Protocol.RESULT).set(Protocol.RESULT, result));
    }

    void failure(String kind, String message, JsonNode details) {
        ObjectNode event = event(Protocol.FAILURE).put(Protocol.KIND, kind).put(Protocol.MESSAGE, message);
        event.set(Protocol.DETAILS, details);
        send(event);
    }

    private static ObjectNode event(String type) {
        return Protocol.JSON.createObjectNode().put(Protocol.EVENT, type);
    }

    private synchronized void send(ObjectNode event) {
        try {
            // A leading newline ends any unterminated text the candidate left on fd 1, so the parent sees the
            // event at the start of its own line.
            byte[] line = ("\n" + token + Protocol.JSON.writeValueAsString(event) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the worker's protocol stream to the parent is closed", e);
        }
    }
}
