package dev.scanbench.harness.model;

import dev.scanbench.harness.measure.PublishedBandwidth;
import java.util.List;

/**
 * The one table of constants the H100 model ({@link H100Model}) uses, each with its published source. They are
 * rounded, public figures for an H100 SXM, not measurements of any device this workbench has seen; docs/model.md
 * says where the model built from them is known to be wrong.
 */
public final class H100Constants {
    /** Sustained DRAM bandwidth: the lower measured stream-copy figure of FIGURES.md (the traffic floor's rate). */
    public static final ModelConstant BANDWIDTH = new ModelConstant("DRAM bandwidth",
            PublishedBandwidth.H100_SXM_STREAM_COPY_LOW.bytesPerSecond(), "B/s",
            PublishedBandwidth.H100_SXM_STREAM_COPY_LOW.description() + " (FIGURES.md; datasheet peak 3.35 TB/s)");

    /**
     * One dependent cross-CTA hop: the producer's release store reaching L2 and the consumer's acquire load
     * coming back, two L2 round trips of roughly 260-300 ns each (pointer-chase latencies of the H100's L2 in
     * published microbenchmarks), plus the poll's back-off.
     */
    public static final ModelConstant HOP_LATENCY = new ModelConstant("dependent hop latency", 0.6e-6, "s",
            "2 x H100 L2 round trip (~0.26-0.3 us each: Chips and Cheese, 'Nvidia's H100: Funny L2, and Tons of"
                    + " Bandwidth', 2023; Luo et al., 'Benchmarking and Dissecting the Nvidia Hopper GPU"
                    + " Architecture', arXiv:2402.13499), rounded up for the poll's back-off");

    /**
     * Warp instructions one SM issues per second: four sub-partitions, each with a scheduler that issues one
     * warp instruction per clock (Hopper whitepaper), at the 1,755 MHz boost clock measured on an H100.
     */
    public static final ModelConstant SM_ISSUE_RATE = new ModelConstant("SM issue rate", 4 * 1.755e9,
            "warp-instructions/s", "4 schedulers x 1 warp instruction per clock (NVIDIA H100 Tensor Core GPU"
                    + " Architecture whitepaper, 2022) x 1,755 MHz max boost (Chips and Cheese, 2023)");

    /** Gap between two dependent kernels launched back to back in one stream. */
    public static final ModelConstant LAUNCH_OVERHEAD = new ModelConstant("launch overhead", 2.0e-6, "s",
            "a few microseconds per stream-launched kernel (NVIDIA Technical Blog, 'Getting Started with CUDA"
                    + " Graphs', 2019), taken as 2 us back to back");

    /** SMs of an H100 SXM, over which the emulator places CTAs. */
    public static final int SMS = 132;

    /** The table, in the order the model's terms are listed. */
    public static final List<ModelConstant> ALL = List.of(BANDWIDTH, HOP_LATENCY, SM_ISSUE_RATE, LAUNCH_OVERHEAD);

    private H100Constants() {
    }
}
