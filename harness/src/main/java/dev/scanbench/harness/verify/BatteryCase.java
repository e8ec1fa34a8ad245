package dev.scanbench.harness.verify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.baseline.input.InputPattern;

/**
 * One verified iteration of the battery.
 *
 * @param n        the problem size
 * @param pattern  the input values
 * @param dispatch how CTAs are scheduled
 * @param splice   null for a fresh input; else this case repeats the previous case's input (same size, pattern
 *                 and dispatch) with its tail replaced
 */
public record BatteryCase(long n, InputPattern pattern, Dispatch dispatch, Splice splice) {

    /**
     * A tail replaced on the previous case's input.
     *
     * @param from    the first replaced index, below n
     * @param seed    the tail's seed, from the run's secret
     * @param pattern the tail's values
     */
    public record Splice(long from, long seed, InputPattern pattern) {
    }

    /** A case on a fresh input. */
    public BatteryCase(long n, InputPattern pattern, Dispatch dispatch) {
        this(n, pattern, dispatch, null);
    }

    public BatteryCase {
        if (n < 1 || (splice != null && (splice.from() < 1 || splice.from() >= n))) {
            throw new IllegalArgumentException("battery case n = " + n + ", splice " + splice);
        }
    }

    /** The case as JSON: {@code n}, {@code pattern}, {@code order}, and {@code tail_from}/{@code tail_pattern} when spliced. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("n", n);
        o.put("pattern", pattern.name());
        o.put("order", dispatch.name());
        if (splice != null) {
            o.put("tail_from", splice.from());
            o.put("tail_pattern", splice.pattern().name());
        }
        return o;
    }

    @Override
    public String toString() {
        String input = splice == null ? pattern.toString() : pattern + " with x[" + splice.from() + ".." + (n - 1)
                + "] replaced by " + splice.pattern() + " values (the previous case's input otherwise)";
        return "n = " + n + ", " + input + ", " + dispatch + " dispatch";
    }
}
