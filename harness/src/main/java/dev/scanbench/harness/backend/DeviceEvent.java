package dev.scanbench.harness.backend;

/** A point recorded in the backend's stream, for timing with {@link Backend#elapsedMillis}. */
public interface DeviceEvent extends AutoCloseable {

    /** Releases the event; closing twice is harmless. */
    @Override
    void close() throws BackendException;
}
