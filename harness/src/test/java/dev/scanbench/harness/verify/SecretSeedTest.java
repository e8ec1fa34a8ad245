package dev.scanbench.harness.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.harness.compile.Sha256;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SecretSeedTest {
    @Test
    void freshSeedsDifferAndTheirHashMatchesTheRevealedValue() {
        SecretSeed a = SecretSeed.fresh();
        SecretSeed b = SecretSeed.fresh();
        assertThat(a.reveal()).isNotEqualTo(b.reveal()).hasSize(16);
        long value = Long.parseUnsignedLong(a.reveal(), 16);
        assertThat(a.sha256()).isEqualTo(Sha256.hex(ByteBuffer.allocate(8).putLong(value).array()));
        assertThat(SecretSeed.of(value).sha256()).isEqualTo(a.sha256());
    }

    @Test
    void iterationSeedsAreDistinctAndReproducible() {
        SecretSeed s = SecretSeed.of(42);
        assertThat(s.iterationSeed(0)).isNotEqualTo(s.iterationSeed(1));
        assertThat(SecretSeed.of(42).iterationSeed(7)).isEqualTo(s.iterationSeed(7));
        assertThat(SecretSeed.of(43).iterationSeed(7)).isNotEqualTo(s.iterationSeed(7));
    }
}
