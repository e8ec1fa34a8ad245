package dev.scanbench.harness.plan;

/**
 * A launch plan that cannot be parsed, evaluated or run within the device's limits.
 * The message always starts with the location ({@code file:line:column}) of the offending text.
 */
public class PlanException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SourcePos position;
    private final String problem;

    /**
     * @param position where the problem is
     * @param problem  what is wrong, in words, without the location
     */
    public PlanException(SourcePos position, String problem) {
        super(position + ": " + problem);
        this.position = position;
        this.problem = problem;
    }

    /** Where the problem is. */
    public SourcePos position() {
        return position;
    }

    /** What is wrong, without the location prefix. */
    public String problem() {
        return problem;
    }
}
