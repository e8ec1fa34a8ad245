package dev.scanbench.harness.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreLogTest {

    @TempDir
    Path dir;

    @Test
    void aMissingLogReadsEmptyAndVerifiesWithNoEntriesWithoutCreatingFiles() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("absent/scores.jsonl"));
        assertThat(log.read()).isEmpty();
        LogVerification verification = log.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entryCount()).isZero();
        assertThat(verification.headHash()).isEqualTo("0".repeat(64));
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void anEmptyLogVerifiesWithNoEntries() throws Exception {
        ScoreLog log = new ScoreLog(Files.createFile(dir.resolve("scores.jsonl")));
        assertThat(log.verify().ok()).isTrue();
        assertThat(log.verify().entryCount()).isZero();
        assertThat(log.read()).isEmpty();
    }

    @Test
    void appendsChainEntriesAndCreateTheDirectory() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("new/dir/scores.jsonl"));
        LogEntry first = log.append(payload("a.cu"));
        LogEntry second = log.append(payload("b.cu"));

        assertThat(first.seq()).isZero();
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.prev()).isEqualTo("0".repeat(64));
        assertThat(second.seq()).isEqualTo(1);
        assertThat(second.prev()).isEqualTo(first.hash());
        assertThat(second.time()).isAfterOrEqualTo(first.time());
        assertThat(second.payload()).isEqualTo(payload("b.cu"));
        assertThat(log.read()).containsExactly(first, second);
        assertThat(Files.readString(log.headFile())).isEqualTo("{\"count\":2,\"hash\":\"" + second.hash() + "\"}\n");
        LogVerification verification = log.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entryCount()).isEqualTo(2);
        assertThat(verification.headHash()).isEqualTo(second.hash());
        assertThat(verification.summary()).isEqualTo("ok: 2 entries, head " + second.hash().substring(0, 12) + "...");
    }

    @Test
    void theStoredLineIsSortedCompactJsonWithTheHashOfItsTextWithoutTheHashMember() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        ObjectNode payload = EntryCodec.mapper().createObjectNode().put("zeta", "é \"q\"").put("alpha", 7);
        payload.putObject("timing").put("min", 0.25).put("median", 0.5);
        LogEntry entry = log.append(payload);

        String line = Files.readString(log.file(), StandardCharsets.UTF_8);
        String body = "{\"alpha\":7,\"prev\":\"" + "0".repeat(64) + "\",\"seq\":0,\"time\":\"" + entry.time()
                + "\",\"timing\":{\"median\":0.5,\"min\":0.25},\"zeta\":\"é \\\"q\\\"\"}";
        String hash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(line).isEqualTo(body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}\n");
        assertThat(entry.hash()).isEqualTo(hash);
    }

    @Test
    void payloadsMayNotUseChainFieldsOrNonFiniteNumbers() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        assertThatThrownBy(() -> log.append(payload("a.cu").put("seq", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'seq' is reserved");
        ObjectNode nan = payload("a.cu");
        nan.putObject("timing").put("ci_ms", Double.NaN);
        assertThatThrownBy(() -> log.append(nan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/timing/ci_ms");
        assertThat(log.file()).doesNotExist();
    }

    @Test
    void aTornLastLineIsNeitherAnEntryNorSilentAndTheNextAppendMovesItAside() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        log.append(payload("a.cu"));
        Files.writeString(log.file(), "{\"kernel\":\"cut", StandardOpenOption.APPEND);

        LogEntries entries = log.read();
        assertThat(entries).hasSize(1);
        assertThat(entries.hasTornTail()).isTrue();
        assertThat(entries.tornBytes()).isEqualTo(14);
        LogVerification verification = log.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entryCount()).isEqualTo(1);
        assertThat(verification.warnings()).singleElement().asString()
                .contains("scores.jsonl:2", "torn last line", "repaired on the next append");
        assertThat(verification.summary()).endsWith("(1 warning)");

        log.append(payload("b.cu"));
        log.append(payload("c.cu"));
        assertThat(Files.readString(log.tornFile())).isEqualTo("{\"kernel\":\"cut\n");
        assertThat(log.verify().warnings()).isEmpty();
        assertThat(log.read()).extracting(LogEntry::seq).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aTornLineLongerThanTheNextEntryIsCutOffNotPartlyOverwritten() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        log.append(payload("a.cu"));
        String torn = "{\"samples_ms\":[" + "0.4,".repeat(500);
        Files.writeString(log.file(), torn, StandardOpenOption.APPEND);

        log.append(payload("b.cu"));
        assertThat(log.read().hasTornTail()).isFalse();
        assertThat(log.verify().warnings()).isEmpty();
        assertThat(Files.readString(log.tornFile())).isEqualTo(torn + "\n");
    }

    @Test
    void aLogThatIsOnlyATornLineIsRepairedIntoAFreshChain() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        Files.writeString(log.file(), "{\"seq\":0,\"ti");
        assertThat(log.append(payload("a.cu")).seq()).isZero();
        assertThat(log.verify().ok()).isTrue();
        assertThat(Files.readString(log.tornFile())).isEqualTo("{\"seq\":0,\"ti\n");
    }

    @Test
    void aHeadOneEntryBehindFromAnInterruptedAppendIsAWarningAndIsCaughtUp() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        LogEntry first = log.append(payload("a.cu"));
        byte[] headAfterFirst = Files.readAllBytes(log.headFile());
        log.append(payload("b.cu"));
        Files.write(log.headFile(), headAfterFirst);

        LogVerification verification = log.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.warnings()).singleElement().asString().contains("one entry behind");
        LogEntry third = log.append(payload("c.cu"));
        assertThat(third.seq()).isEqualTo(2);
        assertThat(log.verify().warnings()).isEmpty();
        assertThat(first.seq()).isZero();
    }

    @Test
    void aMissingHeadFileForALongerLogFailsVerification() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        for (String kernel : List.of("a.cu", "b.cu", "c.cu")) {
            log.append(payload(kernel));
        }
        Files.delete(log.headFile());
        LogVerification verification = log.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.failure().orElseThrow().problem()).isEqualTo(LogProblem.HEAD_MISMATCH);
        assertThat(verification.failure().orElseThrow().detail()).contains("is missing");
        assertThatThrownBy(() -> log.append(payload("d.cu"))).isInstanceOf(LogTamperedException.class);
    }

    @Test
    void anUnparsableHeadFileFailsVerificationAndBlocksAppends() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        log.append(payload("a.cu"));
        Files.writeString(log.headFile(), "garbage");
        assertThat(log.verify().failure().orElseThrow().problem()).isEqualTo(LogProblem.HEAD_MISMATCH);
        assertThatThrownBy(() -> log.append(payload("b.cu"))).isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("scores.jsonl.head");
    }

    @Test
    void anUnreadableLastLineBlocksAppendsNamingTheFile() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        log.append(payload("a.cu"));
        Files.writeString(log.file(), "not json\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> log.append(payload("b.cu"))).isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("scores.jsonl: last line").hasMessageContaining("cannot chain");
    }

    @Test
    void longLinesAreFoundByTheBackwardTailScan() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        ObjectNode big = payload("big.cu");
        var samples = big.putArray("samples_ms");
        for (int i = 0; i < 5000; i++) {
            samples.add(0.4 + i * 1e-5);
        }
        LogEntry first = log.append(big);
        LogEntry second = log.append(big);
        assertThat(Files.size(log.file())).isGreaterThan(2 * 8192);
        assertThat(second.prev()).isEqualTo(first.hash());
        assertThat(log.verify().ok()).isTrue();
    }

    private static ObjectNode payload(String kernel) {
        return EntryCodec.mapper().createObjectNode().put("kernel", kernel).put("median_ms", 0.4321);
    }
}
