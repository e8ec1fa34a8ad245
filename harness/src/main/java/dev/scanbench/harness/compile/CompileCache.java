package dev.scanbench.harness.compile;

import dev.scanbench.harness.Defaults;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Compiled artifacts on disk, one folder per cache key holding {@code kernel.ptx}, {@code kernel.cubin} and
 * {@code meta.json}. Entries appear atomically (written to a temporary folder, then renamed), so a reader
 * never sees half an entry; every read re-checks the recorded hashes, and an entry that fails any check is
 * removed and reported absent, so it is recompiled rather than trusted.
 */
public final class CompileCache {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    /** @param root the cache folder (created on first store) */
    public CompileCache(Path root) {
        this.root = root;
    }

    /** A cache at {@link Defaults#cacheDirectory()}. */
    public static CompileCache atDefaultLocation() {
        return new CompileCache(Defaults.cacheDirectory());
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** On-disk form of an entry's metadata. */
    record Meta(int format, String key, String sourceFile, String sourceHash, String compilerRelease,
                List<String> flags, String log, Map<String, ResourceUsage> resources,
                String ptxSha256, String cubinSha256) {
    }

    /**
     * The artifact stored under a key, if present and intact.
     *
     * @throws IOException only when the cache folder itself cannot be read or cleaned
     */
    public Optional<Artifact> load(String key) throws IOException {
        Path dir = root.resolve(key);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            Meta meta = JSON.readValue(dir.resolve("meta.json").toFile(), Meta.class);
            String ptx = Files.readString(dir.resolve("kernel.ptx"), StandardCharsets.UTF_8);
            byte[] cubin = Files.readAllBytes(dir.resolve("kernel.cubin"));
            boolean intact = meta.format() == FORMAT && key.equals(meta.key())
                    && Sha256.hex(ptx).equals(meta.ptxSha256()) && Sha256.hex(cubin).equals(meta.cubinSha256())
                    && meta.resources() != null && meta.flags() != null;
            if (intact) {
                return Optional.of(new Artifact(meta.sourceFile(), meta.sourceHash(), key, ptx, cubin,
                        PtxSignature.parse(ptx), meta.resources(), meta.compilerRelease(), meta.flags(),
                        meta.log() == null ? "" : meta.log(), true));
            }
        } catch (IOException | PtxFormatException | RuntimeException e) {
            // Unreadable, truncated or tampered: fall through and discard it.
        }
        discard(dir);
        return Optional.empty();
    }

    /** Stores an artifact under its cache key; a concurrent store of the same key wins harmlessly. */
    public void store(Artifact a) throws IOException {
        Files.createDirectories(root);
        Path tmp = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
            Files.writeString(tmp.resolve("kernel.ptx"), a.ptx(), StandardCharsets.UTF_8);
            byte[] cubin = a.cubin();
            Files.write(tmp.resolve("kernel.cubin"), cubin);
            Meta meta = new Meta(FORMAT, a.cacheKey(), a.sourceFile(), a.sourceHash(), a.compilerRelease(), a.flags(),
                    a.log(), a.resources(), Sha256.hex(a.ptx()), Sha256.hex(cubin));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("meta.json").toFile(), meta);
            Path target = root.resolve(a.cacheKey());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cache folder " + root + " does not support atomic renames", e);
            } catch (FileSystemException e) {
                // Linux reports renaming onto a non-empty folder as a plain "Directory not empty". Either way,
                // another store of the same key came first, and its entry is as good as ours (load re-checks it).
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
        } finally {
            TempFiles.deleteTree(tmp);
        }
    }

    private void discard(Path dir) throws IOException {
        // Renamed away first, so the key is free at once even if deleting the content fails.
        Path trash = root.resolve(".trash-" + UUID.randomUUID());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        TempFiles.deleteTree(trash);
    }
}
