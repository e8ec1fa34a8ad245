package dev.scanbench.tritonbridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled Triton kernel: its PTX and cubin (from Triton's bundled ptxas) and what a launcher needs.
 *
 * @param name            the PTX entry name (the Python function's name)
 * @param ptx             the PTX module, one entry
 * @param cubin           Triton's sm_90a cubin of that PTX
 * @param numWarps        warps per program
 * @param threadsPerBlock {@code 32 * numWarps}: the only block size the kernel is correct for
 * @param sharedBytes     dynamic shared memory per block the launch must pass (Triton's {@code shared})
 * @param constexprs      the constexpr values compiled in, by parameter name
 * @param runtimeParams   the runtime parameters' names, in PTX order
 * @param signature       their Triton types, in the same order
 * @param hiddenParams    the trailing parameters after the runtime ones, in PTX order
 */
public record TritonKernel(String name, String ptx, byte[] cubin, int numWarps, int threadsPerBlock,
                           long sharedBytes, Map<String, Object> constexprs, List<String> runtimeParams,
                           List<String> signature, List<HiddenParam> hiddenParams) {

    public TritonKernel {
        cubin = cubin.clone();
        constexprs = Collections.unmodifiableMap(new LinkedHashMap<>(constexprs));
        runtimeParams = List.copyOf(runtimeParams);
        signature = List.copyOf(signature);
        hiddenParams = List.copyOf(hiddenParams);
    }

    /** A copy of the cubin bytes. */
    @Override
    public byte[] cubin() {
        return cubin.clone();
    }
}
