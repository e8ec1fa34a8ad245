package dev.scanbench.tritonbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Compiles the kernels of a Triton candidate by running the bridge program ({@code triton_bridge.py}, shipped
 * in this jar) in the environment's Python, as a subprocess with a time limit. Results are cached by the hash
 * of the source text, its path, the kernel specs, the bridge program and the Triton version.
 * <p>
 * Modules a candidate imports besides Triton are not part of the key: a candidate is one file.
 */
public final class TritonCompiler {
    private static final String KEY_FORMAT = "scanbench-triton/1";
    private static final String BRIDGE = "triton_bridge.py";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CANDIDATE_ERROR = 2;
    private static final int ENVIRONMENT_ERROR = 3;

    private final TritonEnvironment environment;
    private final Optional<TritonCache> cache;
    private final Duration timeout;
    private final Consumer<String> progress;

    /**
     * @param environment where Triton lives (created on first use)
     * @param cache       where to keep builds, or empty to always compile
     * @param timeout     the limit for one bridge run
     * @param progress    receives progress lines (environment creation)
     */
    public TritonCompiler(TritonEnvironment environment, Optional<TritonCache> cache, Duration timeout,
                          Consumer<String> progress) {
        this.environment = environment;
        this.cache = cache;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** The default environment, cache and timeout. */
    public static TritonCompiler withDefaults(Consumer<String> progress) {
        return new TritonCompiler(TritonEnvironment.atDefaultLocation(), Optional.of(TritonCache.atDefaultLocation()),
                TritonDefaults.COMPILE_TIMEOUT, progress);
    }

    /** The environment this compiler runs Triton in. */
    public TritonEnvironment environment() {
        return environment;
    }

    /**
     * Compiles the named kernels of a candidate.
     *
     * @param file    the candidate {@code .py}
     * @param kernels what to compile; each must state its signature
     * @return the kernels in request order
     * @throws TritonSourceException      the file is not valid Python or fails on import
     * @throws TritonKernelException      Triton refuses a kernel
     * @throws MissingKernelException     a requested kernel is not a {@code @triton.jit} function of the file
     * @throws TritonPlanException        a spec does not fit its kernel
     * @throws TritonEnvironmentException Python or Triton is unusable
     * @throws TritonTimeoutException     the bridge ran past the time limit
     * @throws IOException                files cannot be read or written
     */
    public TritonBuild compile(Path file, List<KernelSpec> kernels) throws IOException, TritonException {
        String sourceFile = file.toString();
        String source = Files.readString(file, StandardCharsets.UTF_8);
        for (KernelSpec k : kernels) {
            if (!k.hasSignature()) {
                throw new TritonPlanException(sourceFile + ":" + k.line() + ": kernel " + k.name()
                        + " has no signature (add signature=(...) to its '@plan triton' line)");
            }
        }
        String bridge = bridgeProgram();
        String key = Hashes.sha256(String.join("\n", KEY_FORMAT, environment.version(), Hashes.sha256(bridge),
                file.toAbsolutePath().normalize().toString(), sourceFile,
                String.join("\n", kernels.stream().map(KernelSpec::render).toList()), source));
        if (cache.isPresent()) {
            Optional<TritonBuild> hit = cache.get().load(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        Path python = environment.ensureReady(progress);
        Path work = Files.createTempDirectory("workbench-triton-");
        try {
            Path out = Files.createDirectory(work.resolve("out"));
            Files.writeString(work.resolve(BRIDGE), bridge, StandardCharsets.UTF_8);
            Files.writeString(work.resolve("request.json"), request(file, kernels), StandardCharsets.UTF_8);
            // Triton's own cache and home go to the scratch folder: this cache is the one that counts.
            Map<String, String> env = Map.of("TRITON_CACHE_DIR", work.resolve("triton-cache").toString(),
                    "TRITON_HOME", work.toString(), "PYTHONDONTWRITEBYTECODE", "1");
            ProcessRunner.Result r = ProcessRunner.run(List.of(python.toString(), work.resolve(BRIDGE).toString(),
                    work.resolve("request.json").toString(), out.toString()), work, env, timeout);
            if (r == null) {
                throw new TritonTimeoutException(sourceFile, timeout);
            }
            String absolute = file.toAbsolutePath().toString();
            if (r.exitCode() == CANDIDATE_ERROR && Files.isRegularFile(out.resolve("error.json"))) {
                throw candidateError(sourceFile, absolute, JSON.readTree(out.resolve("error.json").toFile()), kernels);
            }
            if (r.exitCode() == ENVIRONMENT_ERROR) {
                throw new TritonEnvironmentException(environment.python() + " cannot import Triton:\n"
                        + ProcessRunner.tail(r.output(), 10), environment.fixCommand());
            }
            if (r.exitCode() != 0) {
                throw new TritonException(sourceFile + ": the Triton bridge failed (exit code " + r.exitCode() + "):\n"
                        + ProcessRunner.tail(r.output(), 30).replace(absolute, sourceFile));
            }
            TritonBuild build = readBuild(sourceFile, Hashes.sha256(source), key, out);
            if (cache.isPresent()) {
                cache.get().store(build);
            }
            return build;
        } finally {
            TritonCache.deleteTree(work);
        }
    }

    private String request(Path file, List<KernelSpec> kernels) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.put("source", file.toAbsolutePath().toString());
        req.put("arch", TritonDefaults.ARCH);
        ArrayNode list = req.putArray("kernels");
        for (KernelSpec k : kernels) {
            ObjectNode o = list.addObject();
            o.put("name", k.name());
            ArrayNode sig = o.putArray("signature");
            k.signature().forEach(sig::add);
            ObjectNode c = o.putObject("constexprs");
            k.constexprs().forEach(c::put);
            o.put("num_warps", k.numWarps());
            o.put("num_stages", k.numStages());
        }
        return JSON.writeValueAsString(req);
    }

    private static TritonException candidateError(String sourceFile, String absolute, JsonNode error,
                                                  List<KernelSpec> kernels) {
        String kind = error.path("kind").asText();
        String message = error.path("message").asText().replace(absolute, sourceFile);
        int line = error.path("line").asInt(0);
        String kernel = error.path("kernel").asText("");
        int directiveLine = kernels.stream().filter(k -> k.name().equals(kernel)).mapToInt(KernelSpec::line)
                .findFirst().orElse(0);
        return switch (kind) {
            case "syntax", "import" -> new TritonSourceException(message, line);
            case "compile" -> new TritonKernelException(message, kernel, line);
            case "missing_kernel" -> new MissingKernelException(
                    (directiveLine > 0 ? message.replaceFirst("^" + java.util.regex.Pattern.quote(sourceFile) + ":",
                            sourceFile + ":" + directiveLine + ":") : message), kernel);
            case "plan" -> new TritonPlanException(sourceFile + ":" + directiveLine + ": " + message);
            default -> new TritonException(sourceFile + ": " + message);
        };
    }

    private TritonBuild readBuild(String sourceFile, String sourceHash, String key, Path out) throws IOException {
        JsonNode meta = JSON.readTree(out.resolve("metadata.json").toFile());
        List<TritonKernel> kernels = new ArrayList<>();
        for (JsonNode k : meta.path("kernels")) {
            String name = k.path("name").asText();
            Map<String, Object> constexprs = new LinkedHashMap<>();
            k.path("constexprs").fields().forEachRemaining(e -> constexprs.put(e.getKey(),
                    e.getValue().isIntegralNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
            List<HiddenParam> hidden = new ArrayList<>();
            for (JsonNode h : k.path("hidden_params")) {
                hidden.add(new HiddenParam(h.path("name").asText(), h.path("bytes_per_program").asLong(),
                        h.path("align").asInt()));
            }
            kernels.add(new TritonKernel(name, Files.readString(out.resolve(name + ".ptx"), StandardCharsets.UTF_8),
                    Files.readAllBytes(out.resolve(name + ".cubin")), k.path("num_warps").asInt(),
                    k.path("threads_per_block").asInt(), k.path("shared_bytes").asLong(), constexprs,
                    strings(k.path("runtime_params")), strings(k.path("signature")), hidden));
        }
        return new TritonBuild(sourceFile, sourceHash, key, meta.path("triton_version").asText(), kernels, false);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The bridge program shipped in this jar. */
    static String bridgeProgram() throws IOException {
        try (InputStream in = TritonCompiler.class.getResourceAsStream(BRIDGE)) {
            if (in == null) {
                throw new IOException(BRIDGE + " is missing from the triton-bridge jar (a broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
