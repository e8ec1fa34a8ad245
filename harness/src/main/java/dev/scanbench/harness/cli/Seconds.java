package dev.scanbench.harness.cli;

import java.time.Duration;
import java.util.Locale;

/** A time limit given in seconds on the command line, checked: a bad value is a usage error (exit 2), never a crash. */
final class Seconds {
    private Seconds() {
    }

    /**
     * @param option the option's name, for the message
     * @param value  what was given (null when not given)
     * @param min    the least it may be (a limit the watchdog's resolution cannot keep is refused)
     * @param max    the most it may be
     * @param absent what not giving it means
     * @throws CliFailure (exit 2) for a value that is not a number of seconds in [min, max]
     */
    static Duration parse(String option, Double value, Duration min, Duration max, Duration absent) throws CliFailure {
        if (value == null) {
            return absent;
        }
        if (!(value >= min.toMillis() / 1000.0) || !(value <= max.toMillis() / 1000.0)) {
            throw new CliFailure(ExitCode.USAGE, String.format(Locale.ROOT,
                    "%s must be a number of seconds from %s to %s, not %s", option, plain(min), plain(max), value));
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private static String plain(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
