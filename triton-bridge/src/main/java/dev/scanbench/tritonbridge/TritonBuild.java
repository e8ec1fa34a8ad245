package dev.scanbench.tritonbridge;

import java.util.List;
import java.util.Optional;

/**
 * The compiled kernels of one Triton candidate.
 *
 * @param sourceFile    the candidate's path as the user gave it
 * @param sourceHash    SHA-256 (hex) of its source text
 * @param cacheKey      SHA-256 (hex) of source, path, kernel specs, bridge program and Triton version
 * @param tritonVersion the Triton release that compiled it
 * @param kernels       one per requested kernel, in request order
 * @param cached        true when served from the cache
 */
public record TritonBuild(String sourceFile, String sourceHash, String cacheKey, String tritonVersion,
                          List<TritonKernel> kernels, boolean cached) {

    public TritonBuild {
        kernels = List.copyOf(kernels);
    }

    /** The kernel of that name, if compiled. */
    public Optional<TritonKernel> kernel(String name) {
        return kernels.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /**
     * All kernels as one PTX module, so a candidate of several kernels loads as one module like a CUDA one.
     *
     * @throws TritonException when two kernels define the same module-level symbol differently
     */
    public String mergedPtx() throws TritonException {
        return PtxMerger.merge(sourceFile, kernels.stream().map(TritonKernel::ptx).toList());
    }

    /** The same build marked as served from the cache. */
    TritonBuild fromCache() {
        return new TritonBuild(sourceFile, sourceHash, cacheKey, tritonVersion, kernels, true);
    }
}
