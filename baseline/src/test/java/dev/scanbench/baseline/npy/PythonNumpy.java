package dev.scanbench.baseline.npy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter that can {@code import numpy}: python3 on the PATH if it can, else a virtual
 * environment under {@code target/numpy-venv}, created once with {@code pip install numpy}.
 */
final class PythonNumpy {

    private static final Path VENV = Path.of("target", "numpy-venv");
    private static String interpreter;

    private PythonNumpy() {
    }

    static synchronized String interpreter() throws IOException, InterruptedException {
        if (interpreter != null) {
            return interpreter;
        }
        String venvPython = VENV.resolve("bin").resolve("python3").toAbsolutePath().toString();
        for (String candidate : List.of("python3", venvPython)) {
            if (importsNumpy(candidate)) {
                return interpreter = candidate;
            }
        }
        if (!Files.exists(VENV)) {
            Files.createDirectories(VENV.getParent());
            run(List.of("python3", "-m", "venv", VENV.toString()), 120);
        }
        run(List.of(venvPython, "-m", "pip", "install", "--quiet", "numpy"), 300);
        if (!importsNumpy(venvPython)) {
            throw new IOException("numpy is still not importable from " + venvPython + " after pip install");
        }
        return interpreter = venvPython;
    }

    /** Runs a Python script with arguments; returns stdout+stderr, failing on a non-zero exit. */
    static String runScript(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(interpreter(), "-c", script));
        command.addAll(List.of(args));
        return run(command, 120);
    }

    private static boolean importsNumpy(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit status " + p.exitValue() + " from " + command.get(0) + " " + command.get(1)
                    + ":\n" + out);
        }
        return out;
    }
}
