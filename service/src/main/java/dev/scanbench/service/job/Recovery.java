package dev.scanbench.service.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.ScoreStore;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a (re)started service does with the submissions it finds: queued ones are queued again; one that was
 * running when the service stopped is done if the score log has its entry (its child logged it, the service died
 * before noting so) and queued again otherwise. A local child cannot still be running (it dies with the service,
 * {@link ScoreChild}); an engine whose jobs outlive the service ({@link SlurmQueue}) adopts them instead. Either
 * way {@code score --submission} logs a submission at most once.
 */
public final class Recovery {
    private Recovery() {
    }

    /** @return how many submissions were queued again or taken up where they run */
    public static int resume(SubmissionStore store, ScoreStore log, JobQueue queue) throws IOException {
        List<SubmissionState> all = store.all();
        Map<String, LogEntry> logged = null;
        int queued = 0;
        for (SubmissionState s : all) {
            if (!s.status().finished() && queue.adopt(s)) {
                queued++;
                continue;
            }
            if (s.status() == JobStatus.RUNNING) {
                if (logged == null) {
                    logged = bySubmission(log);
                }
                LogEntry entry = logged.get(s.id());
                if (entry != null) {
                    JsonNode status = entry.node().get("status");
                    Integer exit = status != null && "ok".equals(status.asText()) ? 0 : 1;
                    store.save(s.endedAt(JobStatus.DONE, Instant.now(), exit,
                            "the service stopped after its entry was logged; the result is the entry", entry.seq()));
                    continue;
                }
                s = s.requeued("the service stopped while attempt " + s.attempts() + " ran, before it was logged;"
                        + " queued again");
                store.save(s);
            }
            if (s.status() == JobStatus.QUEUED) {
                queue.enqueue(s);
                queued++;
            }
        }
        return queued;
    }

    private static Map<String, LogEntry> bySubmission(ScoreStore log) throws IOException {
        Map<String, LogEntry> map = new HashMap<>();
        for (LogEntry e : log.read()) {
            JsonNode id = e.node().get("submission");
            if (id != null && id.isTextual()) {
                map.put(id.asText(), e);
            }
        }
        return map;
    }
}
