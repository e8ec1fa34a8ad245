package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.log.ScoreLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score --submission ID --json-file FILE}: what the scoring service's children rely on. */
class ScoreSubmissionTest {
    private static final Path NOOP = Path.of("src/test/resources/kernels/adversarial/noop.cu");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theEntryKeepsItsSubmissionTheJsonFileIsTheJsonAndASecondRunOfItIsNotLogged() throws Exception {
        Path log = dir.resolve("scores.jsonl");
        Path result = dir.resolve("out").resolve("result.json");
        Files.createDirectories(result.getParent());
        CliRun first = CliRun.of("score", NOOP.toString(), "--backend=emulator", "--n", "100", "--log", log.toString(),
                "--submission", "s0000000000001-0000abcd", "--json-file", result.toString(), "--json");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode written = JSON.readTree(result.toFile());
        assertThat(written).isEqualTo(JSON.readTree(first.out()));
        assertThat(written.get("submission").asText()).isEqualTo("s0000000000001-0000abcd");
        assertThat(new ScoreLog(log).read()).hasSize(1);

        Files.delete(result);
        CliRun again = CliRun.of("score", NOOP.toString(), "--backend=emulator", "--n", "100", "--log", log.toString(),
                "--submission", "s0000000000001-0000abcd", "--json-file", result.toString(), "--json");
        assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(JSON.readTree(again.out()).at("/error/message").asText())
                .contains("submission s0000000000001-0000abcd is logged already, as entry 0");
        assertThat(result).doesNotExist();
        assertThat(new ScoreLog(log).read()).hasSize(1);
    }

    @Test
    void aJsonFileThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        Path log = dir.resolve("scores.jsonl");
        CliRun run = CliRun.of("score", NOOP.toString(), "--backend=emulator", "--n", "100", "--log", log.toString(),
                "--json-file", dir.resolve("no-such-folder").resolve("r.json").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("no-such-folder");
        assertThat(log).doesNotExist();
    }
}
