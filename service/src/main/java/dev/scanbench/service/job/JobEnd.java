package dev.scanbench.service.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.ScoreStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How an attempt's end is recorded, the same for every engine. What decides is the score log, not the exit code:
 * an attempt whose entry is in the log is done (its verdict is the entry's, whatever it was), one that left no
 * entry failed, and a cancelled one says whether it was logged before the cancel reached it.
 */
final class JobEnd {
    private static final Logger LOG = Logger.getLogger(JobEnd.class.getName());
    private final SubmissionStore store;
    private final ScoreStore log;

    JobEnd(SubmissionStore store, ScoreStore log) {
        this.store = store;
        this.log = log;
    }

    /**
     * @param exitCode  the score child's exit code, or null when the engine cannot say
     * @param cancelled whether a cancel ended it
     * @param why       why it ended without an entry, used only then
     * @return the state saved
     */
    SubmissionState record(SubmissionState s, Integer exitCode, boolean cancelled, String why) throws IOException {
        Long seq = loggedSeq(s.id());
        SubmissionState end;
        if (cancelled) {
            end = s.endedAt(JobStatus.CANCELLED, Instant.now(), exitCode, "cancelled"
                    + (s.status() == JobStatus.RUNNING ? " while running" : " before it started")
                    + (seq != null ? " (after its entry was logged)" : ""), seq);
        } else if (seq != null) {
            end = s.endedAt(JobStatus.DONE, Instant.now(), exitCode, null, seq);
        } else {
            end = s.endedAt(JobStatus.FAILED, Instant.now(), exitCode, why, null);
        }
        store.save(end);
        return end;
    }

    /** @return the seq of the submission's entry: from its result file, else found in the log; null if none */
    Long loggedSeq(String id) throws IOException {
        Optional<JsonNode> result = store.result(id);
        JsonNode seq = result.map(r -> r.at("/log/seq")).orElse(null);
        if (seq != null && seq.isIntegralNumber()) {
            return seq.asLong();
        }
        return entryOf(id).map(LogEntry::seq).orElse(null);
    }

    /** @return the log's entry for the submission, if it has one */
    Optional<LogEntry> entryOf(String id) throws IOException {
        return log.find("submission", id);
    }

    /** @return the last lines of the child's progress, for a failure's reason */
    String lastLines(String id) throws IOException {
        String text = store.text(store.progressFile(id)).orElse("").strip();
        String[] lines = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, lines.length - 5); i < lines.length; i++) {
            sb.append(i > Math.max(0, lines.length - 5) ? " | " : "").append(lines[i].strip());
        }
        return sb.length() == 0 ? "(no output)" : sb.toString();
    }

    /**
     * Records a failure the engine itself met (it could not start or follow the attempt). Never throws: the
     * engine is already handling one failure, so one in recording it is logged, and the state stays as it was.
     */
    void fail(String id, String why) {
        try {
            Optional<SubmissionState> s = store.get(id);
            if (s.isPresent() && !s.get().status().finished()) {
                store.save(s.get().endedAt(JobStatus.FAILED, Instant.now(), s.get().exitCode(), why,
                        s.get().logSeq()));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "submission " + id + ": cannot record its failure: " + e, e);
        }
    }
}
