package dev.scanbench.daemon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.cli.CliFailure;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.cli.Json;
import dev.scanbench.harness.cli.Main;
import dev.scanbench.harness.session.WarmSpares;
import dev.scanbench.harness.worker.Spares;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `workbench daemon`: a warm JVM per directory and environment that runs the CLI's {@code score} and
 * {@code verify} for it ({@link Launcher}), keeping a warmed spare worker as {@code workbench mcp} does.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {
            "Keep a warm workbench JVM for this directory and environment, so that `workbench score` and "
                    + "`workbench verify` run there instead of starting two JVMs each: it keeps one worker started "
                    + "and warmed up on the workbench's own kernels, as `workbench mcp` does. The candidate still "
                    + "runs alone in a fresh sandboxed worker that exits after its one job; results, output and "
                    + "exit codes are the command's own.",
            "A daemon serves only calls from the directory it was started in, with the same environment "
                    + "(WORKBENCH_LOG, PATH, ...) and the same build; any other call, and a call while it runs "
                    + "another, runs in its own JVM as before. WORKBENCH_DAEMON=off runs every call in its own JVM. "
                    + "It ends after --idle seconds without a call, when the jar is rebuilt, or on `daemon stop`."
        },
        subcommands = {DaemonCommand.Start.class, DaemonCommand.Run.class, DaemonCommand.Status.class,
            DaemonCommand.Stop.class})
