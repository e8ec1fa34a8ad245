package dev.scanbench.report.cli;

import dev.scanbench.harness.Version;
import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.cli.Json;
import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.html.HtmlReport;
import dev.scanbench.report.html.LogStatus;
import dev.scanbench.report.html.ReportInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench report --output report.html}: the reviewer's page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Write one self-contained HTML report of the score log.",
            "Write one self-contained HTML report of the score log (opens offline: inline",
            "CSS and SVG, no script): the log's verification and head hash, leaderboards,",
            "progress curves per label against the published marks and the memory floor,",
            "sample distributions and comparisons of the leading entries, their sources.",
            "Emulator and simulated results are shown apart, as such."
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "report.html", paramLabel = "FILE",
            description = "Where to write the report (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--json", description = "Print what was written as JSON (for agents).")
    boolean json;

    @Option(names = "--log", paramLabel = "PATH|URL",
            description = "The score log: a JSONL file, or a PostgreSQL store as"
                    + " jdbc:postgresql://HOST:PORT/DB?user=ROLE (default: $WORKBENCH_LOG, else"
                    + " ~/.workbench/scores.jsonl).")
    String log;

    @Override
    public Integer call() throws IOException, CliFailure {
        LogInput input = LogInput.openAudited(log);
        List<ScoreEntry> entries = input.scoringEntries();
        LogStatus status = input.status();
        String html = HtmlReport.render(new ReportInput(input.source(), entries, status, input.sources(),
                Instant.now(), Version.get()));
        write(output, html);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            var doc = Json.object();
            doc.put("output", output.toAbsolutePath().toString());
            doc.put("log", input.source());
            doc.put("entries", entries.size());
            doc.put("bytes", html.getBytes(StandardCharsets.UTF_8).length);
            doc.put("log_verifies", status.ok());
            doc.put("head", status.headHash());
            Json.print(out, doc);
        } else {
            out.printf("wrote %s: %d scoring entries, log %s%n", output, entries.size(),
                    status.ok() ? "verifies" : "does NOT verify");
            out.flush();
        }
        return ExitCode.OK;
    }

    /** Writes beside the target and renames, so a reader never sees half a report. */
    private static void write(Path output, String html) throws IOException, CliFailure {
        Path target = output.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CliFailure(ExitCode.IO, "cannot write " + output + ": " + dir + " is not a directory");
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8);
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                // A report is for sharing: readable by all, as a file the user wrote would be.
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
