package dev.scanbench.harness.backend;

/** A module loaded into a backend; closing it unloads it. */
public interface LoadedModule extends AutoCloseable {

    /** True when the module defines that entry (by its exact PTX name). */
    boolean hasEntry(String entry);

    /** Unloads the module; closing twice is harmless. */
    @Override
    void close() throws BackendException;
}
