package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.npy.Npy;
import dev.scanbench.harness.log.ScoreLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README's promise, command by command and failure by failure: under {@code --json}, exactly one JSON document on
 * stdout, whatever happens (usage error, missing file, fault, unsupported instruction, check failure, compile
 * error, hang), with the exit code the README lists. Out of memory, which needs a small heap, is in
 * {@link OutOfMemoryTest}.
 */
class JsonOnEveryPathTest {
    private static final String K = "src/test/resources/kernels/";
    private static final String A = K + "adversarial/";

    @TempDir
    static Path dir;

    private static String x;
    private static String badNpy;
    private static String badCu;
    private static String tampered;

    @BeforeAll
    static void fixtures() throws Exception {
        x = dir.resolve("x.npy").toString();
        Npy.writeInt32(Path.of(x), InputGenerator.generate(5, 3000));
        badNpy = Files.writeString(dir.resolve("bad.npy"), "not numpy").toString();
        badCu = Files.writeString(dir.resolve("bad.cu"), "// @plan launch k grid=1 block=1 args=(y)\n"
                + "extern \"C\" __global__ void k(int* y) {\n  y[0] = nope;\n}\n").toString();
        Path logFile = dir.resolve("tampered.jsonl");
        ScoreLog log = new ScoreLog(logFile);
        log.append(Json.object().put("kernel", "a.cu").put("status", "ok"));
        log.append(Json.object().put("kernel", "b.cu").put("status", "ok"));
        Files.writeString(logFile, Files.readString(logFile).replace("b.cu", "c.cu"));
        tampered = logFile.toString();
    }

    private static String out(String name) {
        return dir.resolve(name).toString();
    }

    private static String log() {
        return dir.resolve("scores.jsonl").toString();
    }

