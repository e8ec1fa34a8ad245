package dev.scanbench.harness.worker;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes written to it, for the report of a worker's stderr: a worker printing
 * without end costs a fixed amount of memory. Thread-safe.
 */
final class TailBuffer {

    private final byte[] ring;
    private long written;

    /** @param capacity how many of the latest bytes are kept */
    TailBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("tail capacity must be positive, not " + capacity);
        }
        ring = new byte[capacity];
    }

    synchronized void append(byte[] bytes, int offset, int length) {
        // Only the last ring.length bytes of a long write can survive it.
        int skip = Math.max(0, length - ring.length);
        written += skip;
        for (int i = offset + skip; i < offset + length; i++) {
            ring[(int) (written++ % ring.length)] = bytes[i];
        }
    }

    void append(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        append(bytes, 0, bytes.length);
    }

    /** @return the kept bytes as UTF-8, preceded by a note of how many earlier bytes were dropped */
    synchronized String text() {
        int kept = (int) Math.min(written, ring.length);
        byte[] bytes = new byte[kept];
        long first = written - kept;
        for (int i = 0; i < kept; i++) {
            bytes[i] = ring[(int) ((first + i) % ring.length)];
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return first == 0 ? text : "[... " + first + " earlier bytes dropped]\n" + text;
    }
}
