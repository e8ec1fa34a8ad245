package dev.scanbench.sandbox;

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

/**
 * Collects the local files a candidate may read: the files its text refers to that lie in its folder or below,
 * followed recursively, within {@link SandboxDefaults#MAX_SOURCE_FILES} and {@link SandboxDefaults#MAX_SOURCE_BYTES}.
 * One walk for every language; a language only says what a text refers to ({@link References}): C++
 * {@code #include}s, Python {@code import}s. A file outside the folder (through {@code ..} or a symbolic link) is
 * never taken, so a compile on the copies cannot read it either.
 */
public final class LocalSources {
    /** What one file's text refers to. */
    @FunctionalInterface
    public interface References {
        /**
         * @param root     the candidate's folder, as a real path
         * @param relative the referring file's path under {@code root}
         * @param text     its content
         * @return one entry per reference: the paths it may name, in search order (the first local file wins)
         */
        List<List<Path>> in(Path root, String relative, String text) throws IOException;
    }

    /** The candidate's local files would be more or larger than the sandbox takes. */
    public static final class TooManyFiles extends Exception {
        private static final long serialVersionUID = 1L;

        TooManyFiles() {
            super("more local files than the workbench copies into its sandbox (" + SandboxDefaults.MAX_SOURCE_FILES
                    + " files, " + SandboxDefaults.MAX_SOURCE_BYTES / (1 << 20) + " MiB)");
        }
    }

    private LocalSources() {
    }

    /**
     * @param name       the candidate's file name
     * @param main       its content, as read once
     * @param folder     its folder, or null for a source without one (the harness's own kernels)
     * @param references what a text refers to
     * @return the candidate and the local files it refers to, directly or not, in the order first found
     */
    public static SourceFiles collect(String name, byte[] main, Path folder, References references)
            throws IOException, TooManyFiles {
        SourceFiles.SourceFile candidate = new SourceFiles.SourceFile(name, main);
        if (folder == null || !Files.isDirectory(folder)) {
            return SourceFiles.of(candidate, List.of());
        }
        Path root = folder.toRealPath();
        Path self = root.resolve(name).normalize();
        Map<String, SourceFiles.SourceFile> found = new LinkedHashMap<>();
        Deque<SourceFiles.SourceFile> todo = new ArrayDeque<>(List.of(candidate));
        long bytes = main.length;
        while (!todo.isEmpty()) {
            SourceFiles.SourceFile file = todo.poll();
            for (List<Path> alternatives : references.in(root, file.path(),
                    new String(file.content(), StandardCharsets.UTF_8))) {
                for (Path where : alternatives) {
                    Path real = local(root, where);
                    if (real == null || real.equals(self)) {
                        continue;
                    }
                    String relative = root.relativize(real).toString().replace('\\', '/');
                    if (!found.containsKey(relative)) {
                        byte[] content = Files.readAllBytes(real);
                        bytes += content.length;
                        if (found.size() + 1 > SandboxDefaults.MAX_SOURCE_FILES
                                || bytes > SandboxDefaults.MAX_SOURCE_BYTES) {
                            throw new TooManyFiles();
                        }
                        SourceFiles.SourceFile copy = new SourceFiles.SourceFile(relative, content);
                        found.put(relative, copy);
                        todo.add(copy);
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
