package dev.scanbench.harness.backend;

import java.util.Optional;

/**
 * What a backend can load for one candidate: its PTX, its cubin, or both. The CUDA backend prefers the
 * cubin (no JIT at load time); the emulator runs PTX only and refuses an image without it, saying so.
 *
 * @param ptx   the PTX text, if any
 * @param cubin the sm_90a cubin, if any
 */
public record ModuleImage(Optional<String> ptx, Optional<byte[]> cubin) {

    public ModuleImage {
        if (ptx.isEmpty() && cubin.isEmpty()) {
            throw new IllegalArgumentException("a module image needs PTX or a cubin");
        }
        cubin = cubin.map(byte[]::clone);
    }

    /** An image with both forms, as nvcc compilation produces. */
    public static ModuleImage of(String ptx, byte[] cubin) {
        return new ModuleImage(Optional.of(ptx), Optional.of(cubin));
    }

    /** A cubin-only image (a {@code .cubin} candidate). */
    public static ModuleImage ofCubin(byte[] cubin) {
        return new ModuleImage(Optional.empty(), Optional.of(cubin));
    }

    /** A copy of the cubin, if any. */
    @Override
    public Optional<byte[]> cubin() {
        return cubin.map(byte[]::clone);
    }
}
