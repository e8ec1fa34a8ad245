package dev.scanbench.tritonbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Compiled Triton candidates on disk, one folder per cache key with {@code build.json} and each kernel's
 * {@code .ptx} and {@code .cubin}: the harness's compile cache discipline (atomic appearance by rename, hashes
 * re-checked on every read, a damaged entry discarded and recompiled, never trusted).
 */
public final class TritonCache {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    /** @param root the cache folder (created on first store) */
    public TritonCache(Path root) {
        this.root = root;
    }

    /** A cache at {@link TritonDefaults#cacheDirectory()}. */
    public static TritonCache atDefaultLocation() {
        return new TritonCache(TritonDefaults.cacheDirectory());
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** On-disk form of one kernel's facts. */
    record KernelMeta(String name, int numWarps, int threadsPerBlock, long sharedBytes,
                      Map<String, Object> constexprs, List<String> runtimeParams, List<String> signature,
                      List<HiddenParam> hiddenParams, String ptxSha256, String cubinSha256) {
    }

    /** On-disk form of a build. */
    record Meta(int format, String key, String sourceFile, String sourceHash, String tritonVersion,
                List<KernelMeta> kernels) {
    }

    /** The build stored under a key, if present and intact. */
    public Optional<TritonBuild> load(String key) throws IOException {
        Path dir = root.resolve(key);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            Meta meta = JSON.readValue(dir.resolve("build.json").toFile(), Meta.class);
            if (meta.format() == FORMAT && key.equals(meta.key()) && meta.kernels() != null) {
                List<TritonKernel> kernels = new ArrayList<>();
                for (KernelMeta k : meta.kernels()) {
                    String ptx = Files.readString(dir.resolve(k.name() + ".ptx"), StandardCharsets.UTF_8);
                    byte[] cubin = Files.readAllBytes(dir.resolve(k.name() + ".cubin"));
                    if (!Hashes.sha256(ptx).equals(k.ptxSha256()) || !Hashes.sha256(cubin).equals(k.cubinSha256())) {
                        throw new IOException("hash mismatch");
                    }
                    kernels.add(new TritonKernel(k.name(), ptx, cubin, k.numWarps(), k.threadsPerBlock(),
                            k.sharedBytes(), k.constexprs(), k.runtimeParams(), k.signature(), k.hiddenParams()));
                }
                return Optional.of(new TritonBuild(meta.sourceFile(), meta.sourceHash(), key, meta.tritonVersion(),
                        kernels, true));
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable, truncated or tampered: fall through and discard it.
        }
        discard(dir);
        return Optional.empty();
    }

    /** Stores a build under its cache key; a concurrent store of the same key wins harmlessly. */
    public void store(TritonBuild build) throws IOException {
        Files.createDirectories(root);
        Path tmp = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
            List<KernelMeta> kernels = new ArrayList<>();
            for (TritonKernel k : build.kernels()) {
                byte[] cubin = k.cubin();
                Files.writeString(tmp.resolve(k.name() + ".ptx"), k.ptx(), StandardCharsets.UTF_8);
                Files.write(tmp.resolve(k.name() + ".cubin"), cubin);
                kernels.add(new KernelMeta(k.name(), k.numWarps(), k.threadsPerBlock(), k.sharedBytes(),
                        k.constexprs(), k.runtimeParams(), k.signature(), k.hiddenParams(),
                        Hashes.sha256(k.ptx()), Hashes.sha256(cubin)));
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("build.json").toFile(),
                    new Meta(FORMAT, build.cacheKey(), build.sourceFile(), build.sourceHash(), build.tritonVersion(),
                            kernels));
            Path target = root.resolve(build.cacheKey());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cache folder " + root + " does not support atomic renames", e);
            } catch (FileSystemException e) {
                // Renaming onto a non-empty folder: another store of the same key came first; load re-checks it.
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private void discard(Path dir) throws IOException {
        Path trash = root.resolve(".trash-" + UUID.randomUUID());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        deleteTree(trash);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
