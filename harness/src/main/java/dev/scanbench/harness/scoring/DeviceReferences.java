package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxFormatException;
import java.util.HashMap;
import java.util.Map;

/**
 * The workbench's own kernels a GPU scoring run uses besides the candidate: the reference kernel, which computes
 * every expected output on the device, and the starting solution, which with the reference gives the device's own
 * normalisation (both timed on this device, by the same protocol, unless a time for this device is already known).
 *
 * @param reference {@code reference/decoupled_lookback.cu}
 * @param start     {@code baseline/cuda/starting_solution.cu}
 * @param known     times already measured, by device identity (see {@link DeviceBaseline#identity})
 */
public record DeviceReferences(PlannedModule reference, PlannedModule start, Map<String, DeviceBaseline> known) {

    public DeviceReferences {
        known = Map.copyOf(known);
    }

    /**
     * A compiled module with its plan.
     *
     * @param module       PTX and cubin
     * @param file         the kernel's file name, for plan messages
     * @param source       the text its {@code @plan} lines are read from
     * @param staticShared static shared memory per entry, as ptxas reported it
     */
    public record PlannedModule(ScoreRequest.CompiledModule module, String file, String source,
                                Map<String, Long> staticShared) {
        public PlannedModule {
            staticShared = Map.copyOf(staticShared);
        }

        /** The plan validated at size {@code n}. */
        public ResolvedPlan resolvePlan(long n) throws PlanException, PtxFormatException {
            LaunchPlan plan = PlanParser.parse(file, source, CommentStyle.forFile(file));
            return PlanValidator.resolve(plan, n, module.signature(), staticShared);
        }

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("module", module.toJson());
            o.put("file", file);
            o.put("source", source);
            ObjectNode shared = o.putObject("static_shared");
            staticShared.forEach(shared::put);
            return o;
        }

        static PlannedModule fromJson(JsonNode o) {
            Map<String, Long> shared = new HashMap<>();
            o.path("static_shared").fields().forEachRemaining(e -> shared.put(e.getKey(), e.getValue().asLong()));
            return new PlannedModule(ScoreRequest.CompiledModule.fromJson(o.get("module")), o.path("file").asText(),
                    o.path("source").asText(), shared);
        }
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("reference", reference.toJson());
        o.set("start", start.toJson());
        ObjectNode k = o.putObject("known");
        known.forEach((identity, b) -> k.set(identity, b.toJson()));
        return o;
    }

    static DeviceReferences fromJson(JsonNode o) {
        if (o == null || o.isNull()) {
            return null;
        }
        Map<String, DeviceBaseline> known = new HashMap<>();
        o.path("known").fields().forEachRemaining(e -> known.put(e.getKey(), DeviceBaseline.fromJson(e.getValue())));
        return new DeviceReferences(PlannedModule.fromJson(o.get("reference")), PlannedModule.fromJson(o.get("start")),
                known);
    }
}
