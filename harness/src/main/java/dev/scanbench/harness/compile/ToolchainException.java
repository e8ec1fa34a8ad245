package dev.scanbench.harness.compile;

/**
 * The CUDA toolchain is missing or unusable (no nvcc or ptxas, or they do not run). An environment
 * problem, not the candidate's fault: callers report it as such (exit code 3), never as a failed kernel.
 */
public class ToolchainException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is missing and where it was looked for */
    public ToolchainException(String message) {
        super(message);
    }
}
