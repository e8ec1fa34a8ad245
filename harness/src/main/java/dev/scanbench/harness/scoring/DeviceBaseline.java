package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.score.ScoreMath;

/**
 * The starting solution's and the reference's times on one device, by one protocol, mode and n: the device's own
 * 0 and 1 of the normalised score, as RE-Bench's 4.76 and 1.6 ms are an H100's.
 *
 * @param identity    the device and driver they were measured on
 * @param startMs     the starting solution's time
 * @param referenceMs the reference's time
 * @param simulated   true when measured on the software driver's model clock
 */
public record DeviceBaseline(String identity, double startMs, double referenceMs, boolean simulated) {

    /** A device's identity for the cache: its name and driver version (not its free memory). */
    public static String identity(String deviceName, int driverVersion) {
        return deviceName + " / driver " + driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }

    /** The normalised score of {@code ms} on this device's scale: 0 for its start, 1 for its reference. */
    public double normalised(double ms) {
        return ScoreMath.normalised(ms, startMs, referenceMs);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("identity", identity);
        o.put("start_ms", startMs);
        o.put("reference_ms", referenceMs);
        o.put("simulated", simulated);
        return o;
    }

    static DeviceBaseline fromJson(JsonNode o) {
        return new DeviceBaseline(o.path("identity").asText(), o.path("start_ms").asDouble(),
                o.path("reference_ms").asDouble(), o.path("simulated").asBoolean());
    }
}
