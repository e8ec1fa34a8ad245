package dev.scanbench.report.html;

import dev.scanbench.report.entry.ScoreEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the report is made from; none of it is a file, so any store can supply it.
 *
 * @param source    where the entries came from, for the heading (a log path)
 * @param entries   the scoring entries, in log order
 * @param status    the log's verification
 * @param sourceOf  a kernel source by its SHA-256, read back and hash-checked (empty when not stored)
 * @param generated when the report was made
 * @param version   the workbench version that made it
 */
public record ReportInput(String source, List<ScoreEntry> entries, LogStatus status,
                          Function<String, Optional<String>> sourceOf, Instant generated, String version) {
    public ReportInput {
        entries = List.copyOf(entries);
    }
}
