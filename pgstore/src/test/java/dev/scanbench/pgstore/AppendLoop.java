package dev.scanbench.pgstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import java.nio.file.Path;

/**
 * A child process for {@link PgStoreKillTest}: appends signed entries to the store at {@code args[0]} with the key at
 * {@code args[1]} until killed, printing each entry's seq once its transaction has committed.
 */
public final class AppendLoop {
    private AppendLoop() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (ScoreStore store = ScoreStores.open(args[0], LogSigningKey.at(Path.of(args[1])))) {
            for (int i = 0; ; i++) {
                LogEntry e = store.append(json.createObjectNode().put("kernel", "loop.cu").put("status", "ok")
                        .put("pid", ProcessHandle.current().pid()).put("i", i).put("padding", "x".repeat(i % 4000)));
                System.out.println(e.seq());
                System.out.flush();
            }
        }
    }
}
