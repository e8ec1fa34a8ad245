package dev.scanbench.harness.measure;

/**
 * Cache state each sample starts from. The scored size (n = 10^8, 800 MB of traffic) dwarfs a 50 MiB L2
 * either way, but smaller sizes would otherwise be timed out of the cache they were just written into.
 */
public enum Mode {
    /** The default: the L2 is flushed before every sample (see {@link L2Flush}), as a scorer's fresh call sees it. */
    COLD,
    /** No flush: whatever the preparation left in the L2 stays there, as in a tight loop of calls. */
    HOT;

    /** @return the lower-case name used on the command line and in JSON: {@code cold} or {@code hot} */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
