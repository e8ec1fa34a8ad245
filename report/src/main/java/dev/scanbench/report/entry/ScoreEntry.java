package dev.scanbench.report.entry;

import java.time.Instant;
import java.util.Optional;

/**
 * One scoring entry of the log as the report reads it. Everything but the chain fields may be missing from an
 * older entry; what is missing is null (or empty), never guessed.
 *
 * @param seq        the entry's position in the chain
 * @param hash       its hash
 * @param time       when it was logged
 * @param kernel     the kernel path as given to {@code score}
 * @param label      who or what submitted it ({@code --label}), or null
 * @param note       the submitter's note, or null
 * @param status     {@code ok}, {@code wrong_answer}, {@code rejected}, ...
 * @param basis      GPU, simulated or emulator
 * @param device     the device in words as the entry records it (may be null for runs refused before running)
 * @param deviceKey  what identifies the device for comparisons (the driver's name, capability, memory and clocks
 *                   when recorded, else the device's name without its changing details such as free memory)
 * @param n          the problem size
 * @param practice   the entry says it is a practice run ({@code practice: true}; absent means not): never ranked
 * @param timing     the measurement, for timed entries that kept one
 * @param score      ln(ms), or null
 * @param normalised y_n, or null
 * @param speedupVsBestHuman 0.667 ms over the time, or null
 * @param speedupVsBestAgent 0.64 ms over the time, or null
 * @param work       the emulator's counted work, or null
 * @param sourceSha256 the stored source's hash, or null for entries that predate the source store
 */
public record ScoreEntry(long seq, String hash, Instant time, String kernel, String label, String note, String status,
                         Basis basis, String device, String deviceKey, long n, boolean practice, Timing timing,
                         Double score, Double normalised, Double speedupVsBestHuman, Double speedupVsBestAgent,
                         Work work, String sourceSha256) {

    /** What an entry without a label is grouped under. */
    public static final String NO_LABEL = "(no label)";

    /** @return true when the run passed verification (and, if timed, was not rejected) */
    public boolean ok() {
        return "ok".equals(status);
    }

    /** @return the scored time (the median), when the entry is ok and timed */
    public Optional<Double> timeMs() {
        return ok() && timing != null ? Optional.of(timing.medianMs()) : Optional.empty();
    }

    /** @return the label, or {@link #NO_LABEL} */
    public String labelOrNone() {
        return label == null ? NO_LABEL : label;
    }

    /** @return the first 12 hex digits of the hash, as tables show it */
    public String shortHash() {
        return hash.substring(0, 12);
    }

    /** @return e.g. {@code "#12 kernels/04.cu"} */
    public String describe() {
        return "#" + seq + " " + kernel + (label == null ? "" : " [" + label + "]");
    }
}
