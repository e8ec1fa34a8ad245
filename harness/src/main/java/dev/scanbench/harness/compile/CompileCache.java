package dev.scanbench.harness.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.ptx.PtxSignature;
import dev.scanbench.sandbox.SourceDigest;
import dev.scanbench.sandbox.seal.SealedStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled artifacts on disk, one sealed entry per cache key ({@code kernel.ptx}, {@code kernel.cubin},
 * {@code meta.json}) in a {@link SealedStore}: an entry is served only when its HMAC under this machine's key
 * holds, so no process without the key (a candidate in the sandbox never sees the cache or the key) can plant
 * or edit one; anything else is discarded and recompiled. The harness's own kernels live here under keys of
 * their own kind, so no candidate's entry can ever be served as theirs.
 */
public final class CompileCache {
    private static final int FORMAT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SealedStore store;

    /** @param root the cache folder (created on first store) */
    public CompileCache(java.nio.file.Path root) {
        this.store = new SealedStore(root);
    }

    /** A cache at {@link Defaults#cacheDirectory()}. */
    public static CompileCache atDefaultLocation() {
        return new CompileCache(Defaults.cacheDirectory());
    }

    /** The cache folder. */
    public java.nio.file.Path root() {
        return store.root();
    }

    /** On-disk form of an entry's metadata. */
    record Meta(int format, String key, String sourceFile, String sourceHash, String compilerRelease,
                List<String> flags, String log, Map<String, ResourceUsage> resources, List<SourceDigest> sources,
                Map<String, String> demangled) {
    }

    /**
     * The artifact stored under a key, if present and sealed.
     *
     * @throws IOException only when the cache folder itself cannot be read or cleaned
     */
    public Optional<Artifact> load(String key) throws IOException {
        Optional<Map<String, byte[]>> entry = store.load(key);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, byte[]> files = entry.get();
            Meta meta = JSON.readValue(files.get("meta.json"), Meta.class);
            String ptx = new String(files.get("kernel.ptx"), StandardCharsets.UTF_8);
            if (meta.format() == FORMAT && key.equals(meta.key()) && meta.resources() != null && meta.flags() != null
                    && meta.sources() != null && !meta.sources().isEmpty() && meta.demangled() != null) {
                return Optional.of(new Artifact(meta.sourceFile(), meta.sourceHash(), key, ptx, files.get("kernel.cubin"),
                        PtxSignature.parse(ptx).withDemangled(meta.demangled()), meta.resources(), meta.compilerRelease(), meta.flags(),
                        meta.log() == null ? "" : meta.log(), meta.sources(), true));
            }
        } catch (IOException | dev.scanbench.harness.ptx.PtxFormatException | RuntimeException e) {
            // Sealed by us but of another format (an older workbench): recompiled like a miss.
        }
        return Optional.empty();
    }

    /** Stores an artifact under its cache key; a concurrent store of the same key wins harmlessly. */
    public void store(Artifact a) throws IOException {
        Meta meta = new Meta(FORMAT, a.cacheKey(), a.sourceFile(), a.sourceHash(), a.compilerRelease(), a.flags(),
                a.log(), a.resources(), a.sources(), a.signature().demangled());
        store.store(a.cacheKey(), Map.of("kernel.ptx", a.ptx().getBytes(StandardCharsets.UTF_8),
                "kernel.cubin", a.cubin(), "meta.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta)));
    }
}
