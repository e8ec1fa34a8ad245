package dev.scanbench.report.cli;

import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.log.LogCorruptedException;
import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogLocation;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreLog;
import dev.scanbench.harness.sources.FileSourceStore;
import dev.scanbench.harness.sources.SourceAudit;
import dev.scanbench.harness.sources.SourceCorruptedException;
import dev.scanbench.report.entry.ScoreEntries;
import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.html.LogStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The file score log as the report's commands read it, through the harness's own reading, verification and source
 * store: the one place that knows entries come from a file (the core classes take a list of entries).
 */
final class LogInput {
    private final ScoreLog log;
    private final LogEntries entries;

    private LogInput(ScoreLog log, LogEntries entries) {
        this.log = log;
        this.entries = entries;
    }

    /**
     * @param option the {@code --log} option, or null for $WORKBENCH_LOG, else ~/.workbench/scores.jsonl
     * @throws CliFailure (exit 4) when the log has a line that is not an entry
     */
    static LogInput open(Path option) throws IOException, CliFailure {
        ScoreLog log = new ScoreLog(LogLocation.resolve(option, System.getenv()));
        try {
            return new LogInput(log, log.read());
        } catch (LogCorruptedException e) {
            throw new CliFailure(ExitCode.IO, e.getMessage() + " (run workbench log verify)");
        }
    }

    /** @return the log's path, as reports name it */
    String source() {
        return log.file().toString();
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
    LogStatus status() throws IOException {
        LogVerification v = log.verify();
        SourceAudit audit = SourceAudit.of(entries, new FileSourceStore(log.sourcesDirectory()));
        List<String> problems = new ArrayList<>();
        v.failure().ifPresent(f -> problems.add(f.message()));
        problems.addAll(v.warnings());
        problems.addAll(audit.missing());
        problems.addAll(audit.corrupt());
        String chain = v.ok() ? v.entryCount() + " entries, every hash, link and number checks out, and the head file"
                + " agrees" : v.failure().orElseThrow().message();
        return new LogStatus(v.ok() && audit.ok(), v.entryCount(), v.headHash(), chain, audit.summary(), problems);
    }

    /** @return a reader of stored sources by hash: empty when missing or damaged (the status says which) */
    Function<String, Optional<String>> sources() {
        FileSourceStore store = new FileSourceStore(log.sourcesDirectory());
        return hash -> {
            try {
                return store.read(hash).map(b -> new String(b, StandardCharsets.UTF_8));
            } catch (SourceCorruptedException | IllegalArgumentException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
