package dev.scanbench.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's own files, copied into a jail: the candidate first, then the local files it may read (headers it
 * includes, modules it imports), each under a path relative to the candidate's folder. A contained compile reads
 * these copies and nothing else of the user's, so the copy is also the exact list of what can change its result.
 * Immutable.
 */
public final class SourceFiles {
    /**
     * One file.
     *
     * @param path    relative to the candidate's folder, {@code /}-separated
     * @param content its bytes
     */
    public record SourceFile(String path, byte[] content) {
        /** @throws IllegalArgumentException for a path that is absolute or climbs out with {@code ..} */
        public SourceFile {
            if (!isRelative(path)) {
                throw new IllegalArgumentException("not a relative source path: '" + path + "'");
            }
            content = content.clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] content() {
            return content.clone();
        }

        /** Lowercase hex SHA-256 of the bytes. */
        public String sha256() {
            return SourceDigest.sha256(content);
        }
    }

    private final List<SourceFile> files;

    /** A relative path: no leading slash, no empty, {@code .} or {@code ..} segment, no NUL. */
    static boolean isRelative(String path) {
        if (path.isEmpty() || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private SourceFiles(List<SourceFile> files) {
        this.files = List.copyOf(files);
    }

    /**
     * @param main   the candidate
     * @param others the local files it may read; duplicates of a path are dropped
     */
    public static SourceFiles of(SourceFile main, List<SourceFile> others) {
        Map<String, SourceFile> byPath = new LinkedHashMap<>();
        byPath.put(main.path(), main);
        others.forEach(f -> byPath.putIfAbsent(f.path(), f));
        return new SourceFiles(new ArrayList<>(byPath.values()));
    }

    /** The candidate. */
    public SourceFile main() {
        return files.get(0);
    }

    /** Every file, the candidate first. */
    public List<SourceFile> files() {
        return files;
    }

    /**
     * Writes every file under {@code dir}, keeping the relative layout.
     *
     * @return where the candidate was written
     */
    public Path writeUnder(Path dir) throws IOException {
        for (SourceFile f : files) {
            Path target = dir.resolve(f.path()).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("source path escapes its folder: " + f.path());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, f.content);
        }
        return dir.resolve(main().path());
    }

    /**
     * The digests of the files whose relative paths are given, each named by the user's path: {@code userFile}
     * for the candidate, and its folder plus the relative path for the others.
     */
    public List<SourceDigest> digests(String userFile, List<String> relativePaths) {
        String folder = parentOf(userFile);
        List<SourceDigest> out = new ArrayList<>();
        for (SourceFile f : files) {
            if (f == main()) {
                out.add(new SourceDigest(userFile, f.sha256()));
            } else if (relativePaths.contains(f.path())) {
                out.add(new SourceDigest(folder + f.path(), f.sha256()));
            }
        }
        return out;
    }

    /** The user-visible folder prefix of a path as given ({@code "kernels/"} for {@code kernels/x.cu}). */
    public static String parentOf(String userFile) {
        int slash = userFile.lastIndexOf('/');
        return slash < 0 ? "" : userFile.substring(0, slash + 1);
    }
}
