package dev.scanbench.harness.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.measure.Mode;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Everything the scoring worker needs, compiled by the parent: the worker compiles nothing and reads no file,
 * so a compile or plan error never reaches it and the candidate cannot change between checks and run.
 *
 * @param kernel        the kernel's path as the user gave it (for messages)
 * @param source        the text holding the plan, parsed again in the worker: the kernel file's text (so plan
 *                      errors at other sizes keep their line numbers), or for Triton the completed plan
 * @param candidate     the candidate's compiled module
 * @param staticShared  static shared memory per entry, as ptxas reported it (the plan validator needs it)
 * @param harness       the harness kernels' module ({@code harness_kernels.cu})
 * @param copy          the bandwidth probe's module ({@code copy_bandwidth.cu}); null on the emulator
 * @param backend       {@code cuda} or {@code emulator}
 * @param n             the problem size
 * @param protocol      how to time (CUDA only)
 * @param mode          cache state of each sample (CUDA, default protocol only)
 * @param seed          the secret seed; the inputs of every iteration derive from it
 * @param iterations    verified runs on the emulator
 * @param references    the reference kernel and starting solution (CUDA), or null: then the expected output
 *                      comes from the CPU oracle and no device normalisation is made
 */
public record ScoreRequest(String kernel, String source, CompiledModule candidate, Map<String, Long> staticShared,
                           CompiledModule harness, CompiledModule copy, String backend, long n, Protocol protocol,
                           Mode mode, long seed, int iterations, DeviceReferences references) {

    /** The name of the CUDA backend in requests and results. */
    public static final String CUDA = "cuda";
    /** The name of the emulator backend in requests and results. */
    public static final String EMULATOR = "emulator";

    public ScoreRequest {
        staticShared = Map.copyOf(staticShared);
        if (!CUDA.equals(backend) && !EMULATOR.equals(backend)) {
            throw new IllegalArgumentException("backend must be cuda or emulator, got " + backend);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
    }

    /**
     * A compiled module as it travels: its PTX and cubin.
     *
     * @param name  what was compiled, for messages
     * @param ptx   the PTX text
     * @param cubin the sm_90a cubin
     */
    public record CompiledModule(String name, String ptx, byte[] cubin, Map<String, String> demangled) {
        public CompiledModule {
            cubin = cubin.clone();
            demangled = Map.copyOf(demangled);
        }

        /** A module without demangled entry names. */
        public CompiledModule(String name, String ptx, byte[] cubin) {
            this(name, ptx, cubin, Map.of());
        }

        /** The module of a compiled artifact (with the demangled entry names of its compile). */
        public static CompiledModule of(Artifact a) {
            return new CompiledModule(a.sourceFile(), a.ptx(), a.cubin(), a.signature().demangled());
        }

        @Override
        public byte[] cubin() {
            return cubin.clone();
        }

        /** What a backend loads. */
        public ModuleImage image() {
            return ModuleImage.of(ptx, cubin);
        }

        /** The entries and their parameters, read from the PTX. */
        public PtxSignature signature() throws PtxFormatException {
            return PtxSignature.parse(ptx).withDemangled(demangled);
        }

        /** An artifact view, for code that loads artifacts (the harness kernels); no resource usage. */
        public Artifact artifact() throws PtxFormatException {
            return new Artifact(name, "", "", ptx, cubin, signature(), Map.of(), "", List.of(), "", List.of(), true);
        }

        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("name", name);
            o.put("ptx", ptx);
            o.put("cubin", Base64.getEncoder().encodeToString(cubin));
            ObjectNode names = o.putObject("demangled");
            demangled.forEach(names::put);
            return o;
        }

        public static CompiledModule fromJson(JsonNode o) {
            if (o == null || o.isNull()) {
                return null;
            }
            Map<String, String> names = new java.util.LinkedHashMap<>();
            o.path("demangled").fields().forEachRemaining(f -> names.put(f.getKey(), f.getValue().asText()));
            return new CompiledModule(o.path("name").asText(), o.path("ptx").asText(),
                    Base64.getDecoder().decode(o.path("cubin").asText()), names);
        }
    }

    /** The candidate part of the request, as every worker job carries it. */
    public JobCandidate jobCandidate() {
        return new JobCandidate(kernel, source, candidate, staticShared);
    }

    /**
     * The plan parsed from the source and validated against the candidate's entries at size {@code size}.
     *
     * @throws PlanException when the plan fails at this size, naming its line
     */
    public ResolvedPlan resolvePlan(long size) throws PlanException, PtxFormatException {
        return jobCandidate().resolvePlan(size);
    }

    /** The request as the worker protocol carries it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        jobCandidate().write(o);
        o.set("harness", harness.toJson());
        if (copy != null) {
            o.set("copy", copy.toJson());
        }
        o.put("backend", backend);
        o.put("n", n);
        o.put("protocol", protocol.cliName());
        o.put("mode", mode.cliName());
        o.put("seed", seed);
        o.put("iterations", iterations);
        if (references != null) {
            o.set("references", references.toJson());
        }
        return o;
    }

    /** Reads a request written by {@link #toJson()}. */
    public static ScoreRequest fromJson(JsonNode o) {
        JobCandidate c = JobCandidate.read(o);
        return new ScoreRequest(c.kernel(), c.source(), c.module(), c.staticShared(),
                CompiledModule.fromJson(o.get("harness")), CompiledModule.fromJson(o.get("copy")), o.path("backend").asText(), o.path("n").asLong(),
                Protocol.fromCliName(o.path("protocol").asText()),
                Mode.valueOf(o.path("mode").asText().toUpperCase(java.util.Locale.ROOT)), o.path("seed").asLong(),
                o.path("iterations").asInt(), DeviceReferences.fromJson(o.get("references")));
    }
}
