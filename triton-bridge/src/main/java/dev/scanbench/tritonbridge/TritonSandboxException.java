package dev.scanbench.tritonbridge;

/**
 * A Triton candidate cannot be compiled because there is no sandbox to run its Python in: importing it runs
 * arbitrary code with the user's rights, which could rewrite the compile cache or the score log. An environment
 * problem (exit code 3), never run uncontained.
 */
public class TritonSandboxException extends TritonEnvironmentException {
    private static final long serialVersionUID = 1L;

    /** @param why why the sandbox is unavailable */
    public TritonSandboxException(String why) {
        super("Triton candidates run their Python at compile time, and the workbench runs it only inside its"
                + " sandbox, which is unavailable here: " + why, "apt-get install bubblewrap   # as root; then retry");
    }
}
