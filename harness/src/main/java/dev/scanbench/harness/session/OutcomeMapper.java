package dev.scanbench.harness.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.measure.MeasurementResult;
import dev.scanbench.harness.scoring.Failures;
import dev.scanbench.harness.worker.FailureKinds;
import dev.scanbench.harness.worker.Heap;
import dev.scanbench.harness.worker.WorkerOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns how the worker ended into a {@link RunOutcome}: a result, a typed failure, a timeout naming the call,
 * or a crash with its exit status, signal and the end of what the worker printed. Running out of memory, as a
 * reported failure or a crash, is always {@link FailureKinds#OUT_OF_MEMORY} with the heap to set.
 */
final class OutcomeMapper {
    /** The parent's kind for a watchdog timeout. */
    static final String TIMEOUT = "timeout";
    /** The parent's kind for a worker that died without an answer. */
    static final String CRASH = "crash";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutcomeMapper() {
    }

    static RunOutcome map(WorkerOutcome outcome) {
        return map(outcome, null);
    }

    /** @param heap the worker's heap, named in the advice when it ran out (null when unknown) */
    static RunOutcome map(WorkerOutcome outcome, String heap) {
        if (outcome instanceof WorkerOutcome.Completed c) {
            return completed(ScoreStatus.OK, null, c.result());
        }
        ScoreFailure failure = failure(outcome, heap);
        if (outcome instanceof WorkerOutcome.Failed f) {
            ScoreStatus status = switch (f.kind()) {
                case Failures.MISMATCH, Failures.INPUT_MODIFIED -> ScoreStatus.WRONG_ANSWER;
                case Failures.DEVICE_FAULT, Failures.LAUNCH_FAILED -> ScoreStatus.DEVICE_FAULT;
                case Failures.DEADLOCK -> ScoreStatus.TIMED_OUT;
                case Failures.REJECTED_TIME, Failures.PLAN -> ScoreStatus.REJECTED;
                default -> ScoreStatus.CRASHED;
            };
            if (Failures.REJECTED_TIME.equals(f.kind())) {
                // An impossible time still shows what was measured, so the user can see how it was caught.
                return completed(status, failure, f.details());
            }
            return new RunOutcome(status, failure, null, null, null, null, List.of());
        }
        ScoreStatus status = outcome instanceof WorkerOutcome.TimedOut ? ScoreStatus.TIMED_OUT : ScoreStatus.CRASHED;
        return new RunOutcome(status, failure, null, null, null, null, List.of());
    }

    /**
     * Why a job that did not complete failed: the job's own failure, a timeout naming the call, or a crash; out of
     * memory in either form is {@link FailureKinds#OUT_OF_MEMORY}, its message ending with the heap to set.
     *
     * @throws IllegalArgumentException for a {@link WorkerOutcome.Completed} outcome
     */
    static ScoreFailure failure(WorkerOutcome outcome, String heap) {
        if (outcome instanceof WorkerOutcome.Failed f) {
            if (FailureKinds.OUT_OF_MEMORY.equals(f.kind())) {
                return outOfMemory(f.message(), f.details(), f.stderrTail(), heap);
            }
            return new ScoreFailure(f.kind(), f.message(), f.details(), f.stderrTail());
        }
        if (outcome instanceof WorkerOutcome.TimedOut t) {
            ObjectNode d = JSON.createObjectNode();
            d.put("limit", t.limit().name().toLowerCase(java.util.Locale.ROOT));
            d.put("call", t.call().orElse(null));
            d.put("seconds", t.seconds());
            d.put("limit_seconds", t.limitSeconds());
            return new ScoreFailure(TIMEOUT, t.describe(), d, t.stderrTail());
        }
        if (outcome instanceof WorkerOutcome.Crashed c) {
            ObjectNode d = JSON.createObjectNode();
            d.put("exit_code", c.exitCode());
            if (c.signal().isPresent()) {
                d.put("signal", c.signal().getAsInt());
            } else {
                d.putNull("signal");
            }
            if (c.reason().contains("out of memory")) {
                return outOfMemory(c.describe(), d, c.stderrTail(), heap);
            }
            return new ScoreFailure(CRASH, c.describe(), d, c.stderrTail());
        }
        throw new IllegalArgumentException("a completed job has no failure");
    }

    private static ScoreFailure outOfMemory(String message, JsonNode details, String tail, String heap) {
        ObjectNode d = details.isObject() ? ((ObjectNode) details).deepCopy() : JSON.createObjectNode();
        d.put("heap", heap);
        return new ScoreFailure(FailureKinds.OUT_OF_MEMORY, "the worker ran out of memory (" + message + "): "
                + Heap.advice(heap), d, tail);
    }

    private static RunOutcome completed(ScoreStatus status, ScoreFailure failure, JsonNode r) {
        MeasurementResult measurement = null;
        ObjectNode facts = null;
        if (r.has("measurement")) {
            try {
                measurement = JSON.treeToValue(r.get("measurement"), MeasurementResult.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the worker's measurement does not read back: " + e.getMessage(), e);
            }
            facts = JSON.createObjectNode();
            for (String key : List.of("l2_bytes", "l2_reported", "copy_bandwidth_bytes_per_second", "copy_of_n_ms",
                    "floor_ms")) {
                facts.set(key, r.get(key));
            }
        }
        List<String> warnings = new ArrayList<>();
        r.path("warnings").forEach(w -> warnings.add(w.asText()));
        JsonNode device = r.get("device");
        return new RunOutcome(status, failure, device == null ? null : device.asText(), measurement, facts,
                r.get("counters"), warnings, r.path("simulated").asBoolean(false),
                r.get("device_baseline"), r.get("driver"), r.get("gate"));
    }
}
