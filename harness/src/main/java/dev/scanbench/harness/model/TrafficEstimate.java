package dev.scanbench.harness.model;

import dev.scanbench.harness.measure.PublishedBandwidth;
import java.util.Locale;

/**
 * A modelled H100 time: global traffic divided by a quoted bandwidth. A model, never a measurement: it
 * ignores latency, launches, compute and caches, and is a floor for the traffic, not a prediction. It must
 * never be logged or reported as a time score.
 *
 * @param bandwidth       the bandwidth assumed
 * @param n               the element count the estimate is for
 * @param bytesPerElement global bytes read and written per element (e.g. measured on the emulator)
 * @param modelMillis     the modelled time in milliseconds: {@code bytesPerElement * n / bandwidth}
 */
public record TrafficEstimate(PublishedBandwidth bandwidth, long n, double bytesPerElement, double modelMillis) {

    /** One line naming it a model, e.g. {@code model H100 estimate (not a time): 0.276 ms at 2.90 TB/s (...)}. */
    public String describe() {
        return String.format(Locale.ROOT, "model H100 estimate (not a time): %.3f ms at %.2f TB/s (%s),"
                        + " %.3f B/element x %d elements", modelMillis, bandwidth.terabytesPerSecond(),
                bandwidth.description(), bytesPerElement, n);
    }
}
