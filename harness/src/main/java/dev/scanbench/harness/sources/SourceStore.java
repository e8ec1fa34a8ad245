package dev.scanbench.harness.sources;

import java.io.IOException;
import java.util.Optional;

/**
 * A content-addressed store of kernel sources: an object's name is the SHA-256 of its bytes, so the same source is
 * stored once however often it is scored, and every read is checked against the name it was asked for.
 */
public interface SourceStore {

    /**
     * Stores a source unless an intact copy is already there.
     *
     * @param fileName the kernel's file name, recorded in the entry for a reader (not part of the object's name)
     * @param bytes    the file's content as scored
     * @return what the score log entry records about it
     * @throws IOException when the store cannot be written
     */
    StoredSource put(String fileName, byte[] bytes) throws IOException;

    /**
     * Reads a source and checks it hashes to {@code sha256}.
     *
     * @return the bytes, or empty when the store has no such object
     * @throws SourceCorruptedException when the object's bytes do not hash to its name (edited or damaged)
     * @throws IllegalArgumentException when {@code sha256} is not 64 lower-case hex digits
     * @throws IOException              when the store cannot be read
     */
    Optional<byte[]> read(String sha256) throws IOException, SourceCorruptedException;
}
