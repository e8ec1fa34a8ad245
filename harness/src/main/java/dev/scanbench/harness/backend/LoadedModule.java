package dev.scanbench.harness.backend;

/** A module loaded into a backend; closing it unloads it. */
public interface LoadedModule extends AutoCloseable {

    /**
     * True when the module defines that entry (by its exact PTX name).
     *
     * @throws BackendException when the backend cannot tell: the driver failed for another reason than "no such entry"
     */
    boolean hasEntry(String entry) throws BackendException;

    /** Unloads the module; closing twice is harmless. */
    @Override
    void close() throws BackendException;
}
