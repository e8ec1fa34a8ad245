package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The human line for a run's critical-path counts (the JSON counters {@code chain_hops} and the rest). */
public final class CriticalPathLine {
    private CriticalPathLine() {
    }

    /** E.g. {@code critical path per run: 256 dependent cross-CTA hops, look-back depth mean 1.0 max 1, ...}. */
    public static String of(JsonNode c) {
        return String.format(Locale.ROOT, "critical path per run: %,d dependent cross-CTA hops (longest chain),"
                        + " look-back depth per CTA mean %.2f max %d, %,d spin polls; warp instructions per SM max %,d"
                        + " mean %,.0f (CTAs on %d SMs as an H100 places them)", c.path("chain_hops").asLong(),
                c.path("lookback_mean").asDouble(), c.path("lookback_max").asLong(), c.path("spin_polls").asLong(),
                c.path("sm_warp_instructions_max").asLong(), c.path("sm_warp_instructions_mean").asDouble(),
                c.path("sms").asInt());
    }
}
