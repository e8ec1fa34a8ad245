package dev.scanbench.pgstore;

import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStoreEngine;
import java.io.IOException;
import java.util.List;

/** The PostgreSQL engine of the score store, for {@code --log jdbc:postgresql://HOST:PORT/DB?user=ROLE}. */
public final class PgStoreEngine implements ScoreStoreEngine {

    @Override
    public boolean accepts(String location) {
        return location.startsWith("jdbc:postgresql:");
    }

    @Override
    public ScoreStore open(String location, LogSigningKey signer) throws IOException {
        return PgScoreStore.open(PgLocation.parse(location, System.getenv()), signer);
    }

    @Override
    public List<String> migrate(String location, List<String> grantTo) throws IOException {
        return PgMigrations.migrate(PgLocation.parse(location, System.getenv()), grantTo);
    }
}
