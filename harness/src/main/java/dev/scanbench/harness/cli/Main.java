package dev.scanbench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * Entry point of the `workbench` command. Maps every failure to one of the stable {@link ExitCode}s with a one-line
 * message on stderr; only a bug in the workbench prints a stack trace.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs one command line with the given streams and returns its exit code (tests call this directly). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new WorkbenchCommand());
        for (WorkbenchExtension extension : ServiceLoader.load(WorkbenchExtension.class)) {
            extension.commands().forEach(commandLine::addSubcommand);
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Main::onException);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int onException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof CliFailure failure) {
            err.println("error: " + failure.getMessage());
            return failure.exitCode();
        }
        if (e instanceof IOException) {
            err.println("error: " + e.getMessage());
            return ExitCode.IO;
        }
        err.println("internal error in workbench (please report it with this trace):");
        e.printStackTrace(err);
        return ExitCode.INTERNAL;
    }
}
