package dev.scanbench.harness.measure;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.backend.Backend;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.DeviceBuffer;

/**
 * Evicts the candidate's data from the L2 before a cold sample by writing a buffer of at least twice the L2
 * size. Owns that buffer; close it (try-with-resources) to free it.
 */
public final class L2Flush implements AutoCloseable {
    private final Backend backend;
    private final DeviceBuffer buffer;
    private int generation;

    private L2Flush(Backend backend, DeviceBuffer buffer) {
        this.backend = backend;
        this.buffer = buffer;
    }

    /**
     * Allocates the flush buffer: {@link Defaults#L2_FLUSH_FACTOR} times {@code l2Bytes}, rounded up to whole
     * 32-bit words.
     *
     * @param l2Bytes the device's L2 size (e.g. from CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE), or
     *                {@link Defaults#H100_L2_BYTES} when the device does not say
     * @throws IllegalArgumentException when {@code l2Bytes} is not positive
     * @throws BackendException         when the allocation fails
     */
    public static L2Flush allocate(Backend backend, long l2Bytes) throws BackendException {
        if (l2Bytes <= 0) {
            throw new IllegalArgumentException("L2 size must be positive, got " + l2Bytes);
        }
        long bytes = Math.multiplyExact(l2Bytes, Defaults.L2_FLUSH_FACTOR);
        return new L2Flush(backend, backend.allocate((bytes + 3) & ~3L));
    }

    /** @return the size of the flush buffer in bytes */
    public long bytes() {
        return buffer.bytes();
    }

    /**
     * Enqueues the flush: every word of the buffer is set to a value that differs from the previous flush, so
     * that no driver or memory controller shortcut for rewriting unchanged data can skip the writes.
     * Does not synchronise; the sampler's preparation does that once for all of its steps.
     *
     * @throws BackendException when the fill fails
     */
    public void flush() throws BackendException {
        generation++;
        // An odd multiplier keeps consecutive generations distinct for 2^32 flushes.
        backend.fill32(buffer, generation * 0x9E3779B1);
    }

    /** Frees the flush buffer. */
    @Override
    public void close() throws BackendException {
        buffer.close();
    }
}
