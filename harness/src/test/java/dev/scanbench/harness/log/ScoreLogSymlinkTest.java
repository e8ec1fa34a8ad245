package dev.scanbench.harness.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log reached through symbolic links (to the file, to its folder, a link to a log not created yet) is one log:
 * its lock, head and torn files sit beside the real file, and every spelling verifies and appends to the same chain.
 */
class ScoreLogSymlinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everySpellingOfALinkedLogIsTheSameLogWithOneSetOfSiblings() throws Exception {
        Path realDir = Files.createDirectory(dir.resolve("real"));
        Path real = realDir.resolve("scores.jsonl");
        Path fileLink = Files.createSymbolicLink(dir.resolve("link.jsonl"), real); // dangling until the first append
        Path dirLink = Files.createSymbolicLink(dir.resolve("logs"), realDir);
        Path chained = Files.createSymbolicLink(dir.resolve("chained.jsonl"), Path.of("logs/scores.jsonl"));

        new ScoreLog(fileLink).append(JSON.createObjectNode().put("n", 1));
        new ScoreLog(dirLink.resolve("scores.jsonl")).append(JSON.createObjectNode().put("n", 2));
        new ScoreLog(chained).append(JSON.createObjectNode().put("n", 3));

        for (Path spelling : new Path[] {real, fileLink, dirLink.resolve("scores.jsonl"), chained}) {
            ScoreLog log = new ScoreLog(spelling);
            assertThat(log.file()).isEqualTo(real.toRealPath());
            LogVerification v = log.verify();
            assertThat(v.ok()).as("verify through %s", spelling).isTrue();
            assertThat(v.entryCount()).isEqualTo(3);
        }
        assertThat(realDir.resolve("scores.jsonl.head")).exists();
        assertThat(realDir.resolve("scores.jsonl.lock")).exists();
        assertThat(dir.resolve("link.jsonl.head")).doesNotExist();
        assertThat(dir.resolve("link.jsonl.lock")).doesNotExist();
        assertThat(dir.resolve("chained.jsonl.head")).doesNotExist();
    }

    @Test
    void aPathWhoseFolderDoesNotExistYetIsKeptAsGiven() {
        Path fresh = dir.resolve("not-yet").resolve("scores.jsonl");
        assertThat(LogLocation.canonical(fresh)).isEqualTo(fresh.toAbsolutePath());
    }
}
