package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * A failure a {@link WorkerJob} recognised and reports with its kind, e.g. {@code "device-fault"},
 * {@code "launch-failed"}, {@code "mismatch"}; the parent sees it as {@link WorkerOutcome.Failed}.
 */
public class JobFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final transient JsonNode details;

    /**
     * @param kind    what kind of failure, a short stable word the glue branches on
     * @param message what failed, naming the kernel, call and location where known
     * @param details structured facts (first mismatch, fault address), or an empty object
     */
    public JobFailure(String kind, String message, JsonNode details) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.details = details == null ? JsonNodeFactory.instance.objectNode() : details;
    }

    /**
     * A failure without structured details.
     *
     * @param kind    what kind of failure
     * @param message what failed
     */
    public JobFailure(String kind, String message) {
        this(kind, message, null);
    }

    /** @return the failure's kind */
    public String kind() {
        return kind;
    }

    /** @return the structured details, never null */
    public JsonNode details() {
        return details;
    }
}
