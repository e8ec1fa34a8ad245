package dev.scanbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a service keeps its state, one folder readable by its owner only (default {@code ~/.workbench/service}):
 * <ul>
 *   <li>{@code scores.jsonl} and its siblings: the store, the JSONL score log;</li>
 *   <li>{@code signing-key} (and {@code signing-key.pub}): the Ed25519 key every entry is signed with;</li>
 *   <li>{@code tokens.json}: the clients' API tokens, by SHA-256 only; {@code admin-token}: the admin token made
 *       at first start, in clear, for {@code workbench submit} on this machine;</li>
 *   <li>{@code submissions/ID/}: each submission's request, source, state and result.</li>
 * </ul>
 * No sandbox binds it, so no candidate sees any of it.
 */
public final class ServiceHome {
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path root;

    private ServiceHome(Path root) {
        this.root = root;
    }

    /** @return the default folder, {@code ~/.workbench/service} */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".workbench", "service");
    }

    /**
     * Opens the folder, creating it owner-only when missing.
     *
     * @throws IOException              when it cannot be created or read
     * @throws IllegalArgumentException when it is not a folder, or others may enter it (the message says the fix)
     */
    public static ServiceHome open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": the service's state folder is not a folder");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (!OWNER_ONLY_DIR.containsAll(mode)) {
            throw new IllegalArgumentException(dir + ": the service's state folder may be entered by others (mode "
                    + PosixFilePermissions.toString(mode) + "); it holds the signing key and the tokens. Run: chmod 700 "
                    + dir);
        }
        Files.createDirectories(dir.resolve("submissions"));
        return new ServiceHome(dir);
    }

    /** @return the folder */
    public Path root() {
        return root;
    }

    /** @return the score log the service appends to */
    public Path log() {
        return root.resolve("scores.jsonl");
    }

    /** @return the signing key file */
    public Path signingKey() {
        return root.resolve("signing-key");
    }

    /** @return the hashed tokens */
    public Path tokens() {
        return root.resolve("tokens.json");
    }

    /** @return the admin token in clear, owner-only */
    public Path adminToken() {
        return root.resolve("admin-token");
    }

    /** @return the folder of the submissions */
    public Path submissions() {
        return root.resolve("submissions");
    }
}
