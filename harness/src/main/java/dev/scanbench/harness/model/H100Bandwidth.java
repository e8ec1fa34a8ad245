package dev.scanbench.harness.model;

/**
 * The H100 bandwidths of FIGURES.md's floor table, each with where it comes from. They are quoted figures,
 * not measurements made by this project.
 */
public enum H100Bandwidth {
    /** H100 SXM (HBM3) datasheet peak: 3.35 TB/s, a floor no kernel reaches. */
    SXM_DATASHEET("H100 SXM datasheet", 3.35e12),
    /** H100 SXM measured stream copy, the low end of 2.9-3.0 TB/s: what a copy-speed kernel achieves. */
    SXM_STREAM_COPY("H100 SXM measured stream copy", 2.9e12),
    /** CUB's decoupled look-back scan measured on an H100 80GB HBM3: 2.61 TB/s. */
    SXM_CUB_SCAN("CUB look-back scan measured on H100 SXM", 2.61e12),
    /** H100 PCIe datasheet peak: 2.0 TB/s. */
    PCIE_DATASHEET("H100 PCIe datasheet", 2.0e12);

    private final String source;
    private final double bytesPerSecond;

    H100Bandwidth(String source, double bytesPerSecond) {
        this.source = source;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Where the figure comes from, e.g. {@code H100 SXM datasheet}. */
    public String source() {
        return source;
    }

    /** The bandwidth in bytes per second. */
    public double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The bandwidth in TB/s (10^12 bytes per second), for display. */
    public double terabytesPerSecond() {
        return bytesPerSecond / 1e12;
    }
}
