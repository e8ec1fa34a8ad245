package dev.scanbench.harness.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends from real OS processes: concurrent writers, and writers killed with SIGKILL mid-append. */
class ScoreLogProcessTest {

    private static final int WRITERS = 8;
    private static final int APPENDS_EACH = 200;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    /** Children must not outlive a failed test: a killed-mid-append writer would otherwise sleep forever. */
    @AfterEach
    void killLeftoverProcesses() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(Class<?> main, String... args) throws java.io.IOException {
        Process process = JvmProcess.start(dir.resolve("children.stderr"), main, args);
        started.add(process);
        return process;
    }

    @Test
    void eightProcessesAppendingAtOnceKeepOneIntactChain() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(start(AppendMain.class, log.file().toString(), String.valueOf(APPENDS_EACH),
                    String.valueOf(w)));
        }
        for (Process writer : writers) {
            assertThat(writer.waitFor(120, TimeUnit.SECONDS)).as("writer finished").isTrue();
            assertThat(writer.exitValue()).as("writer exit status; its stderr: %s",
                    Files.readString(dir.resolve("children.stderr"))).isZero();
        }

        LogVerification verification = log.verify();
        assertThat(verification.failure()).isEmpty();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entryCount()).isEqualTo(WRITERS * APPENDS_EACH);
        assertThat(verification.warnings()).isEmpty();

        LogEntries entries = log.read();
        assertThat(entries).hasSize(WRITERS * APPENDS_EACH);
        Set<String> seen = new HashSet<>();
        Map<Integer, Integer> lastIndexOfWriter = new HashMap<>();
        for (int k = 0; k < entries.size(); k++) {
            LogEntry entry = entries.get(k);
            assertThat(entry.seq()).isEqualTo(k);
            assertThat(entry.line()).isEqualTo(k + 1);
            int writer = entry.node().get("writer").intValue();
            int i = entry.node().get("i").intValue();
            assertThat(seen.add(writer + "/" + i)).as("entry %d/%d appears once", writer, i).isTrue();
            // One process's appends are sequential, so they must appear in its own order.
            assertThat(i).isGreaterThan(lastIndexOfWriter.getOrDefault(writer, -1));
            lastIndexOfWriter.put(writer, i);
        }
        assertThat(Files.exists(log.tornFile())).isFalse();
    }

    /** The scoring service's guarantee: a submission started twice at once is logged once. */
    @Test
    void processesAppendingTheSameSubmissionsAtOnceLogEachExactlyOnce() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        int values = 30;
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            writers.add(start(AppendOnceMain.class, log.file().toString(), String.valueOf(values), String.valueOf(w)));
        }
        int appended = 0;
        for (Process writer : writers) {
            assertThat(writer.waitFor(120, TimeUnit.SECONDS)).as("writer finished").isTrue();
            assertThat(writer.exitValue()).as("its stderr: %s", Files.readString(dir.resolve("children.stderr")))
                    .isZero();
            appended += Integer.parseInt(new String(writer.getInputStream().readAllBytes()).strip());
        }

        assertThat(appended).isEqualTo(values);
        assertThat(log.verify().ok()).isTrue();
        LogEntries entries = log.read();
        assertThat(entries).hasSize(values);
        assertThat(entries.stream().map(e -> e.node().get("submission").asText()).distinct()).hasSize(values);
        ObjectNode again = EntryCodec.mapper().createObjectNode().put("submission", "s7");
        ScoreLog.Appended found = log.appendOnce(again, "submission", "s7");
        assertThat(found.appended()).isFalse();
        assertThat(found.entry().node().get("submission").asText()).isEqualTo("s7");
        assertThat(log.read()).hasSize(values);
    }

    @Test
    void aProcessKilledMidAppendLeavesATornLineThatTheNextAppendRepairs() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        for (int i = 0; i < 3; i++) {
            log.append(payload(i));
        }
        Process writer = start(TornWriterMain.class, log.file().toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("torn");
        }
        // The killed writer still holds the lock: this append must wait for the OS to release it.
        CompletableFuture<LogEntry> blocked = CompletableFuture.supplyAsync(() -> appendUnchecked(log, payload(3)));
        Thread.sleep(300);
        assertThat(blocked).isNotDone();
        byte[] beforeKill = Files.readAllBytes(log.file());

        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        LogEntry appended = blocked.get(30, TimeUnit.SECONDS);

        assertThat(appended.seq()).isEqualTo(3);
        LogVerification verification = log.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entryCount()).isEqualTo(4);
        assertThat(verification.warnings()).isEmpty();
        int lastNewline = lastIndexOf(beforeKill, (byte) '\n');
        byte[] torn = Arrays.copyOfRange(beforeKill, lastNewline + 1, beforeKill.length);
        assertThat(torn).isNotEmpty();
        assertThat(new String(Files.readAllBytes(log.tornFile()), StandardCharsets.UTF_8))
                .isEqualTo(new String(torn, StandardCharsets.UTF_8) + "\n")
                .contains("never-finished.cu");
    }

    @Test
    void processesKilledAtRandomPointsWhileAppendingNeverBreakTheChain() throws Exception {
        ScoreLog log = new ScoreLog(dir.resolve("scores.jsonl"));
        for (int round = 0; round < 3; round++) {
            Process writer = start(AppendMain.class, log.file().toString(), "1000000", String.valueOf(round));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("started");
                Thread.sleep(50 + 70L * round);
                writer.destroyForcibly();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        LogEntry last = log.append(payload(-1));

        LogVerification verification = log.verify();
        assertThat(verification.failure()).isEmpty();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entryCount()).isEqualTo(last.seq() + 1).isGreaterThanOrEqualTo(4);
        assertThat(log.read()).extracting(LogEntry::seq).doesNotHaveDuplicates().last().isEqualTo(last.seq());
    }

    private static ObjectNode payload(int i) {
        return EntryCodec.mapper().createObjectNode().put("kernel", "k" + i + ".cu");
    }

    private static LogEntry appendUnchecked(ScoreLog log, ObjectNode payload) {
        try {
            return log.append(payload);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
