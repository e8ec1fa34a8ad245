package dev.scanbench.daemon;

import dev.scanbench.harness.cli.Main;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The jar's entry point. {@code score} and {@code verify} go to the daemon serving this directory, environment and
 * build when one is running ({@code workbench daemon start}), which runs them in its warm JVM with a warmed spare
 * worker; everything else, and those two when no daemon takes them, run here through {@link Main} as before.
 * This class loads nothing of the CLI's before it knows, so that a forwarded call pays only for a bare JVM.
 */
public final class Launcher {
    /** The commands a daemon runs: the ones that start a worker, where a warm spare saves the most. */
    static final Set<String> FORWARDED = Set.of("score", "verify");

    /** {@code WORKBENCH_DAEMON=off} runs every command here, a daemon or not. */
    static final String SWITCH = "WORKBENCH_DAEMON";

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && FORWARDED.contains(args[0]) && !"off".equals(System.getenv(SWITCH))) {
            OptionalInt code = DaemonClient.forward(DaemonAddress.current(), args,
                    new FileOutputStream(FileDescriptor.out), System.err);
            if (code.isPresent()) {
                System.exit(code.getAsInt());
            }
        }
        Main.main(args);
    }
}