final class DaemonCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say start, run, status or stop");
    }

    /** Options of start and run. */
    static final class Serving {
        @Option(names = "--idle", paramLabel = "S", defaultValue = "1800",
                description = "End after this many seconds without a call (default: 1800).")
        long idleSeconds;

        @Option(names = "--spare-worker", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Keep one worker JVM started and warmed up while no call runs (default: on); "
                        + "--no-spare-worker starts every call's worker cold.")
        boolean spareWorker;

        Duration idle() throws CliFailure {
            if (idleSeconds < 1) {
                throw new CliFailure(ExitCode.USAGE, "--idle must be at least 1 second, not " + idleSeconds);
            }
            return Duration.ofSeconds(idleSeconds);
        }
    }

    /** Options of status and stop: which daemons, and how to answer. */
    static final class Which {
        @Option(names = "--all", description = "Every daemon of this user, whatever it serves.")
        boolean all;

        @Option(names = "--json", description = "One JSON document (for agents).")
        boolean json;

        List<DaemonAddress> addresses(DaemonAddress here) throws IOException {
            return all ? every(here) : List.of(here);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Serve in the foreground (what `daemon start` runs in the background); its log is "
                    + "stderr. Ends as the daemon does, or on Ctrl-C.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Serving serving;

        @Override
        public Integer call() throws Exception {
            Duration idle = serving.idle();
            PrintStream log = System.err;
            DaemonAddress address = DaemonAddress.current();
            if (serving.spareWorker) {
                WarmSpares.keep(line -> log.println("workbench daemon: " + line));
            }
            try {
                new DaemonServer(address, DaemonAddress::current, idle, Main::run, log,
                        () -> Spares.describe().orElse("none kept")).serve(() -> log.println(
                                "workbench daemon: ready"));
            } catch (IOException e) {
                throw new CliFailure(ExitCode.ENVIRONMENT, "environment",
                        "the daemon cannot serve here: " + e.getMessage(), null);
            } finally {
                Spares.stop();
            }
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a daemon for this directory and environment in the background and wait until "
                    + "it answers; its log is beside its socket (`daemon status` names both). Exits 0 when one "
                    + "already runs.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Serving serving;

        @Option(names = "--json", description = "One JSON document (for agents).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            serving.idle();
            DaemonAddress address = DaemonAddress.current();
            try {
                address.privateFolder();
            } catch (IOException e) {
                throw new CliFailure(ExitCode.ENVIRONMENT, "environment",
                        "no daemon can run here: " + e.getMessage(), null);
            }
            Optional<DaemonStatus> running = DaemonClient.status(address);
            boolean started = running.isEmpty();
            if (started) {
                running = Optional.of(spawn(address));
            }
            report(spec.commandLine().getOut(), json, started ? "started" : "already running", running.get(),
                    address);
            return 0;
        }

        private DaemonStatus spawn(DaemonAddress address) throws CliFailure, IOException {
            List<String> command = new ArrayList<>();
            Path setsid = Path.of("/usr/bin/setsid");
            if (Files.isExecutable(setsid)) {
                // Its own session: a terminal that closes does not take it along.
                command.add(setsid.toString());
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "daemon",
                    "run", "--idle", Long.toString(serving.idleSeconds)));
            if (!serving.spareWorker) {
                command.add("--no-spare-worker");
            }
            File log = address.log().toFile();
            Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<DaemonStatus> s = DaemonClient.status(address);
                if (s.isPresent()) {
                    return s.get();
                }
                if (!p.isAlive()) {
                    throw new CliFailure(ExitCode.ENVIRONMENT, "environment", "the daemon exited (" + p.exitValue()
                            + ") before it answered; its log: " + log + tail(log), null);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            p.destroy();
            throw new CliFailure(ExitCode.ENVIRONMENT, "environment",
                    "the daemon did not answer within 30 s; its log: " + log + tail(log), null);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether a daemon serves this directory and environment (with --all, list every "
                    + "daemon of this user). Exits 0 either way.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Which which;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            DaemonAddress here = DaemonAddress.current();
            boolean json = which.json;
            ArrayNode list = Json.object().arrayNode();
            for (DaemonAddress a : which.addresses(here)) {
                Optional<DaemonStatus> s = DaemonClient.status(a);
                if (s.isPresent()) {
                    list.add(document("running", s.get(), a));
                    if (!json) {
                        out.println(line("running", s.get(), a));
                    }
                }
            }
            if (json) {
                ObjectNode doc = Json.object().put("command", "daemon status").put("status", "ok")
                        .put("running", !list.isEmpty());
                doc.set("daemons", list);
                Json.print(out, doc);
            } else if (list.isEmpty()) {
                out.println(which.all ? "no daemon runs (" + here.folder() + ")"
                        : "no daemon serves this directory and environment; `workbench daemon start` starts one");
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the daemon of this directory and environment (with --all, every daemon of this "
                    + "user) and wait until it has ended. Exits 0 also when none runs.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Which which;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            DaemonAddress here = DaemonAddress.current();
            boolean json = which.json;
            ArrayNode stopped = Json.object().arrayNode();
            for (DaemonAddress a : which.addresses(here)) {
                Optional<Long> pid = DaemonClient.stop(a);
                if (pid.isEmpty()) {
                    continue;
                }
                Optional<ProcessHandle> h = ProcessHandle.of(pid.get());
                if (h.isPresent()) {
                    try {
                        h.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new CliFailure(ExitCode.INTERNAL, "the daemon (pid " + pid.get()
                                + ") was asked to stop but had not ended after 30 s");
                    }
                }
                stopped.add(pid.get());
                if (!json) {
                    out.println("stopped the daemon (pid " + pid.get() + ")");
                }
            }
            if (json) {
                ObjectNode doc = Json.object().put("command", "daemon stop").put("status", "ok");
                doc.set("stopped", stopped);
                Json.print(out, doc);
            } else if (stopped.isEmpty()) {
                out.println("no daemon was running");
            }
            return 0;
        }
    }

    /** The daemons of this user: one address per socket in the folder. */
    private static List<DaemonAddress> every(DaemonAddress here) throws IOException {
        List<DaemonAddress> found = new ArrayList<>();
        if (!Files.isDirectory(here.folder())) {
            return found;
        }
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(here.folder(), "*.sock")) {
            for (Path s : sockets) {
                String name = s.getFileName().toString();
                found.add(new DaemonAddress(name.substring(0, name.length() - ".sock".length()), here.folder()));
            }
        }
        return found;
    }

    private static void report(PrintWriter out, boolean json, String what, DaemonStatus s, DaemonAddress a) {
        if (json) {
            ObjectNode doc = document(what, s, a).put("command", "daemon start").put("status", "ok");
            Json.print(out, doc);
        } else {
            out.println(line(what, s, a));
        }
    }

    private static ObjectNode document(String what, DaemonStatus s, DaemonAddress a) {
        return Json.object().put("daemon", what).put("pid", s.pid()).put("directory", s.cwd())
                .put("socket", s.socket()).put("log", a.log().toString()).put("started", s.started())
                .put("calls", s.calls()).put("refused", s.refused()).put("busy", s.busy()).put("spare_worker",
                        s.spare());
    }

    private static String line(String what, DaemonStatus s, DaemonAddress a) {
        return "daemon " + what + ": pid " + s.pid() + ", serving " + s.cwd() + " since " + s.started() + "; "
                + s.calls() + " calls run, " + s.refused() + " refused, " + (s.busy() ? "running a call" : "idle")
                + "; spare worker: " + s.spare() + "\n  socket " + s.socket() + "\n  log    " + a.log();
    }

    private static String tail(File log) {
        try {
            List<String> lines = Files.readAllLines(log.toPath());
            return lines.isEmpty() ? "" : ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10),
                    lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
