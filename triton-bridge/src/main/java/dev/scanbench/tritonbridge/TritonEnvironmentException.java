package dev.scanbench.tritonbridge;

/**
 * Python or Triton is missing or unusable: an environment problem, not the candidate's fault (exit code 3).
 * The message ends with the command that fixes it.
 */
public class TritonEnvironmentException extends TritonException {
    private static final long serialVersionUID = 1L;

    private final String fixCommand;

    /**
     * @param problem    what is wrong
     * @param fixCommand a shell command that fixes it
     */
    public TritonEnvironmentException(String problem, String fixCommand) {
        super(problem + "\nTo fix it, run:\n    " + fixCommand);
        this.fixCommand = fixCommand;
    }

    /** The shell command that fixes the problem. */
    public String fixCommand() {
        return fixCommand;
    }
}
