package dev.scanbench.report.cli;

import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.cli.Json;
import dev.scanbench.report.compare.Comparer;
import dev.scanbench.report.compare.Comparison;
import dev.scanbench.report.compare.EntrySelector;
import dev.scanbench.report.compare.SelectionException;
import dev.scanbench.report.entry.ScoreEntry;
import dev.scanbench.report.format.ComparisonJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench compare A B}: B against A from their raw samples. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
            "Compare two entries (B against A) from their raw samples.",
            "Compare two entries (B against A) from their raw samples: FASTER, SLOWER,",
            "SAME or UNCERTAIN, as nvbench's compare decides, from the Hodges-Lehmann",
            "shift with its confidence interval and the Mann-Whitney test, against a",
            "stated noise threshold. A and B are each an entry (12 or #12), a hash prefix",
            "(6+ hex digits), label:NAME (the label's best) or a kernel path (its best).",
            "Refused (exit 1): a failed run, different devices or sizes, a GPU time",
            "against a simulated one, a time against the emulator's counted work.",
            "Two emulator entries are compared by counted work, with no speed verdict."
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The reference entry.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The entry compared with it.")
    String b;

    @Option(names = "--confidence", defaultValue = "0.99", paramLabel = "C",
            description = "Coverage of the shift's interval; the test's level is 1 - C (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--threshold", paramLabel = "PERCENT",
            description = "Noise threshold in percent of A's median (default: the larger robust noise of A and B,"
                    + " at least 0.5).")
    Double threshold;

    @Option(names = "--json", description = "One JSON document (for agents).")
    boolean json;

    @Option(names = "--log", paramLabel = "PATH|URL",
            description = "The score log: a JSONL file, or a PostgreSQL store as"
                    + " jdbc:postgresql://HOST:PORT/DB?user=ROLE (default: $WORKBENCH_LOG, else"
                    + " ~/.workbench/scores.jsonl).")
    String log;

    @Override
    public Integer call() throws IOException, CliFailure {
        Comparer comparer;
        try {
            comparer = new Comparer(confidence, threshold == null ? null : threshold / 100);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage().replace("confidence", "--confidence")
                    .replace("the threshold", "--threshold / 100"));
        }
        LogInput input = LogInput.open(log);
        List<ScoreEntry> entries = input.scoringEntries();
        EntrySelector selector = new EntrySelector(entries);
        ScoreEntry ea;
        ScoreEntry eb;
        try {
            ea = selector.select(a);
            eb = selector.select(b);
        } catch (SelectionException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage() + " (" + input.source() + ")");
        }
        Comparison c = comparer.compare(ea, eb);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, ComparisonJson.of(c));
        } else {
            out.println(c.statement());
            if (c.threshold() != null) {
                out.println("noise threshold: " + c.thresholdRule());
            }
            out.flush();
        }
        return c.kind() == Comparison.Kind.REFUSED ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
}
