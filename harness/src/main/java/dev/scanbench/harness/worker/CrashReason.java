package dev.scanbench.harness.worker;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Says why a worker died, from its exit status and what it printed last. */
final class CrashReason {

    /** The first line of HotSpot's fatal error banner (a crash in native code, e.g. a driver). */
    private static final String FATAL_BANNER = "A fatal error has been detected by the Java Runtime Environment";
    /**
     * The banner's line naming the signal, e.g. {@code #  SIGSEGV (0xb) at pc=0x..., pid=1, tid=2}. HotSpot
     * prints the banner on stdout, so it reaches the tail as printed output, behind its prefix.
     */
    private static final Pattern FATAL_SIGNAL = Pattern.compile(
            "(?m)^(?:\\[stdout\\] )?#\\s+(SIG[A-Z]+ \\(0x[0-9a-f]+\\)[^\\n]*)");
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("(?m)^.*OutOfMemoryError.*$");

    private CrashReason() {
    }

    /**
     * @param exitCode the status {@link Process#exitValue()} gave
     * @param context  what the worker had not done, e.g. "before reporting a result"
     * @param tail     the end of its stderr
     * @return e.g. {@code "exited with status 1 before reporting a result; JVM fatal error: SIGSEGV (0xb) at
     *         pc=..."}
     */
    static String of(int exitCode, String context, String tail) {
        OptionalInt signal = WorkerOutcome.Crashed.signalOf(exitCode);
        StringBuilder reason = new StringBuilder(signal.isPresent()
                ? "killed by " + WorkerOutcome.Crashed.signalName(signal.getAsInt()) + " (exit status " + exitCode + ")"
                : "exited with status " + exitCode);
        reason.append(' ').append(context);
        if (tail.contains(FATAL_BANNER)) {
            Matcher m = FATAL_SIGNAL.matcher(tail);
            reason.append("; JVM fatal error").append(m.find() ? ": " + m.group(1).strip() : "");
        }
        Matcher oom = OUT_OF_MEMORY.matcher(tail);
        if (oom.find()) {
            reason.append("; out of memory: ").append(oom.group().strip());
        }
        return reason.toString();
    }
}
