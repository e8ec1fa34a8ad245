package dev.scanbench.harness.cli;

import dev.scanbench.harness.worker.Heap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * Entry point of the `workbench` command. Maps every failure to one of the stable {@link ExitCode}s with a one-line
 * message on stderr, and under {@code --json} to one JSON document on stdout ({@link ErrorDocument}); only a bug in
 * the workbench prints a stack trace.
 */
public final class Main {
    /** The option that asks for JSON, on every command an agent calls. */
    static final String JSON = "--json";

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
        CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((e, rest) -> {
            int code = usage.handleParseException(e, rest);
            if (wantsJson(e.getCommandLine(), args)) {
                Json.print(out, ErrorDocument.of(ErrorDocument.name(e.getCommandLine()), code, "usage",
                        e.getMessage(), null));
            }
            return code;
        });
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // The big arrays are unreachable once the stack has unwound, so there is room to say so.
            code = ExitCode.ENVIRONMENT;
            String message = "the workbench ran out of Java heap (" + e.getMessage() + "): "
                    + Heap.advice(heapOfThisJvm());
            err.println("error: " + message);
            if (Arrays.asList(args).contains(JSON)) {
                Json.print(out, ErrorDocument.of(commandName(args), code, "out-of-memory", message, null));
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    private static int onException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean json = wantsJson(commandLine, null) || parseResult != null && matchedJson(parseResult);
        String command = ErrorDocument.name(commandLine);
        if (e instanceof CliFailure failure) {
            err.println("error: " + failure.getMessage());
            if (json) {
                Json.print(commandLine.getOut(), ErrorDocument.of(command, failure.exitCode(), failure.kind(),
                        failure.getMessage(), failure.details()));
            }
            return failure.exitCode();
        }
        if (e instanceof IOException) {
            err.println("error: " + e.getMessage());
            if (json) {
                Json.print(commandLine.getOut(), ErrorDocument.of(command, ExitCode.IO, "io", e.getMessage(), null));
            }
            return ExitCode.IO;
        }
        err.println("internal error in workbench (please report it with this trace):");
        e.printStackTrace(err);
        if (json) {
            Json.print(commandLine.getOut(), ErrorDocument.internal(command, e));
        }
        return ExitCode.INTERNAL;
    }

    /** True when the command that failed was asked for JSON: its --json matched, or (parse failed) was typed. */
    private static boolean wantsJson(CommandLine commandLine, String[] args) {
        CommandLine.ParseResult r = commandLine.getParseResult();
        if (r != null && r.hasMatchedOption(JSON)) {
            return true;
        }
        return args != null && Arrays.asList(args).contains(JSON);
    }

    private static boolean matchedJson(CommandLine.ParseResult r) {
        for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(JSON)) {
                return true;
            }
        }
        return false;
    }

    /** The command named in raw arguments (for a failure before picocli has parsed them). */
    private static String commandName(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("workbench");
    }

    private static String heapOfThisJvm() {
        long max = Runtime.getRuntime().maxMemory();
        return max >= 1L << 30 ? (max >> 30) + "g" : (max >> 20) + "m";
    }
}
