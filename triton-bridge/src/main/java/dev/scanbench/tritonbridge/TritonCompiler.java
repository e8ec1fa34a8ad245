package dev.scanbench.tritonbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.sandbox.Jail;
import dev.scanbench.sandbox.Limits;
import dev.scanbench.sandbox.RunResult;
import dev.scanbench.sandbox.Sandbox;
import dev.scanbench.sandbox.SourceFiles;
import dev.scanbench.sandbox.WorkDir;
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
 * in this jar) in the environment's Python, in the {@link Sandbox}, with a time limit. Importing the candidate
 * runs its Python, so it runs only contained: on copies of the candidate and the local modules it imports
 * ({@link PythonImports}) in a fresh folder, with the Triton environment read-only, no network, nothing of the
 * user's else in sight, and everything it starts killed at its end. Without a usable sandbox, Triton candidates
 * are refused ({@link TritonSandboxException}). Results are cached (sealed) by the hash of every copied file,
 * the path, the kernel specs, the bridge program and the Triton version.
 */
public final class TritonCompiler {
    private static final String KEY_FORMAT = "scanbench-triton/2";
    private static final String BRIDGE = "triton_bridge.py";
    /** The name the candidate's copy gets: not importable by a name a module could use (a candidate "triton.py"). */
    static final String CANDIDATE_COPY = "_workbench_candidate.py";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CANDIDATE_ERROR = 2;
    private static final int ENVIRONMENT_ERROR = 3;

    private final TritonEnvironment environment;
    private final Optional<TritonCache> cache;
    private final Duration timeout;
    private final Consumer<String> progress;
    private final Sandbox sandbox;

    /**
     * @param environment where Triton lives (created on first use)
     * @param cache       where to keep builds, or empty to always compile
     * @param timeout     the limit for one bridge run
     * @param progress    receives progress lines (environment creation)
     * @param sandbox     where the bridge runs; not contained means Triton candidates are refused
     */
    public TritonCompiler(TritonEnvironment environment, Optional<TritonCache> cache, Duration timeout,
                          Consumer<String> progress, Sandbox sandbox) {
        this.environment = environment;
        this.cache = cache;
        this.timeout = timeout;
        this.progress = progress;
        this.sandbox = sandbox;
    }

    /** {@link #TritonCompiler(TritonEnvironment, Optional, Duration, Consumer, Sandbox)} in this machine's sandbox. */
    public TritonCompiler(TritonEnvironment environment, Optional<TritonCache> cache, Duration timeout,
                          Consumer<String> progress) {
        this(environment, cache, timeout, progress, Sandbox.detect());
    }

    /** The default environment, cache, timeout and sandbox. */
    public static TritonCompiler withDefaults(Consumer<String> progress) {
        return new TritonCompiler(TritonEnvironment.atDefaultLocation(), Optional.of(TritonCache.atDefaultLocation()),
                TritonDefaults.COMPILE_TIMEOUT, progress);
    }

