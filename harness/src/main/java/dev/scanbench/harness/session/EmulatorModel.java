package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.model.H100Model;
import dev.scanbench.harness.model.RunWork;
import dev.scanbench.harness.model.TrafficEstimate;
import dev.scanbench.harness.model.TrafficModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The labelled H100 model of an emulator run at the scoring size: the latency-aware {@link H100Model} built from
 * its counts (traffic, critical path, busiest SM, launches), and the traffic alone over each published bandwidth.
 * Shown in the report and in {@code --json} under {@code model}, never in the score log and never as a time.
 *
 * @param h100    the H100 model, when the run measured its critical path
 * @param traffic traffic over each published bandwidth, fastest first
 */
public record EmulatorModel(Optional<H100Model> h100, List<TrafficEstimate> traffic) {

    /** The model of a run's counters; empty when the run counted nothing. */
    public static EmulatorModel of(ScoreResult r) {
        JsonNode c = r.outcome().counters();
        if (!r.ok() || c == null) {
            return new EmulatorModel(Optional.empty(), List.of());
        }
        return of(c, r.settings().n());
    }

    /** The model of the counters JSON of a run of {@code n} elements. */
    public static EmulatorModel of(JsonNode counters, long n) {
        long bytes = counters.path("global_bytes_read").asLong() + counters.path("global_bytes_written").asLong();
        RunWork work = RunWork.fromCounters(counters, n);
        return new EmulatorModel(Optional.ofNullable(work).map(w -> H100Model.of(w, TrafficModel.SCORING_N)),
                TrafficModel.fromRun(bytes, n, TrafficModel.SCORING_N));
    }

    /** True if there is nothing to show. */
    public boolean isEmpty() {
        return h100.isEmpty() && traffic.isEmpty();
    }

    /**
     * The lines of the human report. With the H100 model: its line (what binds), then the traffic table folded
     * into one line, since traffic is only one of the model's bounds and five lines of it drowned the binding
     * term. Without it (no critical path was measured): the traffic table, one bandwidth per line.
     */
    public List<String> lines() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (h100.isEmpty()) {
            traffic.forEach(e -> out.add(e.describe()));
            return out;
        }
        out.add(h100.get().describe());
        if (!traffic.isEmpty()) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "traffic alone (model, not a time; %.3f B/element, sources in --json):",
                    traffic.get(0).bytesPerElement()));
            String sep = " ";
            for (TrafficEstimate e : traffic) {
                b.append(sep).append(String.format(Locale.ROOT, "%.3f ms at %.2f TB/s", e.modelMillis(),
                        e.bandwidth().terabytesPerSecond()));
                sep = ", ";
            }
            out.add(b.toString());
        }
        return out;
    }

    /** As JSON: the H100 model's fields (label, estimate, binding, terms, constants) and the traffic table. */
    public ObjectNode toJson() {
        ObjectNode o = h100.map(H100Model::toJson).orElseGet(() -> JsonNodeFactory.instance.objectNode()
                .put("label", "model, not a time"));
        ArrayNode a = o.putArray("traffic");
        for (TrafficEstimate e : traffic) {
            a.addObject().put("label", "model, not a time")
                    .put("bandwidth_tb_per_s", e.bandwidth().terabytesPerSecond())
                    .put("bandwidth_source", e.bandwidth().description()).put("n", e.n())
                    .put("bytes_per_element", e.bytesPerElement()).put("model_ms", e.modelMillis());
        }
        return o;
    }
}
