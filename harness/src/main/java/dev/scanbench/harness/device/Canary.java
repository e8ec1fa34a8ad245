package dev.scanbench.harness.device;

import dev.scanbench.baseline.input.InputGenerator;

/**
 * The canary the harness writes into the output before each candidate run ({@code wb_fill_canary}): element
 * {@code i} holds the high 32 bits of {@code InputGenerator.hash64(seed, i)}. Different per element and per
 * iteration, so an element that still holds it after the run was almost certainly never written.
 */
public final class Canary {
    private Canary() {
    }

    /** The canary value at index {@code i} for this seed, as the device kernel writes it. */
    public static int value(long seed, long i) {
        return (int) (InputGenerator.hash64(seed, i) >>> 32);
    }
}
