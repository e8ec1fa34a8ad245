package dev.scanbench.harness.measure;

/**
 * The memory bandwidths FIGURES.md quotes for the H100, for reports that place a time against the hardware and
 * for the traffic model of {@code dev.scanbench.harness.model}. Quoted, not measured here; {@link PhysicalFloor}
 * judges times against the bandwidth measured on the device.
 */
public enum PublishedBandwidth {
    /** H100 SXM (HBM3) datasheet peak: 3.35 TB/s, floor 0.239 ms at n = 10^8. */
    H100_SXM_DATASHEET("H100 SXM datasheet", 3.35e12),
    /** Stream copy measured on an H100 SXM, upper figure: 3.0 TB/s, floor 0.267 ms. */
    H100_SXM_STREAM_COPY_HIGH("H100 SXM measured stream copy (high)", 3.0e12),
    /** Stream copy measured on an H100 SXM, lower figure: 2.9 TB/s, floor 0.276 ms. */
    H100_SXM_STREAM_COPY_LOW("H100 SXM measured stream copy (low)", 2.9e12),
    /** CUB's decoupled look-back scan measured on an H100 80GB HBM3: 2.61 TB/s, 0.307 ms. */
    CUB_SCAN_H100("CUB decoupled look-back scan on H100 80GB HBM3", 2.61e12),
    /** H100 PCIe datasheet peak: 2.0 TB/s, floor 0.40 ms. */
    H100_PCIE_DATASHEET("H100 PCIe datasheet", 2.0e12);

    private final String description;
    private final double bytesPerSecond;

    PublishedBandwidth(String description, double bytesPerSecond) {
        this.description = description;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** @return where the figure comes from, in words */
    public String description() {
        return description;
    }

    /** @return the bandwidth in bytes per second */
    public double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** @return the bandwidth in TB/s (10^12 bytes per second), for display */
    public double terabytesPerSecond() {
        return bytesPerSecond / 1e12;
    }

    /** @return the time to move the scan's minimum traffic of 8n bytes at this bandwidth, in ms */
    public double floorMs(long n) {
        return PhysicalFloor.minimumTrafficBytes(n) / bytesPerSecond * 1e3;
    }
}
