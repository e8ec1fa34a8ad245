package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * What the worker needs to run {@code workbench verify}: the compiled candidate, the harness kernels, the
 * backend, the sizes (or the standard gate) and the secret seed.
 *
 * @param candidate the compiled candidate and its plan's text
 * @param harness   the harness kernels' module
 * @param backend   {@code cuda} or {@code emulator}
 * @param sizes     only these sizes (every pattern and dispatch), or null for the standard gate
 * @param scoredN   the scoring size the standard gate includes
 * @param seed      the secret seed
 */
public record VerifyRequest(JobCandidate candidate, ScoreRequest.CompiledModule harness, String backend,
                            long[] sizes, long scoredN, long seed) {

    public VerifyRequest {
        if (!ScoreRequest.CUDA.equals(backend) && !ScoreRequest.EMULATOR.equals(backend)) {
            throw new IllegalArgumentException("backend must be cuda or emulator, got " + backend);
        }
        sizes = sizes == null ? null : sizes.clone();
    }

    @Override
    public long[] sizes() {
        return sizes == null ? null : sizes.clone();
    }

    /** The request as the worker protocol carries it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        candidate.write(o);
        o.set("harness", harness.toJson());
        o.put("backend", backend);
        if (sizes != null) {
            ArrayNode a = o.putArray("sizes");
            Arrays.stream(sizes).forEach(a::add);
        }
        o.put("scored_n", scoredN);
        o.put("seed", seed);
        return o;
    }

    /** Reads a request written by {@link #toJson()}. */
    public static VerifyRequest fromJson(JsonNode o) {
        long[] sizes = null;
        if (o.has("sizes")) {
            sizes = new long[o.get("sizes").size()];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = o.get("sizes").get(i).asLong();
            }
        }
        return new VerifyRequest(JobCandidate.read(o), ScoreRequest.CompiledModule.fromJson(o.get("harness")),
                o.path("backend").asText(), sizes, o.path("scored_n").asLong(), o.path("seed").asLong());
    }
}
