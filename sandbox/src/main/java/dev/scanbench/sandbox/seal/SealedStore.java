package dev.scanbench.sandbox.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Entries of named files on disk, one folder per key, each sealed with the store's {@link SealKey} (kept in the
 * store's folder as {@code .seal-key}, readable by its owner only). An entry appears atomically (written
 * to a temporary folder, then renamed), so a reader never sees half of one; every load re-checks the seal over
 * the key and every file's name and SHA-256, and an entry that fails (edited, added to, truncated, unsealed) is
 * removed and reported absent, so its content is made again rather than trusted.
 */
public final class SealedStore {
    private static final String SEAL_FILE = "seal";
    private static final String KEY_FILE = ".seal-key";
    private static final String FORMAT = "scanbench-sealed/1";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,199}");

    private final Path root;
    private SealKey key;

    /** @param root the store's folder (created on first use) */
    public SealedStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The store's folder. */
    public Path root() {
        return root;
    }

    /**
     * The files stored under {@code entryKey}, if present and their seal holds.
     *
     * @throws IOException only when the store itself cannot be read or cleaned
     */
    public Optional<Map<String, byte[]>> load(String entryKey) throws IOException {
        checkName(entryKey);
        Path dir = root.resolve(entryKey);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Map<String, byte[]> files = new TreeMap<>();
            String seal = null;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !NAME.matcher(name).matches()) {
                        throw new IOException("not an entry file: " + name);
                    }
                    if (name.equals(SEAL_FILE)) {
                        seal = Files.readString(p, StandardCharsets.US_ASCII).strip();
                    } else {
                        files.put(name, Files.readAllBytes(p));
                    }
                }
            }
            if (key().verify(seal, parts(entryKey, files))) {
                return Optional.of(files);
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or malformed: fall through and discard it.
        }
        discard(dir);
        return Optional.empty();
    }

    /**
     * Stores files under {@code entryKey}; a concurrent store of the same key wins harmlessly (its entry is
     * sealed too, and {@link #load} checks whichever is there).
     *
     * @param files file name to content; names are {@code [A-Za-z0-9_][A-Za-z0-9_.+-]*}, and not {@code seal}
     */
    public void store(String entryKey, Map<String, byte[]> files) throws IOException {
        checkName(entryKey);
        Map<String, byte[]> sorted = new TreeMap<>(files);
        for (String name : sorted.keySet()) {
            checkName(name);
            if (name.equals(SEAL_FILE)) {
                throw new IllegalArgumentException("'" + SEAL_FILE + "' is the store's own file name");
            }
        }
        Files.createDirectories(root);
        Path tmp = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
            for (Map.Entry<String, byte[]> f : sorted.entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            Files.writeString(tmp.resolve(SEAL_FILE), key().seal(parts(entryKey, sorted)) + "\n",
                    StandardCharsets.US_ASCII);
            Path target = root.resolve(entryKey);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("store folder " + root + " does not support atomic renames", e);
            } catch (FileSystemException e) {
                // Linux reports renaming onto a non-empty folder as "Directory not empty": another store of the
                // same key came first.
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private synchronized SealKey key() throws IOException {
        if (key == null) {
            key = SealKey.at(root.resolve(KEY_FILE));
        }
        return key;
    }

    /** What the seal covers: the format, the entry's key, and each file's name and SHA-256 in name order. */
    private static List<byte[]> parts(String entryKey, Map<String, byte[]> sortedFiles) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(FORMAT.getBytes(StandardCharsets.US_ASCII));
        parts.add(entryKey.getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, byte[]> f : sortedFiles.entrySet()) {
            parts.add(f.getKey().getBytes(StandardCharsets.US_ASCII));
            parts.add(sha256(f.getValue()));
        }
        return parts;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.equals(KEY_FILE)) {
            throw new IllegalArgumentException("not a store name: '" + name + "'");
        }
    }

    private void discard(Path dir) throws IOException {
        // Renamed away first, so the key is free at once even if deleting the content fails.
        Path trash = root.resolve(".trash-" + UUID.randomUUID());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        deleteTree(trash);
    }

    private static void deleteTree(Path dir) {
        dev.scanbench.sandbox.WorkDir.deleteTree(dir);
    }

    /** The hex SHA-256 of bytes, as the store's seal covers them (for callers that record hashes). */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }
}
