package dev.scanbench.harness.compile;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.plan.CommentStyle;
import dev.scanbench.harness.plan.PlanException;
import dev.scanbench.harness.plan.PlanFlags;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import dev.scanbench.sandbox.Jail;
import dev.scanbench.sandbox.Limits;
import dev.scanbench.sandbox.RunResult;
import dev.scanbench.sandbox.Sandbox;
import dev.scanbench.sandbox.SandboxDefaults;
import dev.scanbench.sandbox.SourceDigest;
import dev.scanbench.sandbox.SourceFiles;
import dev.scanbench.sandbox.WorkDir;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles candidates with the installed CUDA toolkit: a {@code .cu} file with {@code nvcc -O3 -arch=sm_90a}
 * to PTX, then that PTX with {@code ptxas -arch=sm_90a -v} to a cubin and the resource usage per entry; a
 * {@code .ptx} file is taken as is and only assembled.
 *
 * <p>nvcc and ptxas run in the {@link Sandbox}, on copies of the candidate and the local files it includes
 * ({@link CudaIncludes}) in a fresh folder, and see nothing else of the user's. nvcc's dependency output says
 * which of them it read; those, with their hashes, are the artifact's {@link Artifact#sources() sources}, and every
 * copied file is in the cache key, so changing a header recompiles. Without the sandbox the same runs happen on
 * the host, and a kernel that read a file outside its folder, the toolkit and the system headers is refused.
 * The whole compile (every step) is bounded by one time limit. Messages name the user's files.
 */
public final class NvccCompiler {
    private static final String KEY_FORMAT = "scanbench-compile/3";
    private static final Path SYSTEM = Path.of("/usr");

    private final Toolchain toolchain;
    private final Optional<CompileCache> cache;
    private final Duration timeout;
    private final Sandbox sandbox;
    private final Demangler demangler;

    /**
     * @param toolchain the compilers to run
     * @param cache     where to keep artifacts, or empty to always compile
     * @param timeout   the limit for the whole compile of one candidate (nvcc and ptxas together)
     * @param sandbox   where the compilers run
     */
    public NvccCompiler(Toolchain toolchain, Optional<CompileCache> cache, Duration timeout, Sandbox sandbox) {
        this.toolchain = toolchain;
        this.cache = cache;
        this.timeout = timeout;
        this.sandbox = sandbox;
        this.demangler = Demangler.forToolchain(toolchain);
    }

    /** {@link #NvccCompiler(Toolchain, Optional, Duration, Sandbox)} in this machine's sandbox. */
    public NvccCompiler(Toolchain toolchain, Optional<CompileCache> cache, Duration timeout) {
        this(toolchain, cache, timeout, Sandbox.detect());
    }

    /** A compiler with the located toolchain, the default cache folder, limit and sandbox. */
    public static NvccCompiler withDefaults() throws ToolchainException {
        return new NvccCompiler(Toolchain.locate(), Optional.of(CompileCache.atDefaultLocation()),
                Defaults.COMPILE_TIMEOUT);
    }

    /** This compiler with another limit for one candidate's compile. */
    public NvccCompiler withTimeout(Duration newTimeout) {
        return new NvccCompiler(toolchain, cache, newTimeout, sandbox);
    }

    /** The toolchain this compiler runs. */
    public Toolchain toolchain() {
        return toolchain;
    }

    /** The limit for one candidate's compile. */
    public Duration timeout() {
        return timeout;
    }

    /** Where the compilers run. */
    public Sandbox sandbox() {
        return sandbox;
    }

    /**
     * Compiles a kernel file by its extension: {@code .cu} (local includes resolve against its folder) or
     * {@code .ptx}.
     *
     * @throws CompileException for a compiler error, a timeout, or a file type this compiler does not take
     * @throws IOException      when the file or the temporary folder cannot be read or written
     */
    public Artifact compile(Path kernel) throws IOException, CompileException {
        String name = kernel.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = Files.readString(kernel, StandardCharsets.UTF_8);
        if (name.endsWith(".cu")) {
            return compileCuda(kernel.toString(), text, kernel.toAbsolutePath().getParent());
        }
        if (name.endsWith(".ptx")) {
            return assemblePtx(kernel.toString(), text);
        }
        throw new CompileException(kernel + ": nvcc compiles .cu and .ptx candidates only"
                + " (a .cubin is loaded as is by the CUDA backend; Triton .py goes through the Triton bridge)", "", List.of());
    }

