package dev.scanbench.harness.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.scoring.DeviceBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The starting solution's and the reference's times per device, driver and workbench version (and n, protocol and
 * mode, which change them), so that a device's own normalisation costs two extra measurements once, not every
 * run. One JSON file in the compile cache's folder, replaced atomically; only the parent writes it.
 */
public final class BaselineCache {
    /** The cache's file name inside {@code Defaults.cacheDirectory()}. */
    public static final String FILE = "device-baselines.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /** @param file the cache file (created on the first store) */
    public BaselineCache(Path file) {
        this.file = file;
    }

    /** The key of one run's settings: the workbench version, n, protocol and mode. */
    public static String key(String version, long n, Protocol protocol, Mode mode) {
        return "workbench " + version + ", n = " + n + ", " + protocol.cliName() + " protocol, " + mode.cliName();
    }

    /** The baselines known for {@code key}, by device identity; empty when there are none or the file is unreadable. */
    public Map<String, DeviceBaseline> known(String key) {
        Map<String, DeviceBaseline> out = new HashMap<>();
        read().path(key).fields().forEachRemaining(e -> {
            JsonNode b = e.getValue();
            out.put(e.getKey(), new DeviceBaseline(e.getKey(), b.path("start_ms").asDouble(),
                    b.path("reference_ms").asDouble(), b.path("simulated").asBoolean()));
        });
        return out;
    }

    /** Adds a baseline measured for {@code key}. */
    public synchronized void store(String key, DeviceBaseline baseline) throws IOException {
        ObjectNode all = read();
        ObjectNode entry = all.has(key) && all.get(key).isObject() ? (ObjectNode) all.get(key) : all.putObject(key);
        entry.putObject(baseline.identity()).put("start_ms", baseline.startMs())
                .put("reference_ms", baseline.referenceMs()).put("simulated", baseline.simulated());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), FILE, ".partial");
        Files.write(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private ObjectNode read() {
        try {
            if (Files.isRegularFile(file)) {
                JsonNode n = JSON.readTree(file.toFile());
                if (n != null && n.isObject()) {
                    return (ObjectNode) n;
                }
            }
        } catch (IOException e) {
            // An unreadable cache only costs a measurement: it is rewritten on the next store.
        }
        return JSON.createObjectNode();
    }
}
