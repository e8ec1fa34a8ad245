package dev.scanbench.service.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code workbench score} command line of one submission, the same whatever engine runs it: its kernel, the
 * service's log and signing key, its id (so a run is never logged twice), its label, and the client's options.
 *
 * @param log        the score store's location (a JSONL path or a JDBC URL without a password)
 * @param signingKey the key the entry is signed with
 */
public record ScoreArguments(String log, Path signingKey) {

    /** @return the arguments after {@code workbench} */
    public List<String> of(SubmissionStore store, SubmissionState s, SubmissionRequest request) {
        List<String> a = new ArrayList<>(List.of("score", store.kernel(s.id(), s.fileName()).toString(),
                "--json-file", store.resultFile(s.id()).toString(), "--log", log,
                "--signing-key", signingKey.toString(), "--submission", s.id(),
                "--label", request.label() != null ? request.label() : s.client()));
        a.addAll(request.scoreOptions());
        return a;
    }
}
