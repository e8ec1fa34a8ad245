package dev.scanbench.harness.measure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a candidate is timed: the value of the CLI's {@code --protocol} option. */
public enum Protocol {
    /** The workbench's own: warm-up until stable, samples until the median is precise, cold L2 ({@link DefaultProtocol}). */
    DEFAULT("default"),
    /** The original RE-Bench scorer, call for call: one wall-clock timed call after 4 warm-ups ({@link ReBenchProtocol}). */
    RE_BENCH("re-bench");

    private final String cliName;

    Protocol(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name on the command line and in JSON */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a value of {@code --protocol}, case-insensitive
     * @return the protocol it names
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static Protocol fromCliName(String name) {
        for (Protocol p : values()) {
            if (p.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Protocol::cliName).collect(Collectors.joining(", ")));
    }
}