    /** One row: a command line with --json, its exit code, and a JSON pointer with the value it must hold. */
    static Stream<Arguments> paths() {
        List<Row> rows = new ArrayList<>();
        // usage errors: picocli's own and the commands'
        rows.add(row("no subcommand", ExitCode.USAGE, "/error/kind", "usage", "--json"));
        rows.add(row("unknown option", ExitCode.USAGE, "/error/kind", "usage", "generate", "-o", out("g.npy"),
                "--no-such-option", "--json"));
        rows.add(row("generate bad --n", ExitCode.USAGE, "/command", "generate", "generate", "--n", "-1", "-o",
                out("g.npy"), "--json"));
        rows.add(row("score bad --backend", ExitCode.USAGE, "/error/kind", "usage", "score", K + "tile_scan.cu",
                "--backend", "tpu", "--log", log(), "--json"));
        rows.add(row("verify bad --sizes", ExitCode.USAGE, "/command", "verify", "verify", K + "tile_scan.cu",
                "--sizes", "0", "--json"));
        rows.add(row("run kernel and baseline", ExitCode.USAGE, "/command", "run", "run", K + "tile_scan.cu",
                "--baseline", "-i", x, "-o", out("y.npy"), "--json"));
        rows.add(row("log tail bad -n", ExitCode.USAGE, "/command", "log tail", "log", "tail", "-n", "-3", "--log",
                log(), "--json"));
        rows.add(row("doctor unknown option", ExitCode.USAGE, "/error/kind", "usage", "doctor", "--fast", "--json"));
        // missing and malformed files
        for (String command : List.of("compile", "verify", "score")) {
            rows.add(row(command + " missing kernel", ExitCode.IO, "/error/kind", "io", command, out("none.cu"),
                    "--log", log(), "--json").filterLog(command));
        }
        rows.add(row("run missing kernel", ExitCode.IO, "/error/kind", "io", "run", out("none.cu"), "-i", x, "-o",
                out("y.npy"), "--json"));
        rows.add(row("run missing input", ExitCode.IO, "/error/kind", "io", "run", K + "tile_scan.cu", "-i",
                out("none.npy"), "-o", out("y.npy"), "--json"));
        rows.add(row("run malformed input", ExitCode.IO, "/error/kind", "io", "run", K + "tile_scan.cu", "--backend",
                "emulator", "-i", badNpy, "-o", out("y.npy"), "--json"));
        rows.add(row("run --baseline malformed input", ExitCode.IO, "/error/kind", "io", "run", "--baseline", "-i",
                badNpy, "-o", out("y.npy"), "--json"));
        rows.add(row("generate into a missing folder", ExitCode.IO, "/error/kind", "io", "generate", "--n", "10",
                "-o", out("no/such/folder/g.npy"), "--json"));
        rows.add(row("log show of a folder", ExitCode.IO, "/error/kind", "io", "log", "show", "--log",
                dir.toString(), "--json"));
        // compile errors
        rows.add(row("compile compile error", ExitCode.CHECK_FAILED, "/error/stage", "compile", "compile", badCu,
                "--json"));
        rows.add(row("verify compile error", ExitCode.CHECK_FAILED, "/error/stage", "compile", "verify", badCu,
                "--json"));
        rows.add(row("run compile error", ExitCode.CHECK_FAILED, "/error/rejection/stage", "compile", "run", badCu,
                "-i", x, "-o", out("y.npy"), "--json"));
        rows.add(row("score compile error", ExitCode.CHECK_FAILED, "/failure/kind", "compile", "score", badCu,
                "--backend", "emulator", "--log", log(), "--json"));
        // faults
        rows.add(row("verify fault", ExitCode.CHECK_FAILED, "/failure/kind", "fault", "verify",
                A + "read_past_end.cu", "--json"));
        rows.add(row("run fault", ExitCode.CHECK_FAILED, "/error/details/location/check", "memcheck", "run",
                A + "read_past_end.cu", "--backend", "emulator", "-i", x, "-o", out("y.npy"), "--json"));
        rows.add(row("score fault", ExitCode.CHECK_FAILED, "/status", "device_fault", "score",
                A + "read_past_end.cu", "--backend", "emulator", "--log", log(), "--json"));
        // instructions the emulator cannot run
        rows.add(row("compile unsupported", ExitCode.OK, "/emulator/unsupported/0/why", "opcode ex2", "compile",
                A + "approx_math.cu", "--json"));
        for (String command : List.of("verify", "score")) {
            rows.add(row(command + " unsupported", ExitCode.ENVIRONMENT, "/error/kind", "unsupported", command,
                    A + "approx_math.cu", "--backend", "emulator", "--log", log(), "--json").filterLog(command));
        }
        rows.add(row("run unsupported", ExitCode.ENVIRONMENT, "/error/unsupported/1/why", "qualifier .approx of div", "run",
                A + "approx_math.cu", "--backend", "emulator", "-i", x, "-o", out("y.npy"), "--json"));
        // check failures
        rows.add(row("verify wrong output", ExitCode.CHECK_FAILED, "/failure/kind", "wrong_output", "verify",
                A + "first_tile_only.cu", "--json"));
        rows.add(row("score wrong answer", ExitCode.CHECK_FAILED, "/status", "wrong_answer", "score",
                A + "first_tile_only.cu", "--backend", "emulator", "--log", log(), "--json"));
        rows.add(row("score rejected plan", ExitCode.CHECK_FAILED, "/status", "rejected", "score",
                A + "huge_scratch.cu", "--backend", "emulator", "--log", log(), "--json"));
        rows.add(row("log verify tampered", ExitCode.CHECK_FAILED, "/failure/problem", "hash_mismatch", "log",
                "verify", "--log", tampered, "--json"));
        // hangs, stopped by the watchdog
        rows.add(row("verify endless", ExitCode.CHECK_FAILED, "/failure/kind", "hang", "verify", A + "endless.cu",
                "--timeout", "2", "--json"));
        rows.add(row("run endless", ExitCode.CHECK_FAILED, "/error/kind", "hang", "run", A + "endless.cu",
                "--backend", "emulator", "--timeout", "2", "-i", x, "-o", out("y.npy"), "--json"));
        return rows.stream().map(Row::arguments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void printsExactlyOneJsonDocument(String name, int exit, String pointer, String value, String[] args)
            throws Exception {
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as("%s\nstdout: %s\nstderr: %s", name, run.out(), run.err()).isEqualTo(exit);
        JsonNode doc = onlyDocument(run.out());
        assertThat(doc.at(pointer).asText()).as("%s: %s in %s", name, pointer, doc).isEqualTo(value);
        if (exit != ExitCode.OK && doc.has("error")) {
            assertThat(doc.get("ok").asBoolean()).isFalse();
            assertThat(doc.path("error").path("message").asText()).isNotBlank();
        }
    }

    /** The one JSON document of {@code stdout}: anything else printed there fails. */
    static JsonNode onlyDocument(String stdout) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(
                stdout.getBytes(StandardCharsets.UTF_8))) {
            it.forEachRemaining(docs::add);
        }
        assertThat(docs).as("JSON documents on stdout:\n%s", stdout).hasSize(1);
        assertThat(docs.get(0).isObject()).isTrue();
        return docs.get(0);
    }

    private static Row row(String name, int exit, String pointer, String value, String... args) {
        return new Row(name, exit, pointer, value, args);
    }

    private record Row(String name, int exit, String pointer, String value, String[] args) {
        /** Drops {@code --log PATH} for commands without it. */
        Row filterLog(String command) {
            if (command.equals("score")) {
                return this;
            }
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--log")) {
                    i++;
                } else {
                    kept.add(args[i]);
                }
            }
            return new Row(name, exit, pointer, value, kept.toArray(String[]::new));
        }

        Arguments arguments() {
            return Arguments.of(name, exit, pointer, value, args);
        }
    }
}
