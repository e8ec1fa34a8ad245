package dev.scanbench.harness.log;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link ScoreLog#verify()}.
 *
 * @param ok         whether every entry and the head file check out
 * @param entryCount entries verified: all of them when {@code ok}, else those before the first bad one
 * @param headHash   hash of the last verified entry, or 64 zeros when there is none
 * @param signedBy   the id of the public key every verified entry's signature was checked against; empty when
 *                   signatures were not checked
 * @param failure    the first problem found, present exactly when {@code ok} is false
 * @param warnings   conditions that are not failures but must not pass silently (a torn last line)
 */
public record LogVerification(boolean ok, long entryCount, String headHash, Optional<String> signedBy,
        Optional<Failure> failure, List<String> warnings) {

    /** Copies the warnings. */
    public LogVerification {
        warnings = List.copyOf(warnings);
    }

    /**
     * @return one line for a report, e.g. {@code "ok: 12 entries, head 3fa2b1c0d9e8..."} or
     *         {@code "FAILED after 2 good entries: prev mismatch: ... (seq 3, line 3): ..."}
     */
    public String summary() {
        return failure.map(f -> "FAILED after " + entryCount + " good entries: " + f.message())
                .orElseGet(() -> "ok: " + entryCount + " entries, head " + headHash.substring(0, 12) + "..."
                        + signedBy.map(k -> ", all signed by key " + k).orElse("")
                        + (warnings.isEmpty() ? "" : " (" + warnings.size() + " warning"
                        + (warnings.size() == 1 ? "" : "s") + ")"));
    }

    static LogVerification passed(long entryCount, String headHash, Optional<String> signedBy,
            List<String> warnings) {
        return new LogVerification(true, entryCount, headHash, signedBy, Optional.empty(), warnings);
    }

    static LogVerification failed(long entryCount, String headHash, Optional<String> signedBy, Failure failure,
            List<String> warnings) {
        return new LogVerification(false, entryCount, headHash, signedBy, Optional.of(failure), warnings);
    }

    /**
     * The first bad entry.
     *
     * @param problem what kind of failure
     * @param seq     the entry's seq as stored, or, when unreadable or missing, the seq expected there
     * @param line    1-based line number in the log (for entries missing from the end: where the next would be)
     * @param detail  a sentence naming the file, line and the values that disagree
     */
    public record Failure(LogProblem problem, long seq, long line, String detail) {

        /** @return e.g. {@code "prev mismatch: ... (seq 3, line 3): scores.jsonl:3: prev is ..."} */
        public String message() {
            return problem.meaning() + " (seq " + seq + ", line " + line + "): " + detail;
        }
    }
}
