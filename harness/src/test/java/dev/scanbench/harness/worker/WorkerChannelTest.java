package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerChannelTest {

    private static final String TOKEN = "@worker:test@";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final WorkerChannel channel = new WorkerChannel(out, TOKEN);

    /** Every non-blank line must be the token followed by one JSON object. */
    private List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                assertThat(line).startsWith(TOKEN);
                events.add(Protocol.JSON.readTree(line.substring(TOKEN.length())));
            }
        }
        return events;
    }

    @Test
    void aCallIsBracketedByStartAndEndEvenWhenItThrows() throws Exception {
        assertThatThrownBy(() -> channel.call("timed", () -> {
            throw new JobFailure("mismatch", "y[7] is 3, expected 4");
        })).isInstanceOf(JobFailure.class);

        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("call-start", "call-end");
        assertThat(events).extracting(e -> e.get("name").asText()).containsOnly("timed");
        assertThat(events.get(1).get("seconds").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void callsOnSeveralThreadsOverlapUnderDistinctNamesAndTheParentTimesTheOldest() {
        channel.callStart("case 1");
        channel.callStart("case 2");
        assertThatThrownBy(() -> channel.callStart("case 2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'case 2'");
        assertThatThrownBy(() -> channel.callEnd("case 3")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'case 3'");
        channel.callEnd("case 1");
        channel.callEnd("case 2");

        WorkerState state = new WorkerState();
        state.callStarted("case 1", 100);
        state.callStarted("case 2", 200);
        assertThat(state.oldestCall()).contains(new WorkerState.OpenCall("case 1", 100));
        assertThat(state.callEnded("case 1", 150)).isEqualTo(50);
        assertThat(state.oldestCall()).contains(new WorkerState.OpenCall("case 2", 200));
        assertThat(state.callEnded("case 9", 300)).isEqualTo(-1);
        assertThat(state.callEnded("case 2", 300)).isEqualTo(100);
        assertThat(state.oldestCall()).isEmpty();
    }

    @Test
    void progressAndTheAnswerAreEvents() throws Exception {
        channel.progress("sample 3", Protocol.JSON.createObjectNode().put("ms", 0.5));
        channel.failure("device-fault", "illegal address", Protocol.JSON.createObjectNode());

        List<JsonNode> events = events();
        assertThat(events.get(0).get("event").asText()).isEqualTo("progress");
        assertThat(events.get(0).get("data").get("ms").asDouble()).isEqualTo(0.5);
        assertThat(events.get(1).get("kind").asText()).isEqualTo("device-fault");
        assertThat(events.get(1).get("message").asText()).isEqualTo("illegal address");
    }
}
