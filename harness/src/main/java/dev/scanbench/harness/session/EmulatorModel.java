package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.scanbench.harness.model.TrafficEstimate;
import dev.scanbench.harness.model.TrafficModel;
import java.util.List;

/**
 * The labelled H100 model of an emulator run: its global traffic per element scaled to the scoring size over
 * the published bandwidths. Shown in the report and in {@code --json} under {@code model}, never in the score
 * log and never as a time.
 */
public final class EmulatorModel {
    private EmulatorModel() {
    }

    /** The estimates for a run's counters, fastest bandwidth first; empty when the run counted nothing. */
    public static List<TrafficEstimate> of(ScoreResult r) {
        JsonNode c = r.outcome().counters();
        if (!r.ok() || c == null) {
            return List.of();
        }
        long bytes = c.path("global_bytes_read").asLong() + c.path("global_bytes_written").asLong();
        return TrafficModel.fromRun(bytes, r.settings().n(), TrafficModel.SCORING_N);
    }

    /** The estimates as JSON: each with its bandwidth, source and modelled milliseconds, labelled as a model. */
    public static ArrayNode toJson(List<TrafficEstimate> estimates) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (TrafficEstimate e : estimates) {
            a.addObject().put("label", "model, not a time").put("bandwidth_tb_per_s", e.bandwidth().terabytesPerSecond())
                    .put("bandwidth_source", e.bandwidth().description()).put("n", e.n())
                    .put("bytes_per_element", e.bytesPerElement()).put("model_ms", e.modelMillis());
        }
        return a;
    }
}
