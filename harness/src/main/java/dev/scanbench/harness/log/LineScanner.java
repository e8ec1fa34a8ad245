package dev.scanbench.harness.log;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the lines of a file as raw bytes, split on {@code '\n'} only. Bytes rather than a
 * {@link java.io.BufferedReader}: the hash is over the stored bytes, and a stray {@code '\r'} must not start
 * a new line (the appender's tail scan splits on {@code '\n'} only, and both must agree on line numbers).
 */
final class LineScanner implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;
    private long lineNumber;
    private boolean terminated = true;

    LineScanner(InputStream in) {
        this.in = in;
    }

    /** @return the next line without its {@code '\n'}, or {@code null} at the end of the file */
    byte[] next() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line.size() == 0) {
                        return null;
                    }
                    terminated = false;
                    lineNumber++;
                    return line.toByteArray();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (position < limit) {
                position++;
                terminated = true;
                lineNumber++;
                return line.toByteArray();
            }
        }
    }

    /** @return whether the line last returned ended with {@code '\n'}; false only for a torn last line */
    boolean terminated() {
        return terminated;
    }

    /** @return the 1-based number of the line last returned */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
