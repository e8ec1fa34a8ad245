package dev.scanbench.harness.worker;

import dev.scanbench.harness.Defaults;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java heap of the CLI and its workers: {@link Defaults#HEAP_ENV_VARIABLE} or {@link Defaults#WORKER_HEAP},
 * and what to set when it ran out.
 */
public final class Heap {

    /** What {@code -Xmx} accepts: a number of bytes, or of kilo-, mega-, giga- or terabytes. */
    static final Pattern SIZE = Pattern.compile("([1-9][0-9]*)([kKmMgGtT]?)");

    private Heap() {
    }

    /**
     * The heap a worker gets: the value of {@code WORKBENCH_HEAP}, else the default.
     *
     * @throws IllegalArgumentException if the variable is set to something {@code -Xmx} does not accept
     */
    public static String fromEnvironment(Map<String, String> env) {
        String value = env.get(Defaults.HEAP_ENV_VARIABLE);
        if (value == null || value.isBlank()) {
            return Defaults.WORKER_HEAP;
        }
        if (!SIZE.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException(Defaults.HEAP_ENV_VARIABLE + "='" + value
                    + "' is not a heap size such as 512m or 8g");
        }
        return value.strip();
    }

    /** The size in bytes of a heap value such as {@code 4g}. */
    static long bytes(String heap) {
        Matcher m = SIZE.matcher(heap);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a heap size: " + heap);
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> v << 10;
            case "m" -> v << 20;
            case "g" -> v << 30;
            case "t" -> v << 40;
            default -> v;
        };
    }

    /**
     * What to do about running out of a heap: {@code rerun with WORKBENCH_HEAP=8g (this run had 4g)}, twice the
     * heap rounded up to a whole unit.
     *
     * @param heap the heap that ran out, e.g. {@code 4g}, or null when unknown
     */
    public static String advice(String heap) {
        long twice = heap == null ? 2 * bytes(Defaults.WORKER_HEAP) : 2 * bytes(heap);
        String suggestion = twice >= 1L << 30 ? ((twice + (1L << 30) - 1) >> 30) + "g"
                : ((twice + (1L << 20) - 1) >> 20) + "m";
        return "rerun with " + Defaults.HEAP_ENV_VARIABLE + "=" + suggestion
                + (heap == null ? "" : " (this run had " + heap + ")");
    }
}
