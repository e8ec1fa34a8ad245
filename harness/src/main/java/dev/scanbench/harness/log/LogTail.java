package dev.scanbench.harness.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The end of a log file found by reading backwards from its end, so an append costs the same whatever the
 * log's length: the torn bytes after the last {@code '\n'} (if any) and the last complete line.
 *
 * @param completeLength length of the file up to and including its last {@code '\n'} (0 if none)
 * @param torn           bytes after the last {@code '\n'}: a line whose write was cut short (empty if none)
 * @param lastLine       the last complete line without its {@code '\n'}, or {@code null} if there is none
 */
record LogTail(long completeLength, byte[] torn, byte[] lastLine) {

    private static final int CHUNK_BYTES = 8192;

    /** Scans {@code log} from its end; reads only the last line and the torn bytes. */
    static LogTail scan(FileChannel log) throws IOException {
        long size = log.size();
        long lastNewline = lastNewlineBefore(log, size);
        byte[] torn = read(log, lastNewline + 1, size);
        if (lastNewline < 0) {
            return new LogTail(0, torn, null);
        }
        long previousNewline = lastNewlineBefore(log, lastNewline);
        return new LogTail(lastNewline + 1, torn, read(log, previousNewline + 1, lastNewline));
    }

    /** @return whether a torn line follows the last complete one */
    boolean hasTornBytes() {
        return torn.length > 0;
    }

    private static long lastNewlineBefore(FileChannel log, long end) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
        long chunkEnd = end;
        while (chunkEnd > 0) {
            long chunkStart = Math.max(0, chunkEnd - CHUNK_BYTES);
            chunk.clear().limit((int) (chunkEnd - chunkStart));
            readFully(log, chunk, chunkStart);
            for (int i = chunk.limit() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return chunkStart + i;
                }
            }
            chunkEnd = chunkStart;
        }
        return -1;
    }

    private static byte[] read(FileChannel log, long from, long to) throws IOException {
        long length = to - from;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a line of " + length + " bytes at offset " + from + " is too long to be an entry");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) length);
        readFully(log, bytes, from);
        return bytes.array();
    }

    private static void readFully(FileChannel log, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = log.read(into, at);
            if (n < 0) {
                throw new IOException("log shrank while it was locked for appending (offset " + at + ")");
            }
            at += n;
        }
    }
}
