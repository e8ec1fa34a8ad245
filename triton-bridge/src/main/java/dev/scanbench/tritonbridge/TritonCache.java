package dev.scanbench.tritonbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.sandbox.SourceDigest;
import dev.scanbench.sandbox.seal.SealedStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled Triton candidates on disk, one sealed entry per cache key with {@code build.json} and each kernel's
 * {@code .ptx} and {@code .cubin}, in a {@link SealedStore}: the harness's compile cache discipline (atomic
 * appearance, the seal re-checked on every read, anything unsealed or edited discarded and recompiled, never
 * trusted). The Triton compile itself runs in the sandbox and never sees this folder.
 */
public final class TritonCache {
    private static final int FORMAT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SealedStore store;

    /** @param root the cache folder (created on first store) */
    public TritonCache(Path root) {
        this.store = new SealedStore(root);
    }

    /** A cache at {@link TritonDefaults#cacheDirectory()}. */
    public static TritonCache atDefaultLocation() {
        return new TritonCache(TritonDefaults.cacheDirectory());
    }

    /** The cache folder. */
    public Path root() {
        return store.root();
    }

    /** On-disk form of one kernel's facts. */
    record KernelMeta(String name, int numWarps, int threadsPerBlock, long sharedBytes,
                      Map<String, Object> constexprs, List<String> runtimeParams, List<String> signature,
                      List<HiddenParam> hiddenParams) {
    }

    /** On-disk form of a build. */
    record Meta(int format, String key, String sourceFile, String sourceHash, String tritonVersion,
                List<KernelMeta> kernels, List<SourceDigest> sources) {
    }

    /**
     * The build stored under a key, if present and sealed.
     *
     * @throws IOException only when the cache folder itself cannot be read or cleaned
     */
    public Optional<TritonBuild> load(String key) throws IOException {
        Optional<Map<String, byte[]>> entry = store.load(key);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, byte[]> files = entry.get();
            Meta meta = JSON.readValue(files.get("build.json"), Meta.class);
            if (meta.format() == FORMAT && key.equals(meta.key()) && meta.kernels() != null && meta.sources() != null) {
                List<TritonKernel> kernels = new ArrayList<>();
                for (KernelMeta k : meta.kernels()) {
                    kernels.add(new TritonKernel(k.name(), new String(files.get(k.name() + ".ptx"),
                            StandardCharsets.UTF_8), files.get(k.name() + ".cubin"), k.numWarps(), k.threadsPerBlock(),
                            k.sharedBytes(), k.constexprs(), k.runtimeParams(), k.signature(), k.hiddenParams()));
                }
                return Optional.of(new TritonBuild(meta.sourceFile(), meta.sourceHash(), key, meta.tritonVersion(),
                        kernels, meta.sources(), true));
            }
        } catch (IOException | RuntimeException e) {
            // Sealed by us but of another format (an older workbench): recompiled like a miss.
        }
        return Optional.empty();
    }

    /** Stores a build under its cache key; a concurrent store of the same key wins harmlessly. */
    public void store(TritonBuild build) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<KernelMeta> kernels = new ArrayList<>();
        for (TritonKernel k : build.kernels()) {
            files.put(k.name() + ".ptx", k.ptx().getBytes(StandardCharsets.UTF_8));
            files.put(k.name() + ".cubin", k.cubin());
            kernels.add(new KernelMeta(k.name(), k.numWarps(), k.threadsPerBlock(), k.sharedBytes(),
                    k.constexprs(), k.runtimeParams(), k.signature(), k.hiddenParams()));
        }
        files.put("build.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Meta(FORMAT,
                build.cacheKey(), build.sourceFile(), build.sourceHash(), build.tritonVersion(), kernels,
                build.sources())));
        store.store(build.cacheKey(), files);
    }
}
