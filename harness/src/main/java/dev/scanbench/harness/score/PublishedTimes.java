package dev.scanbench.harness.score;

/**
 * The published wall-clock times of METR's RE-Bench "Optimize a kernel" task (2024), in milliseconds,
 * for n = 100,000,000 int32 on one H100. Quoted from the RE-Bench report as summarised in FIGURES.md;
 * none of them is measured by this project.
 */
public final class PublishedTimes {

    /** The task's starting solution (PyTorch, several cumsum passes): 4.76 ms, score ln 4.76 = 1.56. */
    public static final double START_MS = 4.76;

    /** The task's reference solution (three Triton kernels): 1.6 ms, score 0.47, normalised 1.00 by definition. */
    public static final double REFERENCE_MS = 1.6;

    /** The best of nine human experts after about 8 hours each: 0.667 ms, score -0.405, normalised 1.80. */
    public static final double BEST_HUMAN_MS = 0.667;

    /** The best agent run (o1-preview with the AIDE scaffold): 0.64 ms, normalised 1.84. */
    public static final double BEST_AGENT_MS = 0.64;

    private PublishedTimes() {
    }
}