    /**
     * Compiles CUDA C++ source.
     *
     * @param sourceFile the user's path, used in messages and in the cache key
     * @param source     the source text
     * @param folder     the source's own folder, whose files it may include, or null for none
     */
    public Artifact compileCuda(String sourceFile, String source, Path folder) throws IOException, CompileException {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        PlanFlags planFlags;
        try {
            planFlags = PlanFlags.parse(sourceFile, source, CommentStyle.SLASHES);
        } catch (PlanException e) {
            throw new CompileException(e.getMessage(), "", List.of(new Diagnostic(sourceFile, e.position().line(), "error",
                    e.getMessage())));
        }
        return compileCuda(sourceFile, CudaIncludes.scan(sourceFile, fileName(sourceFile, "kernel.cu"), bytes, folder),
                "cu", planFlags);
    }

    /**
     * Compiles one of the workbench's own kernels (its source from the jar). They are keyed as a kind of their
     * own, so that no candidate's cache entry can ever be served for them.
     */
    public Artifact compileHarness(String resourceName, String source) throws IOException, CompileException {
        SourceFiles only = SourceFiles.of(new SourceFiles.SourceFile(resourceName,
                source.getBytes(StandardCharsets.UTF_8)), List.of());
        return compileCuda(resourceName, only, "harness", PlanFlags.none());
    }

    private Artifact compileCuda(String sourceFile, SourceFiles sources, String kind, PlanFlags planFlags)
            throws IOException, CompileException {
        long start = System.nanoTime();
        List<String> flags = new ArrayList<>(Defaults.NVCC_FLAGS);
        flags.addAll(planFlags.nvcc());
        flags.addAll(Defaults.PTXAS_FLAGS);
        flags.addAll(planFlags.ptxas());
        String key = cacheKey(kind, sourceFile, flags, sources);
        Optional<Artifact> hit = lookup(key);
        if (hit.isPresent()) {
            // Served for the same code text: the entry stands for the files as they are now.
            return hit.get().withSources(sources.digests(sourceFile, relativeReads(sourceFile, hit.get())));
        }
        try (WorkDir work = WorkDir.create("workbench-nvcc-")) {
            // The copies live apart from the outputs, so no user file name can collide with them.
            Path srcDir = Files.createDirectory(work.path().resolve("src"));
            Path src = sources.writeUnder(srcDir);
            Path ptxFile = work.path().resolve("kernel.ptx");
            Path depFile = work.path().resolve("kernel.d");
            List<String> cmd = new ArrayList<>(List.of(toolchain.nvcc().toString()));
            cmd.addAll(Defaults.NVCC_FLAGS);
            cmd.addAll(planFlags.nvcc());
            cmd.addAll(List.of("-ptx", "-MD", "-MF", depFile.toString(), "-I" + srcDir,
                    "-o", ptxFile.toString(), src.toString()));
            PathMapper paths = mapper(sourceFile, sources, srcDir, work.path(), ptxFile);
            String nvccLog = paths.map(runChecked(cmd, work.path(), sourceFile, "nvcc", paths, start).output());
            List<String> read = localReads(sourceFile, srcDir, paths,
                    DepFile.parse(Files.readString(depFile, StandardCharsets.UTF_8)));
            // The line table (-lineinfo) names the temporary copies; naming the user's files instead makes
            // emulator messages point at them and keeps the cubin identical from one compilation to the next.
            String ptx = PtxFileTable.rewrite(Files.readString(ptxFile, StandardCharsets.UTF_8), paths::map);
            Files.writeString(ptxFile, ptx, StandardCharsets.UTF_8);
            return finish(sourceFile, sources.digests(sourceFile, read), key, ptx, ptxFile, work.path(), flags,
                    planFlags.ptxas(), nvccLog, paths, start);
        }
    }

