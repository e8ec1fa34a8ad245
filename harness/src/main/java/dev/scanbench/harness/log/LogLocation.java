package dev.scanbench.harness.log;

import dev.scanbench.harness.Defaults;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides which file is the score log: the {@code --log PATH} option, else the environment variable
 * {@value Defaults#LOG_ENV_VARIABLE}, else {@code ~/.workbench/scores.jsonl} under {@code user.home}.
 */
public final class LogLocation {

    private LogLocation() {
    }

    /**
     * Resolves the log path against the {@code user.home} system property.
     *
     * @param cliOption the {@code --log} option's value, or {@code null} when not given
     * @param env       the process environment (usually {@link System#getenv()})
     * @return the log file to use; it need not exist yet
     */
    public static Path resolve(Path cliOption, Map<String, String> env) {
        return resolve(cliOption, env, Path.of(System.getProperty("user.home")));
    }

    /**
     * Resolves the log path with an explicit home directory.
     *
     * @param cliOption the {@code --log} option's value, or {@code null} when not given
     * @param env       the process environment
     * @param home      the directory the default location is under
     * @return the log file to use; it need not exist yet
     */
    public static Path resolve(Path cliOption, Map<String, String> env, Path home) {
        if (cliOption != null) {
            return cliOption;
        }
        String fromEnv = env.get(Defaults.LOG_ENV_VARIABLE);
        // An exported but empty variable is treated as unset, as shells commonly leave it so.
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return home.resolve(Defaults.LOG_DIRECTORY).resolve(Defaults.LOG_FILE_NAME);
    }
}
