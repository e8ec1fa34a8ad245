package dev.scanbench.harness.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines from a worker's stdout with a bound on their length: a candidate that prints megabytes without
 * a newline must not grow the parent's memory without end. The part of a line past the bound is dropped.
 */
final class LineSplitter {

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[8192];
    private int position;
    private int limit;

    LineSplitter(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** A line without its terminator, and whether bytes past the bound were dropped from it. */
    record Line(String text, boolean truncated) {
    }

    /** @return the next line, or null at the end of the stream */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean truncated = false;
        while (true) {
            if (position == limit) {
                limit = in.read(chunk);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.size() == 0 && !truncated ? null : finish(line, truncated);
                }
            }
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            int room = maxBytes - line.size();
            int length = position - start;
            line.write(chunk, start, Math.min(length, room));
            truncated |= length > room;
            if (position < limit) {
                position++;
                return finish(line, truncated);
            }
        }
    }

    private static Line finish(ByteArrayOutputStream line, boolean truncated) {
        return new Line(line.toString(StandardCharsets.UTF_8), truncated);
    }
}
