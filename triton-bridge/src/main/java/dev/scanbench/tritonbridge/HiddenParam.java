package dev.scanbench.tritonbridge;

/**
 * A trailing pointer parameter Triton appends to every kernel and its launcher passes: {@code global_scratch}
 * and {@code profile_scratch} in Triton 3.8. When {@code bytesPerProgram} is 0 the launcher passes a null
 * pointer; otherwise it allocates {@code bytesPerProgram * gridX * gridY * gridZ} bytes aligned to
 * {@code align}, and so must the harness.
 *
 * @param name            Triton's name for it
 * @param bytesPerProgram bytes per program (per CTA), 0 when the kernel does not use it
 * @param align           required alignment in bytes
 */
public record HiddenParam(String name, long bytesPerProgram, int align) {

    /** True when the kernel reads or writes this scratch, so a real buffer must be passed. */
    public boolean needsBuffer() {
        return bytesPerProgram > 0;
    }
}
