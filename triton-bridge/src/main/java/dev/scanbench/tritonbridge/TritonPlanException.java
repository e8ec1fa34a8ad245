package dev.scanbench.tritonbridge;

/**
 * A {@code # @plan triton} directive is malformed or does not fit its kernel (unknown constexpr, wrong number of
 * signature types). The message names file:line[:column].
 */
public class TritonPlanException extends TritonException {
    private static final long serialVersionUID = 1L;

    /** @param message the problem, starting with its location */
    public TritonPlanException(String message) {
        super(message);
    }
}
