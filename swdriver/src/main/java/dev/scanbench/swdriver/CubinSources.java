package dev.scanbench.swdriver;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route from a cubin to the PTX it was assembled from, keyed by the cubin's SHA-256: the driver is handed the
 * very cubin a GPU would get, and emulates its PTX.
 */
final class CubinSources {
    private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();

    private CubinSources() {
    }

    static void register(byte[] cubin, String ptx) {
        SOURCES.put(DriverLibrary.hash(cubin), ptx);
    }

    static Optional<String> ptxFor(byte[] cubin) {
        return Optional.ofNullable(SOURCES.get(DriverLibrary.hash(cubin)));
    }
}
