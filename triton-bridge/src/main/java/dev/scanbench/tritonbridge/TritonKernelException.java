package dev.scanbench.tritonbridge;

/** Triton refused to compile one kernel; the message is Triton's own, prefixed with file:line. */
public class TritonKernelException extends TritonException {
    private static final long serialVersionUID = 1L;

    private final String kernel;
    private final int line;

    /**
     * @param message Triton's message, starting with {@code file:line}
     * @param kernel  the kernel that failed
     * @param line    the 1-based line in the candidate, 0 when Triton did not say
     */
    public TritonKernelException(String message, String kernel, int line) {
        super(message);
        this.kernel = kernel;
        this.line = line;
    }

    /** The kernel that failed. */
    public String kernel() {
        return kernel;
    }

    /** The 1-based line in the candidate, 0 when Triton did not say. */
    public int line() {
        return line;
    }
}
