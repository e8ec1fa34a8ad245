package dev.scanbench.harness.session;

import java.util.Locale;

/** How a scoring run ended, as the report, the JSON and the score log say it. */
public enum ScoreStatus {
    /** Every output was exact and the time (or, on the emulator, the counted work) is valid. */
    OK,
    /** An output was wrong or the input was modified. */
    WRONG_ANSWER,
    /** Refused: at compile, static checks or plan validation, or for an impossible time. */
    REJECTED,
    /** A call ran past its limit, or the emulator's deadlock detector stopped a kernel. */
    TIMED_OUT,
    /** The worker died: exit, signal, JVM fatal error, out of memory, or an error in the harness. */
    CRASHED,
    /** A kernel faulted (illegal address, trap, diagnostic error) or the driver refused a launch. */
    DEVICE_FAULT;

    /** @return the lower-case name used in JSON, e.g. {@code wrong_answer} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the words used in the human report, e.g. {@code wrong answer} */
    public String words() {
        return jsonName().replace('_', ' ');
    }
}
