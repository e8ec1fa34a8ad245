package dev.scanbench.harness.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sibling {@code PATH.head} file: {@code {"count":N,"hash":"<hash of entry N-1>"}}. A hash chain alone
 * cannot show that its last entries were cut off; the head records how long the chain was, so a shorter log
 * stands out. Rewritten atomically (temporary file, then rename) under the append lock.
 *
 * @param count number of entries in the log
 * @param hash  hash of the last entry, or 64 zeros when {@code count} is 0
 */
record HeadFile(long count, String hash) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** The head of an empty log. */
    static final HeadFile EMPTY = new HeadFile(0, EntryCodec.ZERO_HASH);

    /** @return the head of a log whose last entry is {@code last} */
    static HeadFile after(LogEntry last) {
        return new HeadFile(last.seq() + 1, last.hash());
    }

    /**
     * @return the recorded head, or empty if the file does not exist
     * @throws LogCorruptedException if it exists but does not hold a head
     */
    static Optional<HeadFile> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode node = EntryCodec.mapper().readTree(bytes);
            JsonNode count = node == null ? null : node.get("count");
            JsonNode hash = node == null ? null : node.get("hash");
            if (count != null && count.isIntegralNumber() && count.canConvertToLong() && count.longValue() >= 0
                    && hash != null && hash.isTextual() && HEX64.matcher(hash.textValue()).matches()) {
                return Optional.of(new HeadFile(count.longValue(), hash.textValue()));
            }
        } catch (IOException e) {
            // reported below: any unreadable content is the same failure for the caller
        }
        throw new LogCorruptedException(file, file + ": not a head record {\"count\":N,\"hash\":\"<64 hex>\"}");
    }

    /** Atomically replaces {@code file} with this head, flushed to disk before the rename. */
    void write(Path file) throws IOException {
        ObjectNode node = EntryCodec.mapper().createObjectNode().put("count", count).put("hash", hash);
        byte[] bytes = (CanonicalJson.write(node) + "\n").getBytes(StandardCharsets.UTF_8);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return e.g. {@code 12 entries ending 3fa2b1c0...} */
    String describe() {
        return count + " entries ending " + hash.substring(0, 12) + "...";
    }
}
