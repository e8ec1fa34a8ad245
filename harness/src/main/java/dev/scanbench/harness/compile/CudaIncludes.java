package dev.scanbench.harness.compile;

import dev.scanbench.sandbox.SandboxDefaults;
import dev.scanbench.sandbox.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local files a {@code .cu} candidate may include: every {@code #include "..."} or {@code <...>} that names a
 * file in the candidate's folder or below, followed recursively (from the including file's folder, then the
 * candidate's, as nvcc searches with {@code -I} that folder). The compile runs on copies of exactly these, so
 * an include outside the folder (or computed by a macro) is not found there. The list can be longer than what
 * the preprocessor reads (an include under {@code #if 0} is copied too); nvcc's own dependency output then says
 * what was read.
 */
final class CudaIncludes {
    private static final Pattern INCLUDE = Pattern.compile("^[ \\t]*#[ \\t]*include[ \\t]*[\"<]([^\">\\n]+)[\">]",
            Pattern.MULTILINE);

    private CudaIncludes() {
    }

    /**
     * @param userFile the candidate's path as the user gave it, for messages
     * @param name   the candidate's file name
     * @param main   its content, as read once
     * @param folder its folder, or null for a source without one (the harness's own kernels)
     * @throws CompileException when the local files are more or larger than {@link SandboxDefaults#MAX_SOURCE_FILES}
     *                          and {@link SandboxDefaults#MAX_SOURCE_BYTES} allow
     */
    static SourceFiles scan(String userFile, String name, byte[] main, Path folder) throws IOException, CompileException {
        SourceFiles.SourceFile candidate = new SourceFiles.SourceFile(name, main);
        if (folder == null || !Files.isDirectory(folder)) {
            return SourceFiles.of(candidate, List.of());
        }
        Path root = folder.toRealPath();
        Path self = root.resolve(name).normalize();
        Map<String, SourceFiles.SourceFile> found = new LinkedHashMap<>();
        Deque<Map.Entry<String, byte[]>> todo = new ArrayDeque<>();
        todo.add(Map.entry(name, main));
        long bytes = main.length;
        while (!todo.isEmpty()) {
            Map.Entry<String, byte[]> file = todo.poll();
            Path includer = root.resolve(file.getKey()).getParent();
            Matcher m = INCLUDE.matcher(new String(file.getValue(), StandardCharsets.UTF_8));
            while (m.find()) {
                for (Path where : List.of(includer.resolve(m.group(1)), root.resolve(m.group(1)))) {
                    Path real = local(root, where);
                    if (real == null || real.equals(self)) {
                        continue;
                    }
                    String relative = root.relativize(real).toString().replace('\\', '/');
                    if (!found.containsKey(relative)) {
                        byte[] content = Files.readAllBytes(real);
                        bytes += content.length;
                        if (found.size() + 1 > SandboxDefaults.MAX_SOURCE_FILES || bytes > SandboxDefaults.MAX_SOURCE_BYTES) {
                            throw new CompileException(userFile + ": includes more local files than the workbench"
                                    + " copies into its sandbox (" + SandboxDefaults.MAX_SOURCE_FILES + " files, "
                                    + SandboxDefaults.MAX_SOURCE_BYTES / (1 << 20) + " MiB)", "", List.of());
                        }
                        found.put(relative, new SourceFiles.SourceFile(relative, content));
                        todo.add(Map.entry(relative, content));
                    }
                    break;
                }
            }
        }
        return SourceFiles.of(candidate, new ArrayList<>(found.values()));
    }

    /** The real path of {@code p} when it is a regular file under {@code root}, else null. */
    private static Path local(Path root, Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return null;
            }
            Path real = p.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
