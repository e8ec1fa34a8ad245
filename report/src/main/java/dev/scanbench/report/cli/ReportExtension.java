package dev.scanbench.report.cli;

import dev.scanbench.harness.cli.WorkbenchExtension;
import java.util.List;

/** Adds {@code leaderboard}, {@code compare} and {@code report} to the {@code workbench} command. */
public final class ReportExtension implements WorkbenchExtension {
    @Override
    public List<Object> commands() {
        return List.of(new LeaderboardCommand(), new CompareCommand(), new ReportCommand());
    }
}
