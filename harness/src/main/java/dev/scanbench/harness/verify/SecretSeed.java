package dev.scanbench.harness.verify;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.harness.compile.Sha256;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The secret a verification run draws its inputs from: 64 bits of {@link SecureRandom}, unknown to the
 * candidate. Until the run ends only its SHA-256 is shown (and logged), so nobody can precompute the
 * inputs; afterwards {@link #reveal()} lets anyone regenerate them and check the hash.
 */
public final class SecretSeed {
    private final long value;

    private SecretSeed(long value) {
        this.value = value;
    }

    /** A fresh secret from the platform's strong random source. */
    public static SecretSeed fresh() {
        return new SecretSeed(new SecureRandom().nextLong());
    }

    /** A given secret, to replay a revealed run. */
    public static SecretSeed of(long value) {
        return new SecretSeed(value);
    }

    /** SHA-256 (hex) of the seed's 8 bytes, big-endian: safe to show before the run ends. */
    public String sha256() {
        return Sha256.hex(ByteBuffer.allocate(8).putLong(value).array());
    }

    /** The seed in hex, for the report once the run has ended. */
    public String reveal() {
        return String.format("%016x", value);
    }

    /** A value of the secret's stream {@code stream}, independent of the iteration seeds and of other streams. */
    long derived(long stream, long i) {
        return InputGenerator.hash64(InputGenerator.mix64(value ^ InputGenerator.mix64(stream)), i);
    }

    /** The seed of iteration {@code i}: independent of every other iteration's, derived from the secret. */
    long iterationSeed(long i) {
        return InputGenerator.hash64(value, i);
    }
}
