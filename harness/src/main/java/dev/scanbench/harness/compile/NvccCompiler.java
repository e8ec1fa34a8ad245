package dev.scanbench.harness.compile;

import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.ptx.PtxFormatException;
import dev.scanbench.harness.ptx.PtxSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles candidates with the installed CUDA toolkit: a {@code .cu} file with {@code nvcc -O3 -arch=sm_90a}
 * to PTX, then that PTX with {@code ptxas -arch=sm_90a -v} to a cubin and the resource usage per entry; a
 * {@code .ptx} file is taken as is and only assembled. Results are cached by the hash of source, file name,
 * flags and compiler versions. Compilation runs on a copy in a temporary folder; the compiler's messages are
 * rewritten to name the user's file.
 */
public final class NvccCompiler {
    private static final String KEY_FORMAT = "scanbench-compile/1";

    private final Toolchain toolchain;
    private final Optional<CompileCache> cache;
    private final Duration timeout;

    /**
     * @param toolchain the compilers to run
     * @param cache     where to keep artifacts, or empty to always compile
     * @param timeout   the limit for each compiler process
     */
    public NvccCompiler(Toolchain toolchain, Optional<CompileCache> cache, Duration timeout) {
        this.toolchain = toolchain;
        this.cache = cache;
        this.timeout = timeout;
    }

    /** A compiler with the located toolchain, the default cache folder and the default timeout. */
    public static NvccCompiler withDefaults() throws ToolchainException {
        return new NvccCompiler(Toolchain.locate(), Optional.of(CompileCache.atDefaultLocation()),
                Defaults.COMPILER_TIMEOUT);
    }

    /** The toolchain this compiler runs. */
    public Toolchain toolchain() {
        return toolchain;
    }

