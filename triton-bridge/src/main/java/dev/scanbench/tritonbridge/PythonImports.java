package dev.scanbench.tritonbridge;

import dev.scanbench.sandbox.LocalSources;
import dev.scanbench.sandbox.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local modules a Triton candidate may import: for every {@code import a.b} and {@code from a.b import c}
 * whose top-level name is a module ({@code a.py}) or package ({@code a/}) in the candidate's folder, that file
 * (or the package's {@code .py} files), followed recursively. The compile runs on copies of exactly these, with
 * the copies' folder first on {@code sys.path}; every copied file is part of the cache key and the candidate's
 * content hash (a superset of what Python imports: a module imported under {@code if False:} is copied too).
 */
final class PythonImports {
    private static final Pattern IMPORT = Pattern.compile(
            "^[ \\t]*(?:import[ \\t]+([A-Za-z_][\\w.]*(?:[ \\t]*(?:as[ \\t]+\\w+)?[ \\t]*,[ \\t]*[A-Za-z_][\\w.]*)*)"
            + "|from[ \\t]+([A-Za-z_][\\w.]*)[ \\t]+import)", Pattern.MULTILINE);

    private PythonImports() {
    }

    /**
     * @param userFile the candidate's path as given, for messages
     * @param name     the name its copy gets
     * @param main     its content, as read once
     * @param folder   its folder
     * @throws TritonSourceException when the local modules are more or larger than the sandbox takes
     */
    static SourceFiles scan(String userFile, String name, byte[] main, Path folder) throws IOException, TritonException {
        try {
            return LocalSources.collect(name, main, folder, (root, relative, text) -> {
                List<List<Path>> refs = new ArrayList<>();
                for (String module : topLevelNames(text)) {
                    files(root, module).forEach(f -> refs.add(List.of(f)));
                }
                return refs;
            });
        } catch (LocalSources.TooManyFiles e) {
            throw new TritonSourceException(userFile + ": imports " + e.getMessage(), 0);
        }
    }

    /** The top-level module names a Python text imports. */
    static List<String> topLevelNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
            String list = m.group(1) != null ? m.group(1) : m.group(2);
            for (String part : list.split(",")) {
                String dotted = part.strip().split("[ \\t]+")[0];
                String top = dotted.split("\\.")[0];
                if (!top.isEmpty() && !names.contains(top)) {
                    names.add(top);
                }
            }
        }
        return names;
    }

    /** The module's file, or a package's {@code .py} files (sorted), in the folder; none when it is not local. */
    private static List<Path> files(Path root, String module) throws IOException {
        Path file = root.resolve(module + ".py");
        if (Files.isRegularFile(file)) {
            return List.of(file);
        }
        Path pkg = root.resolve(module);
        if (!Files.isDirectory(pkg)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(pkg, 8)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".py")).sorted()
                    .toList();
        }
    }
}
