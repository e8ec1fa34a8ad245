package dev.scanbench.harness.candidate;

/**
 * A candidate refused before anything runs. Subclasses say why: {@link UnsupportedCandidateException} for a
 * kind this command or backend cannot take, {@link StaticCheckException} for code the static checks reject.
 * (Compile and plan errors keep their own types, {@code CompileException} and {@code PlanException}.)
 */
public class CandidateException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message why, naming the file */
    public CandidateException(String message) {
        super(message);
    }
}
