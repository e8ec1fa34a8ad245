package dev.scanbench.tritonbridge;

/** The plan names a kernel the file does not define as a {@code @triton.jit} function. */
public class MissingKernelException extends TritonException {
    private static final long serialVersionUID = 1L;

    private final String kernel;

    /**
     * @param message names the file, the missing kernel and the kernels found
     * @param kernel  the missing kernel's name
     */
    public MissingKernelException(String message, String kernel) {
        super(message);
        this.kernel = kernel;
    }

    /** The missing kernel's name. */
    public String kernel() {
        return kernel;
    }
}
