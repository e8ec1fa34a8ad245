package dev.scanbench.pgstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.harness.log.LogEntries;
import dev.scanbench.harness.log.LogPublicKey;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.LogVerification;
import dev.scanbench.harness.log.ScoreStore;
import dev.scanbench.harness.log.ScoreStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers SIGKILLed at random moments while they append (two at once, so one is often waiting on the other's lock
 * or mid-transaction): every entry a writer saw committed is there, no entry is torn or out of chain, and every
 * entry still carries the key's signature.
 */
class PgStoreKillTest {

    @TempDir
    Path dir;

    private Process writer(String url, Path key) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AppendLoop.class.getName(), url, key.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void writersKilledMidAppendLoseNoCommittedEntryAndLeaveTheChainWhole() throws Exception {
        Path key = dir.resolve("keys/signing-key");
        LogSigningKey.at(key);
        Random random = new Random();
        Set<Long> committed = new HashSet<>();
        try (PgTestDatabase db = PgTestDatabase.create()) {
            for (int round = 0; round < 4; round++) {
                List<Process> writers = List.of(writer(db.serviceUrl(), key), writer(db.serviceUrl(), key));
                List<Thread> readers = new ArrayList<>();
                for (Process w : writers) {
                    Thread t = new Thread(() -> {
                        try (BufferedReader out = new BufferedReader(new InputStreamReader(w.getInputStream(),
                                StandardCharsets.UTF_8))) {
                            for (String line = out.readLine(); line != null; line = out.readLine()) {
                                synchronized (committed) {
                                    committed.add(Long.parseLong(line.strip()));
                                }
                            }
                        } catch (Exception e) {
                            // the stream ends with the kill
                        }
                    });
                    t.start();
                    readers.add(t);
                }
                // Long enough to be past the JVM's start and the pool's first connection, then any moment.
                Thread.sleep(2500 + random.nextInt(1500));
                for (Process w : writers) {
                    w.destroyForcibly();
                }
                for (Process w : writers) {
                    assertThat(w.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                for (Thread t : readers) {
                    t.join(10_000);
                }
            }
            try (ScoreStore store = ScoreStores.open(db.serviceUrl(), null)) {
                LogEntries entries = store.read();
                Set<Long> stored = new HashSet<>();
                entries.forEach(e -> stored.add(e.seq()));
                assertThat(committed).as("the writers committed entries").hasSizeGreaterThan(8);
                assertThat(stored).containsAll(committed);
                LogVerification v = store.verify(LogPublicKey.read(Path.of(key + ".pub")));
                assertThat(v.ok()).as(v.summary()).isTrue();
                assertThat(v.entryCount()).isEqualTo(entries.size());
            }
        }
    }
}
