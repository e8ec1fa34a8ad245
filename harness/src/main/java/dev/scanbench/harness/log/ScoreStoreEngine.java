package dev.scanbench.harness.log;

import java.io.IOException;
import java.util.List;

/**
 * A score store engine other than the built-in JSONL file, found with {@link java.util.ServiceLoader} (the
 * {@code pgstore} module provides PostgreSQL). An engine claims the locations it understands by their prefix.
 */
public interface ScoreStoreEngine {

    /** @return whether {@code location} (a {@code --log} value) is this engine's, e.g. a {@code jdbc:postgresql:} URL */
    boolean accepts(String location);

    /**
     * Opens the store. Nothing is created: a store that lacks its schema is refused with what to run.
     *
     * @param signer signs every appended entry, or null for unsigned entries
     * @throws ScoreLogException when the store cannot be reached or is not set up
     */
    ScoreStore open(String location, LogSigningKey signer) throws IOException;

    /**
     * Creates or upgrades the store's schema to this build's version (versioned migrations), and grants the
     * given roles what the scoring service needs and no more: reading and appending entries and sources, never
     * changing or deleting one.
     *
     * @param grantTo roles to grant reading and appending to (may be empty)
     * @return one line per step done, for the caller to print
     */
    List<String> migrate(String location, List<String> grantTo) throws IOException;
}
