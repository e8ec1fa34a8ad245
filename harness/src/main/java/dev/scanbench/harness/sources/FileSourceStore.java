package dev.scanbench.harness.sources;

import dev.scanbench.harness.compile.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link SourceStore} in a directory (beside the score log: {@code scores.jsonl.sources/}), one file per object
 * at {@code ab/abcdef...} (git's two-character fan-out). An object is written to a temporary file, flushed and
 * renamed into place, so a crash never leaves a partial object under a real name; concurrent writers of the
 * same source write the same bytes, so whichever rename lands last is as good as the first.
 */
public final class FileSourceStore implements SourceStore {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;

    /** @param directory the store's root; created on the first put */
    public FileSourceStore(Path directory) {
        this.directory = directory;
    }

    /** @return the store's root directory */
    public Path directory() {
        return directory;
    }

    /** @return the file an object is (or would be) stored in */
    public Path objectFile(String sha256) {
        requireHash(sha256);
        return directory.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public StoredSource put(String fileName, byte[] bytes) throws IOException {
        String hash = Sha256.hex(bytes);
        Path target = objectFile(hash);
        StoredSource stored = new StoredSource(hash, bytes.length, fileName);
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return stored;
        }
        // Missing, or damaged: the name says what the content must be, so a damaged object is rewritten whole.
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + hash.substring(0, 8), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return stored;
    }

    @Override
    public Optional<byte[]> read(String sha256) throws IOException, SourceCorruptedException {
        Path file = objectFile(sha256);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        String actual = Sha256.hex(bytes);
        if (!actual.equals(sha256)) {
            throw new SourceCorruptedException(file, file + ": stored source hashes to " + actual
                    + ", not to its name " + sha256 + " (edited or damaged after it was stored)");
        }
        return Optional.of(bytes);
    }

    private static void requireHash(String sha256) {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
        }
    }
}
