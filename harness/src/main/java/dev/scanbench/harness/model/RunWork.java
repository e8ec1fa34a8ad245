package dev.scanbench.harness.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the H100 model reads from one emulated run of a plan: its size and the counts that bound its time.
 *
 * @param n                     elements the run scanned
 * @param launches              kernel launches
 * @param globalBytes           global bytes read and written
 * @param chainHops             the longest chain of dependent cross-CTA hops, summed over the launches
 * @param steadyChainHops       the chain at its steady rate per CTA ({@code CriticalPathCounts#steadyChainHops}),
 *                              summed over the launches: what grows with the grid
 * @param busiestSmInstructions warp instructions of the busiest of 132 SMs, summed over the launches
 */
public record RunWork(long n, long launches, long globalBytes, long chainHops, double steadyChainHops,
                      long busiestSmInstructions) {

    /**
     * The work in a run's counters JSON (as {@code score} and {@code run} print it), or null when it has no
     * critical-path measurement.
     */
    public static RunWork fromCounters(JsonNode c, long n) {
        if (c == null || !c.has("chain_hops") || n < 1) {
            return null;
        }
        return new RunWork(n, c.path("launches").asLong(),
                c.path("global_bytes_read").asLong() + c.path("global_bytes_written").asLong(),
                c.path("chain_hops").asLong(), c.path("steady_chain_hops").asDouble(),
                c.path("sm_warp_instructions_max").asLong());
    }
}
