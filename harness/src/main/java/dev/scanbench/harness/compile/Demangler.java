package dev.scanbench.harness.compile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Demangles C++ entry names with the toolkit's {@code cu++filt} when it ships one beside nvcc, else binutils'
 * {@code c++filt}: one child process per compile, every mangled name on its standard input, one answer a line.
 * The names come from the module's PTX; the tool reads nothing else. Without a tool the map is empty and plans
 * name entries by their PTX (or simple) names only.
 */
public final class Demangler {
    private static final long TIMEOUT_SECONDS = 20;

    private final Optional<Path> tool;

    /** @param tool the demangler to run, or empty for none */
    public Demangler(Optional<Path> tool) {
        this.tool = tool;
    }

    /** The tool for a toolchain: {@code cu++filt} beside nvcc, else {@code c++filt} on the PATH. */
    public static Demangler forToolchain(Toolchain toolchain) {
        Path beside = toolchain.nvcc().resolveSibling("cu++filt");
        if (Files.isExecutable(beside)) {
            return new Demangler(Optional.of(beside));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "c++filt");
            if (Files.isExecutable(p)) {
                return new Demangler(Optional.of(p));
            }
        }
        return new Demangler(Optional.empty());
    }

    /** The tool this demangler runs, if any. */
    public Optional<Path> tool() {
        return tool;
    }

    /**
     * Demangled names of the Itanium-mangled ({@code _Z...}) names among these; others are left out, and so is any
     * name the tool gives back unchanged.
     *
     * @throws IOException when the tool cannot be run, fails or times out
     */
    public Map<String, String> demangle(List<String> names) throws IOException {
        List<String> mangled = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("_Z") && n.chars().allMatch(c -> c > ' ' && c < 127)) {
                mangled.add(n);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (mangled.isEmpty() || tool.isEmpty()) {
            return out;
        }
        Process p = new ProcessBuilder(tool.get().toString()).redirectErrorStream(true).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write((String.join("\n", mangled) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] answer = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(tool.get() + " failed demangling the entry names");
            }
            String[] lines = new String(answer, StandardCharsets.UTF_8).split("\n");
            if (lines.length < mangled.size()) {
                throw new IOException(tool.get() + " answered " + lines.length + " lines for " + mangled.size() + " names");
            }
            for (int i = 0; i < mangled.size(); i++) {
                String d = lines[i].strip();
                if (!d.isEmpty() && !d.equals(mangled.get(i))) {
                    out.put(mangled.get(i), d);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted demangling the entry names", e);
        } finally {
            p.destroyForcibly();
        }
    }
}
