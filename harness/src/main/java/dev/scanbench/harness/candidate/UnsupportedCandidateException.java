package dev.scanbench.harness.candidate;

/** A kernel file of a type that this command or backend does not take (yet): a usage error, not a bad kernel. */
public final class UnsupportedCandidateException extends CandidateException {
    private static final long serialVersionUID = 1L;

    /** @param message what is unsupported and what to give instead */
    public UnsupportedCandidateException(String message) {
        super(message);
    }
}
