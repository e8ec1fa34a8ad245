package dev.scanbench.report.cli;

import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.report.board.GroupBy;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.format.LeaderboardFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench leaderboard}: the best entry per kernel or per label, each basis apart. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = {
            "Show the best passing entry per kernel (or per label) from the score log.",
            "Show the best passing entry per kernel (or per label) from the score log: time",
            "(median) with its CI, ln(ms), normalised y_n, speedup over the best human",
            "(0.667 ms) and agent (0.64 ms), device, date. GPU times, simulated times and",
            "the emulator's counted work are separate boards and never ranked against each",
            "other; practice runs are listed and never ranked."
        })
final class LeaderboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--by", defaultValue = "kernel", paramLabel = "kernel|label",
            description = "One row per kernel file (default) or per label (who submitted it).")
    String by;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "One JSON document (for agents).")
        boolean json;

        @Option(names = "--csv", description = "One CSV table with a board column.")
        boolean csv;

        @Option(names = "--markdown", description = "Markdown tables.")
        boolean markdown;
    }

    @Option(names = "--log", paramLabel = "PATH|URL",
            description = "The score log: a JSONL file, or a PostgreSQL store as"
                    + " jdbc:postgresql://HOST:PORT/DB?user=ROLE (default: $WORKBENCH_LOG, else"
                    + " ~/.workbench/scores.jsonl).")
    String log;

    @Override
    public Integer call() throws IOException, CliFailure {
        GroupBy groupBy;
        try {
            groupBy = GroupBy.fromCliName(by);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "--by " + e.getMessage());
        }
        LogInput input = LogInput.open(log);
        if (input.tornTail()) {
            spec.commandLine().getErr().println("warning: " + input.source() + " ends with a torn line (an"
                    + " interrupted append); it is not an entry");
        }
        Leaderboard board = Leaderboard.of(input.scoringEntries(), groupBy);
        PrintWriter out = spec.commandLine().getOut();
        out.print(LeaderboardFormat.of(format.json, format.csv, format.markdown).render(board, input.source()));
        out.flush();
        return ExitCode.OK;
    }
}
