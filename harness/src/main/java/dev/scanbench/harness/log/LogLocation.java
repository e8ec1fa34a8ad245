package dev.scanbench.harness.log;

import dev.scanbench.harness.Defaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides where the score log is: the {@code --log} option (a path, or a {@code jdbc:} URL for a database store),
 * else the environment variable {@value Defaults#LOG_ENV_VARIABLE}, else {@code ~/.workbench/scores.jsonl} under
 * {@code user.home}; and resolves a file's symbolic links.
 */
public final class LogLocation {

    private LogLocation() {
    }

    /**
     * Resolves the log's location against the {@code user.home} system property.
     *
     * @param cliOption the {@code --log} option's value (a path or a {@code jdbc:} URL), or {@code null} when not
     *                  given
     * @param env       the process environment (usually {@link System#getenv()})
     * @return the location to use (see {@link ScoreStores#open}); a file need not exist yet
     */
    public static String resolve(String cliOption, Map<String, String> env) {
        return resolve(cliOption, env, Path.of(System.getProperty("user.home")));
    }

    /**
     * Resolves the log's location with an explicit home directory.
     *
     * @param cliOption the {@code --log} option's value, or {@code null} when not given
     * @param env       the process environment
     * @param home      the directory the default location is under
     * @return the location to use
     */
    public static String resolve(String cliOption, Map<String, String> env, Path home) {
        if (cliOption != null && !cliOption.isBlank()) {
            return cliOption;
        }
        String fromEnv = env.get(Defaults.LOG_ENV_VARIABLE);
        // An exported but empty variable is treated as unset, as shells commonly leave it so.
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return home.resolve(Defaults.LOG_DIRECTORY).resolve(Defaults.LOG_FILE_NAME).toString();
    }

    /** Most symbolic links followed from a log path, as the kernel's own limit (ELOOP). */
    private static final int MAX_LINKS = 40;

    /**
     * The one real path of a log: symbolic links on the file and on its folders resolved, so that the log and
     * its sibling files ({@code .lock}, {@code .head}, {@code .torn}) are the same files however the path was
     * spelt. A link to a file that does not exist yet resolves to that file; a path whose folder does not exist
     * yet is kept absolute as given. A cycle of links is left as it is (the append then fails, naming it).
     */
    public static Path canonical(Path log) {
        Path p = log.toAbsolutePath();
        for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(p); hops++) {
            try {
                Path target = Files.readSymbolicLink(p);
                p = p.getParent().resolve(target).toAbsolutePath();
            } catch (IOException | UnsupportedOperationException e) {
                break;
            }
        }
        Path parent = p.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try {
                return parent.toRealPath().resolve(p.getFileName());
            } catch (IOException e) {
                return p.normalize();
            }
        }
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : p.normalize();
    }
}
