package dev.scanbench.sandbox.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit HMAC-SHA256 key kept in one file, readable by its owner only, created on first use. Two processes
 * creating it at once agree on one key (the file appears by a hard link, which never replaces). A file that is
 * not a key, or that others may read, is replaced by a fresh key: everything sealed under the old one then
 * fails its check and is redone, never trusted.
 */
public final class SealKey {
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] key;

    private SealKey(byte[] key) {
        this.key = key;
    }

    /**
     * Loads the key at {@code file}, creating it (and its folder) when missing or unusable.
     *
     * @throws IOException when the file cannot be read or written
     */
    public static SealKey at(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] existing = read(file);
            if (existing != null) {
                return new SealKey(existing);
            }
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + UUID.randomUUID());
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.writeString(tmp, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    // Unusable (garbled, or readable by others): replaced, so nothing sealed under it counts.
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return new SealKey(fresh);
                }
                try {
                    Files.createLink(file, tmp);
                    return new SealKey(fresh);
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it first: use theirs (next attempt reads it).
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        throw new IOException("cannot settle on a seal key at " + file);
    }

    /** The key in the file, or null when there is none or it is unusable. */
    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))) {
            return null;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9a-f]{" + (2 * KEY_BYTES) + "}")) {
            return null;
        }
        return HexFormat.of().parseHex(text);
    }

    /**
     * The seal of a sequence of byte strings: HMAC-SHA256 over each one's length and bytes (so no two different
     * sequences share an input), in hex.
     */
    public String seal(List<byte[]> parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            // Every Java platform is required to provide HmacSHA256.
            throw new IllegalStateException(e);
        }
    }

    /** @return true when {@code seal} is the seal of {@code parts}; compared in constant time */
    public boolean verify(String seal, List<byte[]> parts) {
        return seal != null && MessageDigest.isEqual(seal(parts).getBytes(StandardCharsets.US_ASCII),
                seal.getBytes(StandardCharsets.US_ASCII));
    }
}