    /**
     * Compiles a kernel file by its extension: {@code .cu} (relative includes resolve against its folder)
     * or {@code .ptx}.
     *
     * @throws CompileException for a compiler error, a timeout, or a file type this compiler does not take
     * @throws IOException      when the file or the temporary folder cannot be read or written
     */
    public Artifact compile(Path kernel) throws IOException, CompileException {
        String name = kernel.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = Files.readString(kernel, StandardCharsets.UTF_8);
        if (name.endsWith(".cu")) {
            Path dir = kernel.toAbsolutePath().getParent();
            return compileCuda(kernel.toString(), text, dir);
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
     * @param includeDir a folder for {@code #include "..."} lookups (the source's own folder), or null
     */
    public Artifact compileCuda(String sourceFile, String source, Path includeDir) throws IOException, CompileException {
        List<String> flags = new ArrayList<>(Defaults.NVCC_FLAGS);
        flags.addAll(Defaults.PTXAS_FLAGS);
        String key = cacheKey("cu", sourceFile, String.valueOf(includeDir), flags, source);
        Optional<Artifact> hit = lookup(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        Path work = Files.createTempDirectory("workbench-nvcc-");
        try {
            // The copy lives apart from the outputs, so no user file name can collide with them.
            Path src = Files.createDirectory(work.resolve("src")).resolve(tempName(sourceFile, "kernel.cu"));
            Files.writeString(src, source, StandardCharsets.UTF_8);
            Path ptxFile = work.resolve("kernel.ptx");
            List<String> cmd = new ArrayList<>(List.of(toolchain.nvcc().toString()));
            cmd.addAll(Defaults.NVCC_FLAGS);
            cmd.add("-ptx");
            if (includeDir != null) {
                cmd.add("-I" + includeDir);
            }
            cmd.addAll(List.of("-o", ptxFile.toString(), src.toString()));
            PathMapper paths = new PathMapper(Map.of(src.toString(), sourceFile,
                    ptxFile.toString(), sourceFile + " (generated PTX)", work.toString(), "<workdir>"));
            String nvccLog = paths.map(runChecked(cmd, work, sourceFile, "nvcc", paths).output());
            // The line table (-lineinfo) names the temporary copy; naming the user's file instead makes
            // emulator messages point at it and keeps the cubin identical from one compilation to the next.
            String ptx = Files.readString(ptxFile, StandardCharsets.UTF_8)
                    .replace("\"" + src + "\"", "\"" + sourceFile.replace('"', '\'') + "\"");
            Files.writeString(ptxFile, ptx, StandardCharsets.UTF_8);
            return finish(sourceFile, source, key, ptx, ptxFile, work, flags, nvccLog, paths);
        } finally {
            TempFiles.deleteTree(work);
        }
    }

    /**
     * Assembles a PTX candidate as is.
     *
     * @param sourceFile the user's path, used in messages and in the cache key
     * @param ptx        the PTX text
     */
    public Artifact assemblePtx(String sourceFile, String ptx) throws IOException, CompileException {
        List<String> flags = Defaults.PTXAS_FLAGS;
        String key = cacheKey("ptx", sourceFile, "", flags, ptx);
        Optional<Artifact> hit = lookup(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        Path work = Files.createTempDirectory("workbench-ptxas-");
        try {
            Path ptxFile = Files.createDirectory(work.resolve("src")).resolve(tempName(sourceFile, "kernel.ptx"));
            Files.writeString(ptxFile, ptx, StandardCharsets.UTF_8);
            PathMapper paths = new PathMapper(Map.of(ptxFile.toString(), sourceFile, work.toString(), "<workdir>"));
            return finish(sourceFile, ptx, key, ptx, ptxFile, work, flags, "", paths);
        } finally {
            TempFiles.deleteTree(work);
        }
    }

    private Artifact finish(String sourceFile, String source, String key, String ptx, Path ptxFile, Path work,
                            List<String> flags, String earlierLog, PathMapper paths)
            throws IOException, CompileException {
        Path cubinFile = work.resolve("kernel.cubin");
        List<String> cmd = new ArrayList<>(List.of(toolchain.ptxas().toString()));
        cmd.addAll(Defaults.PTXAS_FLAGS);
        cmd.addAll(List.of("-o", cubinFile.toString(), ptxFile.toString()));
        String ptxasLog = paths.map(runChecked(cmd, work, sourceFile, "ptxas", paths).output());
        PtxSignature signature;
        try {
            signature = PtxSignature.parse(ptx);
        } catch (PtxFormatException e) {
            throw new CompileException(sourceFile + ": cannot read the entry points of the PTX", e.getMessage(),
                    List.of(new Diagnostic(sourceFile, e.line(), "error", e.getMessage())));
        }
        Artifact artifact = new Artifact(sourceFile, Sha256.hex(source), key, ptx, Files.readAllBytes(cubinFile),
                signature, PtxasReport.parse(ptxasLog), toolchain.release(), flags,
                warnings(earlierLog + ptxasLog), false);
        if (cache.isPresent()) {
            cache.get().store(artifact);
        }
        return artifact;
    }

    private CommandRunner.Result runChecked(List<String> cmd, Path work, String sourceFile, String step,
                                            PathMapper paths) throws IOException, CompileException {
        CommandRunner.Result r = CommandRunner.run(cmd, work, timeout);
        if (r == null) {
            throw new CompileTimeoutException(sourceFile, step, timeout);
        }
        if (r.exitCode() != 0) {
            String output = paths.map(r.output());
            throw new CompileException(sourceFile + ": " + step + " failed (exit code " + r.exitCode() + "):",
                    output, DiagnosticParser.parse(output, sourceFile));
        }
        return r;
    }

    private Optional<Artifact> lookup(String key) throws IOException {
        return cache.isPresent() ? cache.get().load(key) : Optional.empty();
    }

    private String cacheKey(String kind, String sourceFile, String includeDir, List<String> flags, String source) {
        return Sha256.hex(String.join("\n", KEY_FORMAT, kind, sourceFile, includeDir, String.join(" ", flags),
                toolchain.versionText(), source));
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

    /** The temporary copy keeps the user's file name, so messages read naturally even before mapping. */
    private static String tempName(String sourceFile, String fallback) {
        Path name = Path.of(sourceFile).getFileName();
        String s = name == null ? "" : name.toString();
        return s.matches("[A-Za-z0-9_.+-]+") ? s : fallback;
    }
}
