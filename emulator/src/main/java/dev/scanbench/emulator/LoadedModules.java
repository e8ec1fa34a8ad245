package dev.scanbench.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The modules {@link Emulator#load} decoded lately, by their PTX text. A correctness battery opens the same
 * candidate and harness kernels once per unit, dozens of times in one worker, and parsing, decoding and packing the
 * registers of a 1,300-line module cost more than running it on a small input. A {@link PtxModule} is immutable and
 * device-independent, so one decoding serves every device; only loads that succeeded are kept.
 */
final class LoadedModules {
    /** Enough for a candidate, the harness kernels and the reference in one process; each is a few MB at most. */
    private static final int CAPACITY = 8;

    private final Map<String, PtxModule> byText = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PtxModule> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized PtxModule get(String ptxText) {
        return byText.get(ptxText);
    }

    synchronized void put(String ptxText, PtxModule module) {
        byText.put(ptxText, module);
    }
}
