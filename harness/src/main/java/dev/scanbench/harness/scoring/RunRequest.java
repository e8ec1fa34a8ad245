package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the worker needs to run {@code workbench run KERNEL}: the compiled candidate, the backend, the input file
 * it reads and the file it writes the output to (the parent moves it into place).
 *
 * @param candidate the compiled candidate and its plan's text
 * @param backend   {@code cuda} or {@code emulator}
 * @param input     the input .npy (relative: in the worker's own folder, where the parent copied it)
 * @param output    where the worker writes the output .npy (relative: in its own folder, the one it may write)
 */
public record RunRequest(JobCandidate candidate, String backend, String input, String output) {

    public RunRequest {
        if (!ScoreRequest.CUDA.equals(backend) && !ScoreRequest.EMULATOR.equals(backend)) {
            throw new IllegalArgumentException("backend must be cuda or emulator, got " + backend);
        }
    }

    /** The request as the worker protocol carries it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        candidate.write(o);
        o.put("backend", backend);
        o.put("input", input);
        o.put("output", output);
        return o;
    }

    /** Reads a request written by {@link #toJson()}. */
    public static RunRequest fromJson(JsonNode o) {
        return new RunRequest(JobCandidate.read(o), o.path("backend").asText(), o.path("input").asText(),
                o.path("output").asText());
    }
}
