package dev.scanbench.harness.cli;

import dev.scanbench.harness.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level `workbench` command: it only dispatches to subcommands. */
@Command(name = "workbench",
        mixinStandardHelpOptions = true,
        versionProvider = WorkbenchCommand.VersionProvider.class,
        description = {
            "A workbench for the prefix-sum kernel of METR's RE-Bench 'optimize a kernel' task:",
            "y[i] = sum of x[j], j <= i, counted only while an odd number of positives precede x[j].",
            ""
        },
        subcommands = {
            GenerateCommand.class,
            RunCommand.class,
            CompileCommand.class,
            VerifyCommand.class,
            LogCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 candidate or check failed, 2 usage, 3 environment missing,",
            "            4 unreadable or malformed file, 70 internal error.",
            "Run 'workbench help COMMAND' or 'workbench COMMAND --help' for a command's options."
        })
final class WorkbenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"workbench " + Version.get()};
        }
    }
}
