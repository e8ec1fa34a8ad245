package dev.scanbench.harness.measure;

import dev.scanbench.harness.Defaults;
import java.util.Locale;

/**
 * The fastest time physics allows for the scan on a device: the data that must cross the memory bus, over the
 * device's bandwidth. A time below it is not fast, it is wrong (a broken timer, work outside the timed
 * region, or an output that was never computed) and is rejected.
 *
 * <p>The minimum traffic is 8n bytes: x read once and y written once. Two allowances keep the floor a bound
 * no honest kernel can cross: the L2 may hold up to its size of x at the start (hot mode) and absorb up to
 * its size of y's writes at the end, so {@code 2 x L2} bytes need not reach DRAM; and a kernel may move data
 * somewhat faster than the harness's own copy kernel ({@link Defaults#FLOOR_BANDWIDTH_SLACK}).
 *
 * <p>At small n that bound is zero (two L2-fulls hide everything below 12.5 million elements on an H100) while a
 * time can still be impossible: no launch completes in no time. So the floor is also at least the harness's own
 * copy of the same n elements (one launch, fastest of several, timed on the same device) over
 * {@link Defaults#FLOOR_LATENCY_SLACK}: a scan cannot finish much sooner than a copy of its input.
 */
public final class PhysicalFloor {
    private final CopyBandwidth bandwidth;
    private final long l2Bytes;
    private final double slack;
    private final double latencyFloorMs;

    /**
     * @param bandwidth the device's copy bandwidth
     * @param l2Bytes   the device's L2 size
     * @param slack     how much faster than {@code bandwidth} a kernel may move data, at least 1
     * @throws IllegalArgumentException when the L2 size is negative or the slack below 1
     */
    public PhysicalFloor(CopyBandwidth bandwidth, long l2Bytes, double slack) {
        if (l2Bytes < 0 || !(slack >= 1) || Double.isInfinite(slack)) {
            throw new IllegalArgumentException("need an L2 size >= 0 and a finite slack >= 1, got " + l2Bytes + ", " + slack);
        }
        this.bandwidth = bandwidth;
        this.l2Bytes = l2Bytes;
        this.slack = slack;
        this.latencyFloorMs = 0;
    }

    private PhysicalFloor(PhysicalFloor traffic, double latencyFloorMs) {
        this.bandwidth = traffic.bandwidth;
        this.l2Bytes = traffic.l2Bytes;
        this.slack = traffic.slack;
        this.latencyFloorMs = latencyFloorMs;
    }

    /**
     * @param copyMs the harness's fastest copy of the run's n elements on the device, in ms
     * @return this floor, at least {@code copyMs / }{@link Defaults#FLOOR_LATENCY_SLACK} for the run's n
     * @throws IllegalArgumentException when the time is negative or not finite
     */
    public PhysicalFloor withCopyOfN(double copyMs) {
        if (!(copyMs >= 0) || Double.isInfinite(copyMs)) {
            throw new IllegalArgumentException("a copy time must be finite and >= 0, got " + copyMs);
        }
        return new PhysicalFloor(this, copyMs / Defaults.FLOOR_LATENCY_SLACK);
    }

    /**
     * The floor where traffic cannot bind ({@link #canBind} false: two L2-fulls hide all of it), so no bandwidth
     * was measured: the copy bound alone.
     *
     * @param l2Bytes the device's L2 size
     * @param copyMs  the harness's fastest copy of the run's n elements on the device, in ms
     */
    public static PhysicalFloor copyBoundOnly(long l2Bytes, double copyMs) {
        return new PhysicalFloor(null, l2Bytes, Defaults.FLOOR_BANDWIDTH_SLACK).withCopyOfN(copyMs);
    }

    /** The floor for a measured bandwidth, with the workbench's slack. */
    public static PhysicalFloor of(CopyBandwidth bandwidth, long l2Bytes) {
        return new PhysicalFloor(bandwidth, l2Bytes, Defaults.FLOOR_BANDWIDTH_SLACK);
    }

    /** @return 8n: the bytes any correct scan of n int32 moves, reading x once and writing y once */
    public static long minimumTrafficBytes(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        return Math.multiplyExact(n, 8L);
    }

    /**
     * @return true when a floor can be above 0 for this n and L2 size at any bandwidth: when the minimum traffic
     *         exceeds the two L2-fulls it allows for. Below that, measuring the bandwidth bounds nothing.
     */
    public static boolean canBind(long n, long l2Bytes) {
        return minimumTrafficBytes(n) > 2 * l2Bytes;
    }

    /** @return the bytes that must reach DRAM: the minimum traffic less what two L2-fulls can hide, at least 0 */
    public long dramTrafficBytes(long n) {
        return Math.max(0, minimumTrafficBytes(n) - 2 * l2Bytes);
    }

    /**
     * @return the floor in ms for the run's n: DRAM traffic over the bandwidth allowed (measured bandwidth times
     *         slack), and at least the copy bound when {@link #withCopyOfN} gave one
     */
    public double floorMs(long n) {
        return Math.max(trafficFloorMs(n), latencyFloorMs);
    }

    /** @return DRAM traffic over the bandwidth allowed, in ms: the bound that matters at large n */
    public double trafficFloorMs(long n) {
        if (bandwidth == null) {
            return 0;
        }
        return dramTrafficBytes(n) / (bandwidth.bytesPerSecond() * slack) * 1e3;
    }

    /** @return true when {@code ms} is below the floor for {@code n}: physically impossible */
    public boolean impossible(long n, double ms) {
        return ms < floorMs(n);
    }

    /** @return the floor and how it was derived, for an alarm or a report */
    public String describe(long n) {
        String traffic = bandwidth == null
                ? String.format(Locale.ROOT, "no bytes need reach DRAM: two L2-fulls of %d bytes hide all %d",
                        l2Bytes, minimumTrafficBytes(n))
                : String.format(Locale.ROOT, "%d bytes that must reach DRAM at %s measured x %.2f slack",
                        dramTrafficBytes(n), bandwidth, slack);
        if (latencyFloorMs > trafficFloorMs(n)) {
            return String.format(Locale.ROOT, "%.4f ms (the harness's own copy of n elements took %.4f ms, over"
                    + " %.2f slack; %s: %.4f ms)", floorMs(n), latencyFloorMs * Defaults.FLOOR_LATENCY_SLACK,
                    Defaults.FLOOR_LATENCY_SLACK, traffic, trafficFloorMs(n));
        }
        return String.format(Locale.ROOT, "%.4f ms (%s)", floorMs(n), traffic);
    }
}
