package dev.scanbench.harness.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.log.LogVerification.Failure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits to a five-entry log, each of which verification must catch and locate. */
class ScoreLogTamperTest {

    @TempDir
    Path dir;

    private ScoreLog log;
    private List<String> lines;

    @BeforeEach
    void fiveEntries() throws Exception {
        log = new ScoreLog(dir.resolve("scores.jsonl"));
        for (int i = 0; i < 5; i++) {
            log.append(EntryCodec.mapper().createObjectNode().put("kernel", "k" + i + ".cu").put("median_ms", 0.5 - i * 0.01));
        }
        lines = new ArrayList<>(Files.readAllLines(log.file(), StandardCharsets.UTF_8));
        assertThat(log.verify().ok()).isTrue();
    }

    @Test
    void anEditedEntryIsAHashMismatchAtItsLine() throws Exception {
        lines.set(2, lines.get(2).replace("\"median_ms\":0.48", "\"median_ms\":0.28"));
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.HASH_MISMATCH);
        assertThat(failure.seq()).isEqualTo(2);
        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.message()).contains("edited", "scores.jsonl:3");
    }

    @Test
    void aReserialisedEntryIsCaughtEvenIfItsContentIsUnchanged() throws Exception {
        lines.set(1, lines.get(1).replace(",", ", "));
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.HASH_MISMATCH);
        assertThat(failure.line()).isEqualTo(2);
    }

    @Test
    void aDeletedEntryIsAPrevMismatchAtTheEntryAfterIt() throws Exception {
        lines.remove(2);
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.PREV_MISMATCH);
        assertThat(failure.seq()).isEqualTo(3);
        assertThat(failure.line()).isEqualTo(3);
        assertThat(log.verify().entryCount()).isEqualTo(2);
        assertThat(log.verify().summary()).startsWith("FAILED after 2 good entries: prev mismatch")
                .contains("(seq 3, line 3)");
    }

    @Test
    void anInsertedEntryIsAPrevMismatchAtTheInsertedLine() throws Exception {
        lines.add(2, lines.get(1));
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.PREV_MISMATCH);
        assertThat(failure.seq()).isEqualTo(1);
        assertThat(failure.line()).isEqualTo(3);
    }

    @Test
    void reorderedEntriesAreAPrevMismatchAtTheFirstMovedLine() throws Exception {
        Collections.swap(lines, 2, 3);
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.PREV_MISMATCH);
        assertThat(failure.seq()).isEqualTo(3);
        assertThat(failure.line()).isEqualTo(3);
    }

    @Test
    void aDeletedLastEntryIsCaughtByTheHeadFile() throws Exception {
        lines.remove(4);
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.HEAD_MISMATCH);
        assertThat(failure.seq()).isEqualTo(4);
        assertThat(failure.line()).isEqualTo(5);
        assertThat(failure.detail()).contains("records 5 entries", "has 4 entries", "entries 4..4 were deleted");
    }

    @Test
    void appendingAfterTheLastEntryWasDeletedIsRefusedSoTheEvidenceStays() throws Exception {
        lines.remove(4);
        write(lines);
        ObjectNode payload = EntryCodec.mapper().createObjectNode().put("kernel", "late.cu");
        try {
            log.append(payload);
            throw new AssertionError("append should have been refused");
        } catch (LogTamperedException e) {
            assertThat(e.getMessage()).contains("refusing to append", "scores.jsonl.head");
        }
        assertThat(log.verify().failure()).map(Failure::problem).contains(LogProblem.HEAD_MISMATCH);
    }

    @Test
    void aRenumberedButRehashedEntryIsASeqGap() throws Exception {
        LogEntry original = EntryCodec.decode(lines.get(3).getBytes(StandardCharsets.UTF_8), 4);
        byte[] forged = EntryCodec.encode(7, original.time(), original.prev(), original.payload(), null);
        lines.set(3, new String(forged, StandardCharsets.UTF_8).strip());
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.SEQ_GAP);
        assertThat(failure.seq()).isEqualTo(7);
        assertThat(failure.line()).isEqualTo(4);
    }

    @Test
    void anUnparsableLineIsNamedByItsLineAndTheSeqExpectedThere() throws Exception {
        lines.set(1, "{\"seq\": oops");
        Failure failure = failureAfterWriting();
        assertThat(failure.problem()).isEqualTo(LogProblem.UNPARSABLE);
        assertThat(failure.seq()).isEqualTo(1);
        assertThat(failure.line()).isEqualTo(2);
        try {
            log.read();
            throw new AssertionError("read should have failed");
        } catch (LogCorruptedException e) {
            assertThat(e.getMessage()).contains("scores.jsonl:2:", "not JSON");
        }
    }

    @Test
    void aDuplicatedSeqFieldIsUnparsableRatherThanSilentlyMerged() throws Exception {
        lines.set(0, lines.get(0).replace("{", "{\"seq\":9,"));
        assertThat(failureAfterWriting().problem()).isEqualTo(LogProblem.UNPARSABLE);
    }

    private Failure failureAfterWriting() throws Exception {
        write(lines);
        LogVerification verification = log.verify();
        assertThat(verification.ok()).isFalse();
        return verification.failure().orElseThrow();
    }

    private void write(List<String> content) throws Exception {
        Files.write(log.file(), (String.join("\n", content) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
