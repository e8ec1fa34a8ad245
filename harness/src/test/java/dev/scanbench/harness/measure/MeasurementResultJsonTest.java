package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.Defaults;
import org.junit.jupiter.api.Test;

/** The result is plain data: a stock ObjectMapper writes it and reads it back unchanged. */
class MeasurementResultJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aDefaultResultRoundTripsThroughJsonWithItsSamplesFlagsAndAlarms() throws Exception {
        FakeTicker ticker = new FakeTicker();
        MeasurementResult result = new DefaultProtocol(Mode.COLD, StableWarmup.defaults(), MedianCiRule.defaults(),
                Defaults.MEASURE_CONFIDENCE, TimingAlarms.forPlan(2), ticker)
                .run(ScriptedSampler.constant(1.0, 1.5, ticker));

        String json = mapper.writeValueAsString(result);
        JsonNode tree = mapper.readTree(json);

        assertThat(tree.get("protocol").asText()).isEqualTo("DEFAULT");
        assertThat(tree.at("/summary/medianMs").asDouble()).isEqualTo(1.0);
        assertThat(tree.at("/summary/stopReason").asText()).isEqualTo("PRECISE");
        assertThat(tree.at("/summary/samples").size()).isEqualTo(10);
        assertThat(tree.at("/summary/samples/0/flags").toString()).isEqualTo("[\"L2_FLUSHED\",\"HOST_STALL\"]");
        assertThat(tree.at("/alarms/0/kind").asText()).isEqualTo("HOST_STALL");
        assertThat(mapper.readValue(json, MeasurementResult.class)).isEqualTo(result);
    }

    @Test
    void aWallOnlySampleWritesItsMissingEventTimeAsNull() throws Exception {
        String json = mapper.writeValueAsString(Sample.wallOnly(0.64));
        assertThat(mapper.readTree(json).get("eventMs").isNull()).isTrue();
        assertThat(mapper.readValue(json, Sample.class)).isEqualTo(Sample.wallOnly(0.64));
    }
}
