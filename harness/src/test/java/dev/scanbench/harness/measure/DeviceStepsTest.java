package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.Defaults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two pieces of measurement that drive a backend: the timed region and the L2 flush. */
class DeviceStepsTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void theWallIntervalEnclosesTheEventInterval() throws Exception {
        FakeBackend backend = new FakeBackend(log, 0.25);
        FakeTicker ticker = new FakeTicker();
        ticker.onRead(t -> log.add("clock"));

        Sample s = TimedRegion.measure(backend, () -> {
            log.add("enqueue plan");
            ticker.advanceMillis(0.3);
        }, ticker);

        assertThat(log).containsExactly("clock", "record e1", "enqueue plan", "record e2", "synchronize", "clock",
                "elapsed", "destroy e2", "destroy e1");
        assertThat(s.eventMs()).isEqualTo(0.25);
        assertThat(s.wallMs()).isEqualTo(0.3);
        assertThat(s.flags()).isEmpty();
    }

    @Test
    void theFlushWritesTwiceTheL2WithADifferentValueEachTime() throws Exception {
        FakeBackend backend = new FakeBackend(log, 0);
        try (L2Flush flush = L2Flush.allocate(backend, Defaults.H100_L2_BYTES)) {
            assertThat(flush.bytes()).isEqualTo(100L << 20);
            flush.flush();
            flush.flush();
        }
        assertThat(log).hasSize(4);
        assertThat(log.get(0)).isEqualTo("allocate " + (100L << 20));
        assertThat(log.get(1)).startsWith("fill32 " + (100L << 20) + " ");
        assertThat(log.get(2)).startsWith("fill32 " + (100L << 20) + " ");
        assertThat(log.get(1)).isNotEqualTo(log.get(2));
        assertThat(log.get(3)).isEqualTo("free " + (100L << 20));
    }

    @Test
    void theFlushBufferIsWholeWordsAndTheL2SizeMustBePositive() throws Exception {
        FakeBackend backend = new FakeBackend(log, 0);
        try (L2Flush flush = L2Flush.allocate(backend, 3)) {
            assertThat(flush.bytes()).isEqualTo(8);
        }
        assertThatThrownBy(() -> L2Flush.allocate(backend, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
