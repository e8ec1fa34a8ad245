package dev.scanbench.harness.backend;

/**
 * A device allocation. Closing it frees the memory; use it with try-with-resources so every path frees it.
 */
public interface DeviceBuffer extends AutoCloseable {

    /** The device virtual address, as passed to kernels in pointer parameters. */
    long address();

    /** The size in bytes. */
    long bytes();

    /** Frees the allocation; closing twice is harmless. */
    @Override
    void close() throws BackendException;
}
