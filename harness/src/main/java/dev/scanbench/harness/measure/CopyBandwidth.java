package dev.scanbench.harness.measure;

import java.util.Locale;

/**
 * Device memory bandwidth as measured by a device-to-device copy: the glue times a copy kernel at the start
 * of a measurement, and this turns its size and time into bytes per second.
 *
 * @param bytesPerSecond the traffic rate: bytes read plus bytes written, per second
 */
public record CopyBandwidth(double bytesPerSecond) {

    /** @throws IllegalArgumentException when the rate is not finite and positive */
    public CopyBandwidth {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("bandwidth must be finite and positive, got " + bytesPerSecond);
        }
    }

    /**
     * The bandwidth of one timed copy. A copy of B bytes moves 2B bytes of traffic (each byte read once and
     * written once), the same accounting as the 8n bytes of the scan's minimum traffic.
     *
     * @param bytesCopied size of the copied buffer
     * @param ms          time of the copy, by device events
     * @throws IllegalArgumentException when the size or time is not positive
     */
    public static CopyBandwidth fromCopy(long bytesCopied, double ms) {
        if (bytesCopied <= 0 || !(ms > 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException("a copy needs a positive size and time, got " + bytesCopied
                    + " bytes in " + ms + " ms");
        }
        return new CopyBandwidth(2.0 * bytesCopied / (ms / 1e3));
    }

    /** @return the bandwidth in TB/s (10^12 bytes per second) */
    public double terabytesPerSecond() {
        return bytesPerSecond / 1e12;
    }

    /** @return e.g. {@code "2.95 TB/s"} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f TB/s", terabytesPerSecond());
    }
}
