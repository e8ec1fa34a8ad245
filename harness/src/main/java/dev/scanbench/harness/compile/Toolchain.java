package dev.scanbench.harness.compile;

import dev.scanbench.harness.Defaults;
import dev.scanbench.sandbox.Jail;
import dev.scanbench.sandbox.Limits;
import dev.scanbench.sandbox.RunResult;
import dev.scanbench.sandbox.Sandbox;
import dev.scanbench.sandbox.WorkDir;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CUDA compilers the workbench runs: nvcc and ptxas, and their version text (part of every cache key,
 * so upgrading the toolkit never serves stale artifacts).
 *
 * @param nvcc        path of nvcc
 * @param ptxas       path of ptxas
 * @param versionText {@code nvcc --version} followed by {@code ptxas --version}
 */
public record Toolchain(Path nvcc, Path ptxas, String versionText) {

    /**
     * Finds nvcc and ptxas on PATH, then under {@code $CUDA_HOME/bin}, then {@code /usr/local/cuda/bin},
     * and asks them for their versions.
     *
     * @throws ToolchainException if either is missing or does not run
     */
    public static Toolchain locate() throws ToolchainException {
        return locate(System.getenv());
    }

    /** {@link #locate()} with an explicit environment (PATH, CUDA_HOME). */
    public static Toolchain locate(Map<String, String> env) throws ToolchainException {
        return locate(env, List.of(Defaults.STANDARD_CUDA_BIN));
    }

    /** {@link #locate(Map)} with explicit last-resort folders instead of {@code /usr/local/cuda/bin}. */
    static Toolchain locate(Map<String, String> env, List<Path> fallbacks) throws ToolchainException {
        List<Path> dirs = searchPath(env);
        dirs.addAll(fallbacks);
        Path nvcc = find("nvcc", dirs);
        Path ptxas = find("ptxas", dirs);
        return new Toolchain(nvcc, ptxas, version(nvcc) + version(ptxas));
    }

    /**
     * The toolkit folders a contained compile must see: the folder above each tool's {@code bin} (or the
     * tool's own folder when it is not in a {@code bin}), by its real path (nvcc finds cicc, the headers and
     * ptxas from there).
     */
    public List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        for (Path tool : List.of(nvcc, ptxas)) {
            Path real;
            try {
                real = tool.toRealPath();
            } catch (IOException e) {
                real = tool.toAbsolutePath();
            }
            Path dir = real.getParent();
            Path root = dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("bin")
                    && dir.getParent() != null ? dir.getParent() : dir;
            if (root != null && !roots.contains(root)) {
                roots.add(root);
            }
        }
        return roots;
    }

    /** The release line of the version text, e.g. {@code Cuda compilation tools, release 13.0, V13.0.88}. */
    public String release() {
        return versionText.lines().filter(l -> l.startsWith("Cuda compilation tools")).findFirst()
                .orElse(versionText.lines().findFirst().orElse("unknown"));
    }

    private static List<Path> searchPath(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        for (String d : Optional.ofNullable(env.get("PATH")).orElse("").split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        String cudaHome = env.get("CUDA_HOME");
        if (cudaHome != null && !cudaHome.isEmpty()) {
            dirs.add(Path.of(cudaHome, "bin"));
        }
        return dirs;
    }

    private static Path find(String tool, List<Path> dirs) throws ToolchainException {
        for (Path d : dirs) {
            Path candidate = d.resolve(tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new ToolchainException(tool + " not found: install the CUDA toolkit (13.x) and put its bin folder on"
                + " PATH or set CUDA_HOME; searched " + dirs);
    }

    private static String version(Path tool) throws ToolchainException {
        // The workbench's own query of an installed tool: nothing of a candidate's is involved.
        try (WorkDir dir = WorkDir.create("workbench-version-")) {
            RunResult r = Sandbox.host("a version query of the installed toolkit").run(
                    List.of(tool.toString(), "--version"), Jail.writable(dir.path()).build(),
                    Limits.of(Defaults.VERSION_TIMEOUT));
            if (!r.ok()) {
                throw new ToolchainException(tool + " --version " + (!r.finished() ? "timed out"
                        : "failed with exit code " + r.exitCode() + ": " + r.output()));
            }
            return r.stdoutText() + r.stderrText();
        } catch (IOException e) {
            throw new ToolchainException("cannot run " + tool + " --version: " + e.getMessage());
        }
    }
}
