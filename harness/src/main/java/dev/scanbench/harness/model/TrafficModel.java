package dev.scanbench.harness.model;

import dev.scanbench.harness.measure.PublishedBandwidth;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns global traffic into modelled H100 times with FIGURES.md's bandwidth table: {@code time = bytes per
 * element * n / bandwidth}. The emulator has no clock; this is what it can honestly say about speed, and only
 * as a labelled model (see {@link TrafficEstimate}).
 */
public final class TrafficModel {
    /** The scoring size of the task, n = 10^8, at which estimates are usually quoted. */
    public static final long SCORING_N = 100_000_000L;

    private TrafficModel() {
    }

    /**
     * The modelled time of moving {@code bytesPerElement} bytes for each of {@code n} elements.
     *
     * @throws IllegalArgumentException if {@code bytesPerElement} is negative or not finite, or {@code n < 1}
     */
    public static TrafficEstimate estimate(double bytesPerElement, long n, PublishedBandwidth bandwidth) {
        if (!(bytesPerElement >= 0) || Double.isInfinite(bytesPerElement) || n < 1) {
            throw new IllegalArgumentException("need finite bytesPerElement >= 0 and n >= 1, got "
                    + bytesPerElement + " and " + n);
        }
        return new TrafficEstimate(bandwidth, n, bytesPerElement, bytesPerElement * n / bandwidth.bytesPerSecond() * 1e3);
    }

    /**
     * Estimates at {@code targetN} from a run that moved {@code globalBytes} for {@code measuredN} elements,
     * one per bandwidth of the table, fastest first. Scaling per element is what the model assumes: traffic
     * linear in n, which per-tile overheads make slightly pessimistic for small measured runs.
     *
     * @throws IllegalArgumentException if {@code globalBytes < 0} or {@code measuredN < 1} or {@code targetN < 1}
     */
    public static List<TrafficEstimate> fromRun(long globalBytes, long measuredN, long targetN) {
        if (globalBytes < 0 || measuredN < 1) {
            throw new IllegalArgumentException("need globalBytes >= 0 and measuredN >= 1, got " + globalBytes
                    + " and " + measuredN);
        }
        List<TrafficEstimate> out = new ArrayList<>();
        for (PublishedBandwidth b : PublishedBandwidth.values()) {
            out.add(estimate(globalBytes / (double) measuredN, targetN, b));
        }
        return out;
    }
}
