package dev.scanbench.tritonbridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to compile one Triton kernel, as its {@code # @plan triton} directive states it (or as the harness
 * completes it from the launch arguments).
 *
 * @param name        the {@code @triton.jit} function's name
 * @param signature   Triton types ({@code *i32}, {@code i32}, ...) of the runtime parameters in order (every
 *                    parameter that is not a constexpr); empty when the directive does not state them
 * @param constexprs  constexpr parameter values by name, in the order written
 * @param numWarps    warps per program (threads per block = 32 * numWarps)
 * @param numStages   Triton's pipelining depth
 * @param line        the directive's 1-based line, 0 for a kernel without a directive
 */
public record KernelSpec(String name, List<String> signature, Map<String, Long> constexprs, int numWarps,
                         int numStages, int line) {

    public KernelSpec {
        signature = List.copyOf(signature);
        constexprs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constexprs));
    }

    /** A kernel with no directive: no constexpr values, Triton's default warps and stages, no signature yet. */
    public static KernelSpec defaults(String name) {
        return new KernelSpec(name, List.of(), Map.of(), TritonDefaults.NUM_WARPS, TritonDefaults.NUM_STAGES, 0);
    }

    /** True when the directive states the signature. */
    public boolean hasSignature() {
        return !signature.isEmpty();
    }

    /** The same spec with this signature. */
    public KernelSpec withSignature(List<String> types) {
        return new KernelSpec(name, types, constexprs, numWarps, numStages, line);
    }

    /** The directive in canonical form, for messages and logs. */
    public String render() {
        StringBuilder sb = new StringBuilder("@plan triton ").append(name).append(" num_warps=").append(numWarps)
                .append(" num_stages=").append(numStages);
        if (hasSignature()) {
            sb.append(" signature=(").append(String.join(", ", signature)).append(')');
        }
        if (!constexprs.isEmpty()) {
            StringBuilder c = new StringBuilder();
            constexprs.forEach((k, v) -> c.append(c.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            sb.append(" constexprs=(").append(c).append(')');
        }
        return sb.toString();
    }
}
