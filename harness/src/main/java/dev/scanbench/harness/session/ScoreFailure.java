package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Why a scoring run (or any worker job: verify, run) failed.
 *
 * @param kind       a stable word: the worker's kind ({@code mismatch}, {@code device-fault}, {@code deadlock},
 *                   ...), or the parent's ({@code compile}, {@code static-checks}, {@code plan}, {@code timeout},
 *                   {@code crash})
 * @param message    what failed, with its location
 * @param details    structured facts: the first mismatch, the fault's location, the call that hung
 * @param stderrTail the end of what the worker printed, or empty
 */
public record ScoreFailure(String kind, String message, JsonNode details, String stderrTail) {
    public ScoreFailure {
        details = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
        stderrTail = stderrTail == null ? "" : stderrTail;
    }

    /** A failure without details or worker output. */
    public static ScoreFailure of(String kind, String message) {
        return new ScoreFailure(kind, message, null, "");
    }

    @Override
    public JsonNode details() {
        return details.deepCopy();
    }
}
