package dev.scanbench.harness.log;

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
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * The key that signs a score log's entries: an Ed25519 key pair (from the JDK) in one file readable by its owner
 * only, created on first use. The file holds the private key (PEM "PRIVATE KEY", PKCS#8) and then its public key
 * (PEM "PUBLIC KEY"), because the JDK cannot derive the one from the other; {@code FILE.pub} beside it holds the
 * public key alone, for reviewers and {@code workbench log verify --public-key}.
 *
 * <p>Unlike the seal key of a cache, a signing key is an identity: a file that others may read, or that is not a
 * key, is refused (never silently replaced, which would change whose signature the log carries).
 */
public final class LogSigningKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final Path file;
    private final PrivateKey key;
    private final LogPublicKey publicKey;

    private LogSigningKey(Path file, PrivateKey key, LogPublicKey publicKey) {
        this.file = file;
        this.key = key;
        this.publicKey = publicKey;
    }

    /**
     * Loads the key at {@code file}, generating it (and its folder, owner-only) when there is none, and writes
     * {@code FILE.pub} when it is missing.
     *
     * @throws IOException              if the file cannot be read or written
     * @throws IllegalArgumentException if the file is not a signing key, is a link, or others may read it; the
     *                                  message names the file and the fix
     */
    public static LogSigningKey at(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                LogSigningKey k = load(path);
                k.writePublicKeyIfMissing();
                return k;
            }
            KeyPair pair = generate();
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp-" + UUID.randomUUID());
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                LogPublicKey pub = new LogPublicKey(pair.getPublic());
                Files.writeString(tmp, pem(pair.getPrivate()) + pub.pem(), StandardCharsets.US_ASCII);
                try {
                    // A hard link never replaces: two processes creating the key at once agree on one.
                    Files.createLink(path, tmp);
                } catch (FileAlreadyExistsException raced) {
                    continue;
                }
                LogSigningKey k = new LogSigningKey(path, pair.getPrivate(), pub);
                k.writePublicKeyIfMissing();
                return k;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        throw new IOException("cannot settle on a signing key at " + path);
    }

    /** @return the key file */
    public Path file() {
        return file;
    }

    /** @return {@code FILE.pub}, the public key alone */
    public Path publicKeyFile() {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    /** @return the public half */
    public LogPublicKey publicKey() {
        return publicKey;
    }

    /** @return the 128-hex-digit signature of the entry whose hash is {@code hash} */
    String sign(String hash) {
        try {
            Signature s = Signature.getInstance(EntrySignature.ALGORITHM);
            s.initSign(key);
            s.update(EntrySignature.message(hash));
            return HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    private static LogSigningKey load(Path path) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(path + ": the signing key must be a regular file, not a link or"
                    + " a folder");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(mode)) {
            throw new IllegalArgumentException(path + ": the signing key may be read by others (mode "
                    + PosixFilePermissions.toString(mode) + "); anyone who can read it can sign entries."
                    + " Run: chmod 600 " + path);
        }
        String text = Files.readString(path, StandardCharsets.US_ASCII);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(path + ": not a signing key (no '" + BEGIN + "' block)");
        }
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(EntrySignature.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end).strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(path + ": not an Ed25519 private key: " + e.getMessage(), e);
        }
        LogPublicKey pub = LogPublicKey.parse(text.substring(end + END.length()), path.toString());
        LogSigningKey k = new LogSigningKey(path, key, pub);
        // The two halves must belong together, or every entry signed would fail its check.
        String probe = "0".repeat(64);
        if (!pub.verifies(probe, k.sign(probe))) {
            throw new IllegalArgumentException(path + ": its public key is not the private key's");
        }
        return k;
    }

    private void writePublicKeyIfMissing() throws IOException {
        Path pub = publicKeyFile();
        if (Files.exists(pub, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path tmp = pub.resolveSibling(pub.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.writeString(tmp, publicKey.pem(), StandardCharsets.US_ASCII);
        Files.move(tmp, pub, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(EntrySignature.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from the JDK", e);
        }
    }

    private static String pem(PrivateKey key) {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n"
                + END + "\n";
    }
}
