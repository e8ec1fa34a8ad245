package dev.scanbench.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The H100 model: the largest bound binds, counts scale to the modelled n, the chain's start-up is paid once. */
class H100ModelTest {
    private static final long N = 100_000_000L;

    @Test
    void aChainOfOneHopPerTileIsLatencyBoundAndSaysSo() {
        // 24,415 tiles of 4,096 at 10^8, measured there: 8 bytes per element
        H100Model m = H100Model.of(new RunWork(N, 1, 8 * N, 24_415, 24_415, 1_000_000), N);
        assertThat(m.binding().name()).isEqualTo("latency");
        assertThat(m.millis()).isCloseTo(24_415 * 0.6e-3, Offset.offset(1e-9));
        assertThat(m.describe()).startsWith("model H100 estimate (not a time) at n = 100,000,000: 14.6 ms"
                + " (latency-bound: 24,415 dependent hops x 0.6 us)");
        assertThat(m.term("traffic").millis()).isCloseTo(8e8 / 2.9e12 * 1e3, Offset.offset(1e-9));
    }

    @Test
    void countsScaleLinearlyButLaunchesAndTheChainsStartUpDoNot() {
        // measured at n / 100: 100 hops of which 10 grow with the tiles
        RunWork w = new RunWork(N / 100, 8, 52 * (N / 100), 100, 10, 1_000);
        H100Model m = H100Model.of(w, N);
        assertThat(m.term("traffic").quantity()).isCloseTo(52.0 * N, Offset.offset(1.0));
        assertThat(m.term("latency").quantity()).isCloseTo(100 + 10 * 99, Offset.offset(1e-6));
        assertThat(m.term("issue").quantity()).isCloseTo(100_000, Offset.offset(1e-6));
        assertThat(m.term("launches").quantity()).isEqualTo(8);
        assertThat(m.binding().name()).isEqualTo("traffic");
    }

    @Test
    void theBusiestSmBindsAOneCtaScanAndLaunchesBindATinyOne() {
        assertThat(H100Model.of(new RunWork(N, 1, 8 * N, 0, 0, 150_000_000), N).binding().name())
                .isEqualTo("issue");
        assertThat(H100Model.of(new RunWork(1000, 32, 8000, 0, 0, 100), 1000).binding().name())
                .isEqualTo("launches");
    }

    @Test
    void theJsonIsLabelledAModelWithEveryTermAndEverySource() {
        ObjectNode o = H100Model.of(new RunWork(N, 1, 8 * N, 10, 10, 10), N).toJson();
        assertThat(o.get("label").asText()).isEqualTo("model, not a time");
        assertThat(o.get("binding").asText()).isEqualTo("traffic");
        assertThat(o.get("terms").size()).isEqualTo(4);
        assertThat(o.get("constants").size()).isEqualTo(H100Constants.ALL.size());
        o.get("constants").forEach(c -> assertThat(c.get("source").asText()).isNotBlank());
        assertThat(o.has("time_ms")).as("never a time field").isFalse();
    }

    @Test
    void runWorkIsReadFromScoresCountersOnlyWhenTheyHoldACriticalPath() {
        ObjectNode c = JsonNodeFactory.instance.objectNode().put("launches", 1).put("global_bytes_read", 40)
                .put("global_bytes_written", 40);
        assertThat(RunWork.fromCounters(c, 10)).isNull();
        c.put("chain_hops", 3).put("steady_chain_hops", 2.5).put("sm_warp_instructions_max", 7);
        assertThat(RunWork.fromCounters(c, 10)).isEqualTo(new RunWork(10, 1, 80, 3, 2.5, 7));
        assertThatThrownBy(() -> H100Model.of(new RunWork(0, 1, 0, 0, 0, 0), N))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEmulatorsRoundStandsForOneHopOfTheseConstants() {
        // dev.scanbench.emulator.Defaults derives its measured turn from this table
        double bytes = H100Constants.BANDWIDTH.value() / H100Constants.SMS * H100Constants.HOP_LATENCY.value();
        double insns = H100Constants.SM_ISSUE_RATE.value() * H100Constants.HOP_LATENCY.value();
        assertThat((double) dev.scanbench.emulator.Defaults.HOP_BYTES_PER_CTA).isCloseTo(bytes, Offset.offset(1.0));
        assertThat((double) dev.scanbench.emulator.Defaults.HOP_WARP_INSTRUCTIONS_PER_CTA)
                .isCloseTo(insns, Offset.offset(1.0));
    }
}
