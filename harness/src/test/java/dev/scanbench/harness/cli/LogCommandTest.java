package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.log.LogSigningKey;
import dev.scanbench.harness.log.ScoreLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCommandTest {
    @TempDir
    Path dir;

    private Path logWith(int entries) throws Exception {
        Path file = dir.resolve("scores.jsonl");
        ScoreLog log = new ScoreLog(file);
        for (int i = 0; i < entries; i++) {
            ObjectNode payload = Json.object();
            payload.put("kernel", "k" + i + ".cu");
            payload.put("median_ms", 1.0 + i);
            log.append(payload);
        }
        return file;
    }

    @Test
    void missingLogVerifiesEmpty() {
        CliRun run = CliRun.of("log", "verify", "--log", dir.resolve("none.jsonl").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("verifies: 0 entries");
    }

    @Test
    void verifyWithAPublicKeyNamesTheFirstUnsignedEntryAndRefusesAFileThatIsNoKey() throws Exception {
        Path file = logWith(2);
        LogSigningKey key = LogSigningKey.at(dir.resolve("key"));
        new ScoreLog(file, key).append(Json.object().put("kernel", "signed.cu"));
        String pub = key.publicKeyFile().toString();

        CliRun unsigned = CliRun.of("log", "verify", "--log", file.toString(), "--public-key", pub);
        CliRun chainOnly = CliRun.of("log", "verify", "--log", file.toString());
        CliRun notAKey = CliRun.of("log", "verify", "--log", file.toString(), "--public-key", file.toString());
        CliRun missing = CliRun.of("log", "verify", "--log", file.toString(), "--public-key",
                dir.resolve("none.pub").toString(), "--json");

        assertThat(unsigned.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(unsigned.out()).contains("does NOT verify", "unsigned entry", "seq 0, line 1", key.publicKey().id());
        assertThat(chainOnly.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(notAKey.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notAKey.err()).contains("--public-key", file.toString(), "not a PEM public key");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.out() + missing.err()).contains("none.pub");
    }

    @Test
    void showAndTailPrintEntries() throws Exception {
        Path file = logWith(4);
        CliRun show = CliRun.of("log", "show", "--log", file.toString(), "--json");
        assertThat(show.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode json = Json.MAPPER.readTree(show.out());
        assertThat(json.get("total").asInt()).isEqualTo(4);
        assertThat(json.get("entries")).hasSize(4);
        assertThat(json.get("entries").get(3).get("kernel").asText()).isEqualTo("k3.cu");

        CliRun tail = CliRun.of("log", "tail", "-n", "2", "--log", file.toString());
        assertThat(tail.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(tail.out()).contains("k2.cu", "k3.cu").doesNotContain("k1.cu");
    }

    @Test
    void verifyNamesTheFirstEditedEntry() throws Exception {
        Path file = logWith(3);
        assertThat(CliRun.of("log", "verify", "--log", file.toString()).exitCode()).isEqualTo(ExitCode.OK);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("\"median_ms\":2.0", "\"median_ms\":0.2"));
        Files.write(file, lines, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("log", "verify", "--log", file.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("failure").get("seq").asInt()).isEqualTo(1);
        assertThat(json.get("failure").get("line").asInt()).isEqualTo(2);
        assertThat(json.get("failure").get("problem").asText()).isEqualTo("hash_mismatch");
    }

    @Test
    void showPrintsPayloadFieldsOnOneLine() throws Exception {
        Path file = logWith(1);
        CliRun run = CliRun.of("log", "show", "--log", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("kernel=k0.cu");
    }

    @Test
    void scoringEntriesAreSummarisedOnOneLineByTheirKeyFields() throws Exception {
        Path file = dir.resolve("scores.jsonl");
        ObjectNode payload = Json.object();
        payload.put("kernel", "kernels/a.cu");
        payload.put("status", "ok");
        payload.put("backend", "cuda");
        payload.put("n", 100_000_000);
        payload.put("time_ms", 0.5);
        payload.putNull("score");
        payload.put("plan", "@plan launch a grid=1 block=1 args=(x, y, n)\n@plan launch b grid=1 block=1 args=(y)");
        payload.put("seed", "1234");
        new ScoreLog(file).append(payload);

        CliRun run = CliRun.of("log", "show", "--log", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        String row = run.out().lines().filter(l -> l.contains("kernels/a.cu")).findFirst().orElseThrow();
        assertThat(row).endsWith("kernel=kernels/a.cu status=ok backend=cuda n=100000000 time_ms=0.5");
        assertThat(run.out().lines().count()).isEqualTo(2);
    }
}
