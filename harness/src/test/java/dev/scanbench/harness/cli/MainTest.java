package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("generate", "run", "log", "doctor", "Exit codes: 0 ok");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"generate", "run", "log", "doctor"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isEqualTo(ExitCode.OK);
            assertThat(run.out()).as(command).contains("Usage: workbench " + command);
        }
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("a subcommand is required");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("generate", "-o", "x.npy", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void versionNamesTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).matches("(?s)workbench \\d+\\.\\d+\\.\\d+.*");
    }
}
