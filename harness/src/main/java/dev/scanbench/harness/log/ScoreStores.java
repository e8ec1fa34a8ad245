package dev.scanbench.harness.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Chooses the score store a location names: a {@code jdbc:} URL goes to the engine that accepts it (PostgreSQL,
 * from the {@code pgstore} module), anything else is the path of a JSONL log.
 */
public final class ScoreStores {

    private ScoreStores() {
    }

    /** @return whether {@code location} names a database rather than a file */
    public static boolean isDatabase(String location) {
        return location.startsWith("jdbc:");
    }

    /**
     * Opens the store at {@code location} (see {@link LogLocation#resolve(String, java.util.Map)}).
     *
     * @param signer signs every appended entry, or null
     * @throws ScoreLogException when no engine of this build accepts a {@code jdbc:} location, or the store
     *                           cannot be opened
     */
    public static ScoreStore open(String location, LogSigningKey signer) throws IOException {
        if (!isDatabase(location)) {
            return new ScoreLog(Path.of(location), signer);
        }
        return engine(location).open(location, signer);
    }

    /**
     * Brings a database store's schema to this build's version and grants {@code grantTo} reading and appending.
     *
     * @return the steps done, one line each
     * @throws ScoreLogException for a file location (a JSONL log has no schema) or one no engine accepts
     */
    public static List<String> migrate(String location, List<String> grantTo) throws IOException {
        if (!isDatabase(location)) {
            throw new ScoreLogException(Path.of(location), location + " is a JSONL log file, which has no schema to"
                    + " migrate; migrations are for a database store (--log jdbc:postgresql://HOST:PORT/DB?user=ROLE)");
        }
        return engine(location).migrate(location, grantTo);
    }

    private static ScoreStoreEngine engine(String location) throws ScoreLogException {
        for (ScoreStoreEngine engine : ServiceLoader.load(ScoreStoreEngine.class, ScoreStores.class.getClassLoader())) {
            if (engine.accepts(location)) {
                return engine;
            }
        }
        throw new ScoreLogException("no score store engine in this build accepts " + redact(location)
                + " (PostgreSQL takes jdbc:postgresql://HOST:PORT/DB?user=ROLE)", null);
    }

    /** @return {@code location} with any {@code password=} parameter's value hidden, for messages */
    public static String redact(String location) {
        return location.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