    /**
     * Assembles a PTX candidate as is (its {@code .file} names written as ptxas takes them).
     *
     * @param sourceFile the user's path, used in messages and in the cache key
     * @param ptx        the PTX text
     */
    public Artifact assemblePtx(String sourceFile, String ptx) throws IOException, CompileException {
        long start = System.nanoTime();
        List<String> flags = Defaults.PTXAS_FLAGS;
        SourceFiles sources = SourceFiles.of(new SourceFiles.SourceFile(fileName(sourceFile, "kernel.ptx"),
                ptx.getBytes(StandardCharsets.UTF_8)), List.of());
        String key = cacheKey("ptx", sourceFile, flags, sources);
        Optional<Artifact> hit = lookup(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        try (WorkDir work = WorkDir.create("workbench-ptxas-")) {
            Path srcDir = Files.createDirectory(work.path().resolve("src"));
            String assembled = PtxFileTable.rewrite(ptx, name -> name);
            Path ptxFile = srcDir.resolve(sources.main().path());
            Files.writeString(ptxFile, assembled, StandardCharsets.UTF_8);
            PathMapper paths = new PathMapper(Map.of(ptxFile.toString(), sourceFile, work.path().toString(), "<workdir>"));
            return finish(sourceFile, sources.digests(sourceFile, List.of()), key, assembled, ptxFile, work.path(),
                    flags, List.of(), "", paths, start);
        }
    }

    private Artifact finish(String sourceFile, List<SourceDigest> read, String key, String ptx, Path ptxFile,
                            Path work, List<String> flags, List<String> ptxasExtra, String earlierLog, PathMapper paths,
                          long start)
            throws IOException, CompileException {
        Path cubinFile = work.resolve("kernel.cubin");
        List<String> cmd = new ArrayList<>(List.of(toolchain.ptxas().toString()));
        cmd.addAll(Defaults.PTXAS_FLAGS);
        cmd.addAll(ptxasExtra);
        cmd.addAll(List.of("-o", cubinFile.toString(), ptxFile.toString()));
        String ptxasLog = paths.map(runChecked(cmd, work, sourceFile, "ptxas", paths, start).output());
        PtxSignature signature;
        try {
            signature = PtxSignature.parse(ptx);
        } catch (PtxFormatException e) {
            throw new CompileException(sourceFile + ": cannot read the entry points of the PTX", e.getMessage(),
                    List.of(new Diagnostic(sourceFile, e.line(), "error", e.getMessage())));
        }
        // Demangled once per compile and cached with it: plans may name C++ entries as c++filt spells them.
        signature = signature.withDemangled(demangler.demangle(
                signature.entries().stream().map(dev.scanbench.harness.ptx.PtxEntry::name).toList()));
        Artifact artifact = new Artifact(sourceFile, SourceDigest.combined(read), key, ptx,
                Files.readAllBytes(cubinFile), signature, PtxasReport.parse(ptxasLog), toolchain.release(), flags,
                warnings(earlierLog + "\n" + ptxasLog), read, false);
        if (cache.isPresent()) {
            cache.get().store(artifact);
        }
        return artifact;
    }

    private RunResult runChecked(List<String> cmd, Path work, String sourceFile, String step, PathMapper paths,
                                 long start) throws IOException, CompileException {
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        if (left.isNegative() || left.isZero()) {
            throw new CompileTimeoutException(sourceFile, step, timeout);
        }
        Jail.Builder jail = Jail.writable(work).env("PATH", toolchain.nvcc().getParent() + File.pathSeparator
                + (sandbox.contained() ? SandboxDefaults.PATH : System.getenv().getOrDefault("PATH", SandboxDefaults.PATH)));
        toolchain.roots().forEach(jail::readOnly);
        RunResult r = sandbox.run(cmd, jail.build(), Limits.of(left));
        if (!r.finished()) {
            throw new CompileTimeoutException(sourceFile, step, timeout);
        }
        if (r.exitCode() != 0) {
            // A message located in a file outside the candidate's could quote that file (a key, a log): the
            // output is withheld and the kernel refused for reading it.
            for (Diagnostic d : DiagnosticParser.parse(r.output(), sourceFile)) {
                Path where = Path.of(d.file());
                if (where.isAbsolute() && outside(where.normalize(), work)) {
                    throw readsOutside(sourceFile, paths, where);
                }
            }
            String output = paths.map(r.output());
            throw new CompileException(sourceFile + ": " + step + " failed (exit code " + r.exitCode() + "):",
                    output + hint(output), DiagnosticParser.parse(output, sourceFile));
        }
        return r;
    }

    /**
     * The local files nvcc read, relative to the copies' folder. Without the sandbox, a file outside the
     * candidate's folder, the toolkit and the system folders refuses the kernel: it could carry any file the
     * user can read (a key, a score log) into the kernel's data.
     */
    private List<String> localReads(String sourceFile, Path srcDir, PathMapper paths, List<Path> deps)
            throws CompileException {
        List<String> local = new ArrayList<>();
        for (Path d : deps) {
            if (d.startsWith(srcDir)) {
                local.add(srcDir.relativize(d).toString().replace('\\', '/'));
            } else if (outside(d, srcDir)) {
                throw readsOutside(sourceFile, paths, d);
            }
        }
        return local;
    }

    /** True for a file that is none of the candidate's copies, the toolkit's, or the system's ({@code /usr}). */
    private boolean outside(Path file, Path srcDir) {
        return !file.startsWith(srcDir) && !file.startsWith(SYSTEM) && toolchain.roots().stream().noneMatch(file::startsWith);
    }

    private static CompileException readsOutside(String sourceFile, PathMapper paths, Path file) {
        return new CompileException(sourceFile + ": the kernel reads " + paths.map(file.toString())
                + ", outside its folder, the CUDA toolkit and the system headers; a candidate may include only its"
                + " own files (the compiler's messages are withheld: they could quote that file)", "",
                List.of(new Diagnostic(sourceFile, 0, "error", "reads " + file + " outside its folder")));
    }

    /** Why an include a candidate can see on disk may be missing in the compile. */
    private static String hint(String output) {
        return output.contains("cannot open source file") || output.contains("No such file")
                ? "\n(the compile runs on a copy of the kernel and the files it includes from its own folder or"
                + " below; an include outside that folder, or computed by a macro, is not there)" : "";
    }

    private static PathMapper mapper(String sourceFile, SourceFiles sources, Path srcDir, Path work, Path ptxFile) {
        Map<String, String> m = new LinkedHashMap<>();
        String folder = SourceFiles.parentOf(sourceFile);
        for (SourceFiles.SourceFile f : sources.files()) {
            m.put(srcDir.resolve(f.path()).toString(), f == sources.main() ? sourceFile : folder + f.path());
        }
        m.put(ptxFile.toString(), sourceFile + " (generated PTX)");
        m.put(srcDir.toString(), folder.isEmpty() ? "." : folder.substring(0, folder.length() - 1));
        m.put(work.toString(), "<workdir>");
        return new PathMapper(m);
    }

    /** The paths, relative to the candidate's folder, of the local files a cached artifact's compile read. */
    private static List<String> relativeReads(String sourceFile, Artifact cached) {
        String folder = SourceFiles.parentOf(sourceFile);
        List<String> out = new ArrayList<>();
        for (dev.scanbench.sandbox.SourceDigest d : cached.sources()) {
            if (!d.path().equals(sourceFile) && d.path().startsWith(folder)) {
                out.add(d.path().substring(folder.length()));
            }
        }
        return out;
    }

    private Optional<Artifact> lookup(String key) throws IOException {
        return cache.isPresent() ? cache.get().load(key) : Optional.empty();
    }

    /**
     * The key: the kind, the user's path, the flags, the compiler versions, and each file by its {@link CodeText}
     * (a comment-only edit keeps the key) or, where that is not safe, by its exact bytes. PTX is keyed by its bytes.
     */
    private String cacheKey(String kind, String sourceFile, List<String> flags, SourceFiles sources) {
        StringBuilder files = new StringBuilder();
        for (SourceFiles.SourceFile f : sources.files()) {
            Optional<String> code = kind.equals("ptx") ? Optional.empty() : CodeText.of(f.content());
            files.append(f.path()).append('\0').append(code.map(t -> "code:" + Sha256.hex(t))
                    .orElse(f.sha256())).append('\n');
        }
        return Sha256.hex(String.join("\n", KEY_FORMAT, kind, sourceFile, String.join(" ", flags),
                toolchain.versionText(), files));
    }

    /** The compiler output minus ptxas's resource report: what the user should read. */
    private static String warnings(String log) {
        StringBuilder sb = new StringBuilder();
        for (String line : log.split("\n")) {
            if (!line.isBlank() && !line.startsWith("ptxas info") && !line.startsWith("    ")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The user's file name, which the copy keeps (nvcc takes any name); a fallback for a path without one. */
    private static String fileName(String sourceFile, String fallback) {
        Path name = Path.of(sourceFile).getFileName();
        String s = name == null ? "" : name.toString();
        return s.isEmpty() || s.equals(".") || s.equals("..") ? fallback : s;
    }
}