    /** This compiler with another limit for one bridge run. */
    public TritonCompiler withTimeout(Duration newTimeout) {
        return new TritonCompiler(environment, cache, newTimeout, progress, sandbox);
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
     * @throws TritonSandboxException     there is no sandbox to run the candidate's Python in
     * @throws TritonEnvironmentException Python or Triton is unusable
     * @throws TritonTimeoutException     the bridge ran past the time limit
     * @throws TritonException            the compile ended without a result, or printed bytes that are not text
     * @throws IOException                files cannot be read or written
     */
    public TritonBuild compile(Path file, List<KernelSpec> kernels) throws IOException, TritonException {
        String sourceFile = file.toString();
        byte[] bytes = Files.readAllBytes(file);
        for (KernelSpec k : kernels) {
            if (!k.hasSignature()) {
                throw new TritonPlanException(sourceFile + ":" + k.line() + ": kernel " + k.name()
                        + " has no signature (add signature=(...) to its '@plan triton' line)");
            }
        }
        if (!sandbox.contained()) {
            throw new TritonSandboxException(sandbox.whyUncontained().orElse("no sandbox"));
        }
        SourceFiles sources = PythonImports.scan(sourceFile, CANDIDATE_COPY, bytes, file.toAbsolutePath().getParent());
        String bridge = bridgeProgram();
        StringBuilder listing = new StringBuilder();
        sources.files().forEach(f -> listing.append(f.path()).append('\0').append(f.sha256()).append('\n'));
        String key = Hashes.sha256(String.join("\n", KEY_FORMAT, environment.version(), Hashes.sha256(bridge),
                sourceFile, String.join("\n", kernels.stream().map(KernelSpec::render).toList()), listing));
        if (cache.isPresent()) {
            Optional<TritonBuild> hit = cache.get().load(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        Path python = environment.ensureReady(progress);
        try (WorkDir work = WorkDir.create("workbench-triton-")) {
            Path src = Files.createDirectory(work.path().resolve("src"));
            Path main = sources.writeUnder(src);
            Path out = Files.createDirectory(work.path().resolve("out"));
            Files.writeString(work.path().resolve(BRIDGE), bridge, StandardCharsets.UTF_8);
            Files.writeString(work.path().resolve("request.json"), request(main, src, kernels), StandardCharsets.UTF_8);
            Map<String, String> names = names(sourceFile, sources, src, work.path());
            RunResult r = sandbox.run(List.of(python.toString(), work.path().resolve(BRIDGE).toString(),
                    work.path().resolve("request.json").toString(), out.toString()), jail(work.path()),
                    Limits.of(timeout));
            if (!r.finished()) {
                throw new TritonTimeoutException(sourceFile, timeout);
            }
            if (r.hasMalformedOutput()) {
                throw new TritonException(sourceFile + ": the Triton compile printed bytes that are not UTF-8 text"
                        + " (the candidate wrote them at import or compile time); refused:\n"
                        + tail(map(r.output(), names), 10));
            }
            if (r.exitCode() == CANDIDATE_ERROR && Files.isRegularFile(out.resolve("error.json"))) {
                throw candidateError(sourceFile, names, JSON.readTree(out.resolve("error.json").toFile()), kernels);
            }
            if (r.exitCode() == ENVIRONMENT_ERROR && !Files.exists(out.resolve("error.json"))) {
                throw new TritonEnvironmentException(environment.python() + " cannot import Triton:\n"
                        + tail(r.output(), 10), environment.fixCommand());
            }
            if (r.exitCode() != 0) {
                throw new TritonException(sourceFile + ": the Triton bridge failed (exit code " + r.exitCode() + "):\n"
                        + tail(map(r.output(), names), 30));
            }
            TritonBuild build = readBuild(sourceFile, sources, key, out, names);
            if (cache.isPresent()) {
                cache.get().store(build);
            }
            return build;
        }
    }

    /** The bridge sees the Triton environment (and the Python it was made from) read-only, and its folder. */
    private Jail jail(Path work) {
        Jail.Builder jail = Jail.writable(work).readOnly(environment.directory())
                // Triton's own cache and home go to the scratch folder: this cache is the one that counts.
                .env("TRITON_CACHE_DIR", work.resolve("triton-cache").toString())
                .env("TRITON_HOME", work.toString())
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .env("PYTHONNOUSERSITE", "1");
        environment.basePrefix().ifPresent(jail::readOnly);
        return jail.build();
    }

    /** Copy paths to the user's, longest first: the candidate's copy, its folder, the work folder. */
    private static Map<String, String> names(String sourceFile, SourceFiles sources, Path src, Path work) {
        Map<String, String> names = new LinkedHashMap<>();
        String folder = SourceFiles.parentOf(sourceFile);
        names.put(src.resolve(sources.main().path()).toString(), sourceFile);
        names.put(src + "/", folder);
        names.put(work.toString(), "<workdir>");
        return names;
    }

    private static String map(String text, Map<String, String> names) {
        String out = text;
        for (Map.Entry<String, String> e : names.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private String request(Path main, Path sourceRoot, List<KernelSpec> kernels) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.put("source", main.toString());
        req.put("source_root", sourceRoot.toString());
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

    private static TritonException candidateError(String sourceFile, Map<String, String> names, JsonNode error,
                                                  List<KernelSpec> kernels) {
        String kind = error.path("kind").asText();
        String message = map(error.path("message").asText(), names);
        int line = error.path("line").asInt(0);
        String kernel = error.path("kernel").asText("");
        int directiveLine = kernels.stream().filter(k -> k.name().equals(kernel)).mapToInt(KernelSpec::line)
                .findFirst().orElse(0);
        return switch (kind) {
            case "syntax", "import" -> new TritonSourceException(message, line);
            case "compile" -> new TritonKernelException(message, kernel, line);
            case "missing_kernel" -> new MissingKernelException(
                    (directiveLine > 0 ? message.replaceFirst("^" + java.util.regex.Pattern.quote(sourceFile) + ":",
                            java.util.regex.Matcher.quoteReplacement(sourceFile + ":" + directiveLine + ":")) : message),
                    kernel);
            case "plan" -> new TritonPlanException(sourceFile + ":" + directiveLine + ": " + message);
            default -> new TritonException(sourceFile + ": " + message);
        };
    }

    /**
     * The bridge's output. It ran in the same process as the candidate's Python, so anything missing or
     * malformed is the candidate's doing (an early {@code os._exit}, a file it overwrote) and refuses it.
     */
    private TritonBuild readBuild(String sourceFile, SourceFiles sources, String key, Path out,
                                  Map<String, String> names) throws TritonException {
        if (!Files.isRegularFile(out.resolve("metadata.json"))) {
            throw new TritonException(sourceFile + ": the Triton compile ended (exit status 0) without writing its"
                    + " result: the candidate ended the process (os._exit, sys.exit) at import or compile time");
        }
        try {
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
                // The line table names the copy; naming the user's file keeps messages and the cache key theirs.
                String ptx = map(new String(Files.readAllBytes(out.resolve(name + ".ptx")), StandardCharsets.UTF_8),
                        names);
                kernels.add(new TritonKernel(name, ptx, Files.readAllBytes(out.resolve(name + ".cubin")),
                        k.path("num_warps").asInt(), k.path("threads_per_block").asInt(), k.path("shared_bytes").asLong(),
                        constexprs, strings(k.path("runtime_params")), strings(k.path("signature")), hidden));
            }
            List<String> copied = sources.files().stream().map(SourceFiles.SourceFile::path).toList();
            var digests = sources.digests(sourceFile, copied);
            return new TritonBuild(sourceFile, dev.scanbench.sandbox.SourceDigest.combined(digests), key,
                    meta.path("triton_version").asText(), kernels, digests, false);
        } catch (IOException | RuntimeException e) {
            throw new TritonException(sourceFile + ": the Triton compile's result is missing or malformed (" + e
                    + "); the candidate's code runs in the same process and may have changed it");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The last {@code max} lines of a text, for messages that quote a long log. */
    static String tail(String text, int max) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - max), lines.size()));
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
