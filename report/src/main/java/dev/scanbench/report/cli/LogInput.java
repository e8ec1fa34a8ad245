package dev.scanbench.report.cli;

import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.log.LogCorruptedException;
import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogLocation;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import dev.scanbench.harness.sources.SourceStore;
import dev.scanbench.harness.sources.SourceAudit;
import dev.scanbench.harness.sources.SourceCorruptedException;
import dev.scanbench.report.entry.ScoreEntries;
import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.html.LogStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The score log as the report's commands read it, through the harness's own store (a JSONL file or PostgreSQL),
 * verification and source store: the one place that knows where entries come from (the core classes take a list
 * of entries). Everything is read when it opens, so the store is closed again before the command goes on.
 */
final class LogInput {
    private final String location;
    private final LogEntries entries;
    private final LogStatus status;
    private final Function<String, Optional<String>> sources;

    private LogInput(String location, LogEntries entries, LogStatus status,
            Function<String, Optional<String>> sources) {
        this.location = location;
        this.entries = entries;
        this.status = status;
        this.sources = sources;
    }

    /**
     * @param option the {@code --log} option, or null for $WORKBENCH_LOG, else ~/.workbench/scores.jsonl
     * @throws CliFailure (exit 4) when the log has a line that is not an entry
     */
    static LogInput open(String option) throws IOException, CliFailure {
        return open(option, false);
    }

    /**
     * As {@link #open(String)}, and also verifies the chain, audits the sources and reads the sources the entries
     * name (what the report shows).
     */
    static LogInput openAudited(String option) throws IOException, CliFailure {
        return open(option, true);
    }

    private static LogInput open(String option, boolean audited) throws IOException, CliFailure {
        try (ScoreStore log = ScoreStores.open(LogLocation.resolve(option, System.getenv()), null)) {
            LogEntries entries;
            try {
                entries = log.read();
            } catch (LogCorruptedException e) {
                throw new CliFailure(ExitCode.IO, e.getMessage() + " (run workbench log verify)");
            }
            return new LogInput(log.location(), entries,
                    audited ? status(log, entries) : null, audited ? sourceTexts(log, entries) : null);
        }
    }

    /** @return the log's path or URL (without a password), as reports name it */
    String source() {
        return location;
    }

    /** @return the scoring entries, in log order */
    List<ScoreEntry> scoringEntries() {
        return ScoreEntries.of(entries);
    }

    /** @return whether the log ends with a torn line (then said on stderr) */
    boolean tornTail() {
        return entries.hasTornTail();
    }

    /** @return the chain's verification and the sources' audit, for the report */
    LogStatus status() {
        if (status == null) {
            throw new IllegalStateException("opened without the audit: use LogInput.openAudited");
        }
        return status;
    }

    /** @return a reader of stored sources by hash: empty when missing or damaged (the status says which) */
    Function<String, Optional<String>> sources() {
        if (sources == null) {
            throw new IllegalStateException("opened without the audit: use LogInput.openAudited");
        }
        return sources;
    }

    private static LogStatus status(ScoreStore log, LogEntries entries) throws IOException {
        LogVerification v = log.verify();
        SourceAudit audit = SourceAudit.of(entries, log.sources());
        List<String> problems = new ArrayList<>();
        v.failure().ifPresent(f -> problems.add(f.message()));
        problems.addAll(v.warnings());
        problems.addAll(audit.missing());
        problems.addAll(audit.corrupt());
        String chain = v.ok() ? v.entryCount() + " entries, every hash, link and number checks out"
                + (log.engine().equals("jsonl") ? ", and the head file agrees" : "") : v.failure().orElseThrow().message();
        return new LogStatus(v.ok() && audit.ok(), v.entryCount(), v.headHash(), chain, audit.summary(), problems);
    }

    /**
     * The sources the entries name, read while the store is open (a report shows each scored kernel's source):
     * a missing or damaged one is absent (the status says which).
     */
    private static Function<String, Optional<String>> sourceTexts(ScoreStore log, LogEntries entries)
            throws IOException {
        SourceStore store = log.sources();
        Map<String, String> texts = new HashMap<>();
        for (ScoreEntry e : ScoreEntries.of(entries)) {
            String hash = e.sourceSha256();
            if (hash == null || texts.containsKey(hash)) {
                continue;
            }
            try {
                store.read(hash).ifPresent(b -> texts.put(hash, new String(b, StandardCharsets.UTF_8)));
            } catch (SourceCorruptedException | IllegalArgumentException e2) {
                // absent: the audit names it
            }
        }
        return hash -> Optional.ofNullable(texts.get(hash));
    }
}
