package dev.scanbench.harness.compile;

import java.util.List;

/**
 * A candidate that does not compile. The message is the compiler's own output with temporary paths
 * replaced by the user's file path, so {@code kernel.cu(12): error: ...} lines point at the real file.
 */
public class CompileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;
    private final String compilerOutput;

    /**
     * @param summary        one line naming the file and the step that failed
     * @param compilerOutput the compiler's output, paths mapped to the user's file
     * @param diagnostics    the messages parsed from that output (may be empty)
     */
    public CompileException(String summary, String compilerOutput, List<Diagnostic> diagnostics) {
        super(compilerOutput.isBlank() ? summary : summary + "\n" + compilerOutput.strip());
        this.compilerOutput = compilerOutput;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The parsed compiler messages, errors first as the compiler printed them. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The compiler's full output, paths mapped to the user's file. */
    public String compilerOutput() {
        return compilerOutput;
    }
}
