package dev.scanbench.harness.compile;

import dev.scanbench.sandbox.LocalSources;
import dev.scanbench.sandbox.SourceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        try {
            return LocalSources.collect(name, main, folder, CudaIncludes::includes);
        } catch (LocalSources.TooManyFiles e) {
            throw new CompileException(userFile + ": includes " + e.getMessage(), "", List.of());
        }
    }

    /** Each {@code #include}: from the including file's folder, then the candidate's. */
    private static List<List<Path>> includes(Path root, String relative, String text) {
        Path includer = root.resolve(relative).getParent();
        List<List<Path>> refs = new ArrayList<>();
        Matcher m = INCLUDE.matcher(text);
        while (m.find()) {
            refs.add(List.of(includer.resolve(m.group(1)), root.resolve(m.group(1))));
        }
        return refs;
    }
}
