package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.backend.PlannedModule;
import dev.scanbench.harness.candidate.CandidateKind;
import dev.scanbench.harness.candidate.PreparedCandidate;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.LaunchPlan;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanParser;
import dev.scanbench.harness.plan.PlanValidator;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The candidate as every worker job receives it from the parent, compiled: the worker compiles nothing and reads
 * no kernel file, so a compile or plan error never reaches it and the candidate cannot change between the
 * parent's checks and the run.
 *
 * @param kernel       the kernel's path as the user gave it (for messages)
 * @param source       the text holding the plan, parsed again in the worker: the kernel file's text (so plan
 *                     errors at other sizes keep their line numbers), or for Triton the completed plan
 * @param module       the compiled module
 * @param staticShared static shared memory per entry, as ptxas reported it (the plan validator needs it)
 */
public record JobCandidate(String kernel, String source, ScoreRequest.CompiledModule module,
                           Map<String, Long> staticShared) {

    public JobCandidate {
        staticShared = Map.copyOf(staticShared);
    }

    /** The parent's prepared candidate as it travels. */
    public static JobCandidate of(PreparedCandidate prepared) {
        return new JobCandidate(prepared.compiled().candidate().path().toString(), planSource(prepared),
                ScoreRequest.CompiledModule.of(prepared.artifact()), prepared.artifact().staticSharedBytes());
    }

    /**
     * The text the worker reads the plan from: the kernel file itself, so that a plan error at another size
     * names its line; for Triton, whose plan the harness completes with the launcher's hidden arguments, the
     * completed plan rendered as {@code #} comment lines.
     */
    static String planSource(PreparedCandidate prepared) {
        if (prepared.compiled().candidate().kind() != CandidateKind.TRITON) {
            return prepared.compiled().candidate().text();
        }
        StringBuilder sb = new StringBuilder();
        prepared.plan().render().lines().forEach(l -> sb.append("# ").append(l).append('\n'));
        return sb.toString();
    }

    /**
     * The plan parsed from the source and validated against the module's entries at size {@code size}.
     *
     * @throws PlanException when the plan fails at this size, naming its line
     */
    public ResolvedPlan resolvePlan(long size) throws PlanException, PtxFormatException {
        return resolve(size, module.signature());
    }

    private ResolvedPlan resolve(long size, PtxSignature signature) throws PlanException {
        String fileName = Path.of(kernel).getFileName().toString();
        LaunchPlan plan = PlanParser.parse(kernel, source, CommentStyle.forFile(fileName));
        return PlanValidator.resolve(plan, size, signature, staticShared);
    }

    /** The candidate as a backend runs it, its entries read once. */
    public PlannedModule planned() throws PtxFormatException {
        PtxSignature signature = module.signature();
        return new PlannedModule() {
            @Override
            public ModuleImage image() {
                return module.image();
            }

            @Override
            public PtxSignature signature() {
                return signature;
            }

            @Override
            public ResolvedPlan resolve(long n) throws PlanException {
                return JobCandidate.this.resolve(n, signature);
            }
        };
    }

    /** Writes the candidate's keys ({@code kernel, source, candidate, static_shared}) into a request. */
    void write(ObjectNode o) {
        o.put("kernel", kernel);
        o.put("source", source);
        o.set("candidate", module.toJson());
        ObjectNode shared = o.putObject("static_shared");
        staticShared.forEach(shared::put);
    }

    /** Reads the keys {@link #write} wrote. */
    static JobCandidate read(JsonNode o) {
        Map<String, Long> shared = new HashMap<>();
        o.path("static_shared").fields().forEachRemaining(e -> shared.put(e.getKey(), e.getValue().asLong()));
        return new JobCandidate(o.path("kernel").asText(), o.path("source").asText(),
                ScoreRequest.CompiledModule.fromJson(o.get("candidate")), shared);
    }
}
