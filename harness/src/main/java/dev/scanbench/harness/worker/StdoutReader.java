package dev.scanbench.harness.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads the worker's stdout on its own thread: event lines (those carrying the token) update the
 * {@link WorkerState} and the listener; every other line is printed output and goes to the tail.
 */
final class StdoutReader implements Runnable {

    private final LineSplitter lines;
    private final String token;
    private final WorkerState state;
    private final WorkerListener listener;
    private final TailBuffer tail;

    StdoutReader(InputStream stdout, int maxLineBytes, String token, WorkerState state, WorkerListener listener,
            TailBuffer tail) {
        this.lines = new LineSplitter(stdout, maxLineBytes);
        this.token = token;
        this.state = state;
        this.listener = listener;
        this.tail = tail;
    }

    @Override
    public void run() {
        try {
            for (LineSplitter.Line line = lines.next(); line != null; line = lines.next()) {
                accept(line);
            }
        } catch (IOException e) {
            tail.append("[workbench] reading the worker's stdout failed: " + e.getMessage() + "\n");
        } finally {
            state.streamClosed();
        }
    }

    private void accept(LineSplitter.Line line) {
        String text = line.text();
        int at = text.indexOf(token);
        if (at < 0 || line.truncated()) {
            printed(text, line.truncated());
            return;
        }
        printed(text.substring(0, at), false);
        JsonNode event;
        try {
            event = Protocol.JSON.readTree(text.substring(at + token.length()));
        } catch (JsonProcessingException e) {
            tail.append("[workbench] malformed event from the worker: " + e.getOriginalMessage() + "\n");
            return;
        }
        try {
            dispatch(event);
        } catch (RuntimeException e) {
            // A listener's bug must not stop the reading, or the worker would block on a full pipe.
            tail.append("[workbench] handling a worker event failed: " + e + "\n");
        }
    }

    private void dispatch(JsonNode event) {
        String name = event.path(Protocol.NAME).asText();
        switch (event.path(Protocol.EVENT).asText()) {
            case Protocol.PROGRESS -> listener.progress(event.path(Protocol.MESSAGE).asText(),
                    event.get(Protocol.DATA));
            case Protocol.CALL_START -> {
                state.callStarted(name, System.nanoTime());
                listener.callStarted(name);
            }
            case Protocol.CALL_END -> {
                long nanos = state.callEnded(name, System.nanoTime());
                if (nanos >= 0) {
                    listener.callEnded(name, Duration.ofNanos(nanos));
                }
            }
            case Protocol.RESULT, Protocol.FAILURE -> state.finished(event);
            default -> tail.append("[workbench] unknown event from the worker: " + event + "\n");
        }
    }

    private void printed(String text, boolean truncated) {
        if (!text.isBlank()) {
            tail.append("[stdout] " + text + (truncated ? " [... line truncated]" : "") + "\n");
        }
    }
}
