package dev.scanbench.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a worker job ended. Every outcome carries the tail of the worker's stderr (with anything it printed
 * on stdout that was not an event), for the report and the score log.
 */
public sealed interface WorkerOutcome {

    /** @return the last bytes the worker printed, possibly empty */
    String stderrTail();

    /** @return one line for a report, saying what happened and why */
    String describe();

    /**
     * The job finished and returned a result.
     *
     * @param result     what the job returned
     * @param stderrTail what the worker printed
     */
    record Completed(JsonNode result, String stderrTail) implements WorkerOutcome {
        @Override
        public String describe() {
            return "completed";
        }
    }

    /**
     * The job reported a failure: one it recognised ({@link JobFailure}, e.g. {@code "device-fault"}), or
     * one of {@link FailureKinds} (an exception, out of memory, an unknown job).
     *
     * @param kind       what kind of failure
     * @param message    what failed
     * @param details    structured facts, never null
     * @param stderrTail what the worker printed
     */
    record Failed(String kind, String message, JsonNode details, String stderrTail) implements WorkerOutcome {
        @Override
        public String describe() {
            return kind + ": " + message;
        }
    }

    /**
     * The watchdog killed the worker (and its descendants) because a limit ran out.
     *
     * @param limit        which limit: one call's or the whole job's
     * @param call         the call that was running, if any
     * @param seconds      how long that call (for {@link Limit#CALL}) or the job had been running
     * @param limitSeconds the limit that ran out
     * @param stderrTail   what the worker printed
     */
    record TimedOut(Limit limit, Optional<String> call, double seconds, double limitSeconds, String stderrTail)
            implements WorkerOutcome {
        @Override
        public String describe() {
            String what = limit == Limit.CALL ? "call '" + call.orElseThrow() + "'"
                    : "the job" + call.map(c -> " (in call '" + c + "')").orElse("");
            return String.format(Locale.ROOT, "timed out: %s ran %.1f s, over the %s limit of %.1f s; killed",
                    what, seconds, limit == Limit.CALL ? "per-call" : "job", limitSeconds);
        }
    }

    /** Which limit a {@link TimedOut} ran past. */
    enum Limit {
        /** The per-call limit, counted from the call's {@code call-start} event. */
        CALL,
        /** The whole job's limit, counted from the worker's start. */
        JOB
    }

    /**
     * The worker ended without a result or failure: it exited (System.exit, Runtime.halt), was killed by a
     * signal, died of a JVM fatal error (SIGSEGV in native code; HotSpot then exits with status 1), ran out
     * of memory beyond reporting it, or closed its protocol stream.
     *
     * @param exitCode   the exit status as Java reports it: 128 + the signal number for a signal; -1 if the
     *                   worker could not be killed and its status is unknown
     * @param signal     the signal that killed it, inferred from {@code exitCode} above 128
     * @param reason     what happened, read from the exit status and the stderr tail
     * @param stderrTail what the worker printed
     */
    record Crashed(int exitCode, OptionalInt signal, String reason, String stderrTail) implements WorkerOutcome {

        /** Signal numbers are small; an exit status of 128 + n reports signal n. */
        private static final int SIGNAL_BASE = 128;
        private static final int MAX_SIGNAL = 64;

        /** @return the signal an exit status as reported by {@link Process#exitValue()} stands for */
        static OptionalInt signalOf(int exitCode) {
            int signal = exitCode - SIGNAL_BASE;
            return signal > 0 && signal <= MAX_SIGNAL ? OptionalInt.of(signal) : OptionalInt.empty();
        }

        /** @return the conventional name of a signal, e.g. {@code SIGKILL}, or {@code signal N} */
        static String signalName(int signal) {
            String name = switch (signal) {
                case 1 -> "SIGHUP";
                case 2 -> "SIGINT";
                case 4 -> "SIGILL";
                case 6 -> "SIGABRT";
                case 7 -> "SIGBUS";
                case 8 -> "SIGFPE";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 13 -> "SIGPIPE";
                case 15 -> "SIGTERM";
                default -> null;
            };
            return Objects.requireNonNullElse(name, "signal " + signal);
        }

        @Override
        public String describe() {
            return "crashed: " + reason;
        }
    }
}
