package dev.scanbench.harness.backend;

import java.util.Arrays;

/**
 * A kernel's parameter values laid out as the PTX parameter space expects them: each value little-endian
 * at an offset aligned to its parameter's alignment. Backends that take one pointer per parameter (the
 * JCuda {@code kernelParams} form) use {@link #value(int)}; those that take the whole buffer (the driver's
 * {@code CU_LAUNCH_PARAM_BUFFER_POINTER}, the emulator's param space) use {@link #buffer()}.
 */
public final class PackedParams {
    private final byte[] buffer;
    private final int[] offsets;
    private final int[] sizes;

    PackedParams(byte[] buffer, int[] offsets, int[] sizes) {
        this.buffer = buffer;
        this.offsets = offsets;
        this.sizes = sizes;
    }

    /** The number of parameters. */
    public int count() {
        return offsets.length;
    }

    /** A copy of the whole parameter buffer. */
    public byte[] buffer() {
        return buffer.clone();
    }

    /** The byte offset of parameter i in the buffer. */
    public int offset(int i) {
        return offsets[i];
    }

    /** A copy of the bytes of parameter i. */
    public byte[] value(int i) {
        return Arrays.copyOfRange(buffer, offsets[i], offsets[i] + sizes[i]);
    }

    /** The buffer as hex bytes, for messages and tests. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (byte b : buffer) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}
