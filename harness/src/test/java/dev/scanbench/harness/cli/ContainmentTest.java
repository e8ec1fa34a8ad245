package dev.scanbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.harness.Defaults;
import dev.scanbench.harness.compile.Sha256;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.ScoreLog;
import dev.scanbench.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's attacks, rerun as written through {@code workbench score} on the emulator, each a real candidate file
 * of the adversarial corpus: every attempt fails, the verdict is the right one, the log verifies, and nothing the
 * workbench keeps (cache, log, its siblings) changed behind its back.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ContainmentTest {
    private static final Path KERNELS = Path.of("src/test/resources/kernels");
    private static final Path ATTACKS = KERNELS.resolve("adversarial/triton");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path log;
    private Path marker;
    private Path signingKey;

    @BeforeAll
    static void needsTheSandbox() {
        // The attacks below would really write wherever _attack_targets.py points if nothing contained them.
        assertThat(Sandbox.detect().contained()).as("bubblewrap must be usable (apt-get install bubblewrap): %s",
                Sandbox.detect().describe()).isTrue();
    }

    @BeforeEach
    void attackTargets() throws IOException {
        log = dir.resolve("scores.jsonl");
        marker = dir.resolve("rewritten.marker");
        // Next to the candidate, as careless set-ups will keep it: the sandbox must hide it there too.
        signingKey = dir.resolve("keys/log-signing-key");
        Files.writeString(dir.resolve("_attack_targets.py"), String.join("\n",
                "CACHE_DIRS = [" + quoted(Defaults.cacheDirectory().toAbsolutePath()) + "]",
                "LOG = " + quoted(log.toAbsolutePath()),
                "SIGNING_KEY = " + quoted(signingKey.toAbsolutePath()),
                "MARKER = " + quoted(marker.toAbsolutePath()),
                "TOKEN = 'wb-attack-" + System.nanoTime() + "'",
                "SCORER_PID = " + ProcessHandle.current().pid(), ""));
        Files.copy(Path.of("../kernels/triton/reference_three_pass.py"), dir.resolve("three_pass.py"));
    }

    private static String quoted(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private Path attack(String name) throws IOException {
        return Files.copy(ATTACKS.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private CliRun score(Path kernel, String... more) {
        String[] args = new String[8 + more.length];
        System.arraycopy(new String[] {"score", kernel.toString(), "--backend=emulator", "--n", "4097", "--json",
                "--log", log.toString()}, 0, args, 0, 8);
        System.arraycopy(more, 0, args, 8, more.length);
        return CliRun.of(args);
    }

    private static JsonNode json(CliRun run) throws IOException {
        return JSON.readTree(run.out());
    }

    private List<LogEntry> entries() throws IOException {
        return new ScoreLog(log).read();
    }

    private void assertLogVerifies(int entries) throws IOException {
        CliRun verify = CliRun.of("log", "verify", "--log", log.toString(), "--json");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCode.OK);
        assertThat(json(verify).get("entries").asInt()).isEqualTo(entries);
    }

    /** Every file under a folder with its SHA-256 (temporary and trash folders of concurrent stores aside). */
    private static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith(".tmp-") && !rel.startsWith(".trash-")) {
                    files.put(p, Sha256.hex(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    @Test
    void aTritonCandidateThatRewritesTheCacheChangesNothingAndEveryWrongKernelIsStillRejected() throws Exception {
        CliRun good = score(KERNELS.resolve("tile_scan.cu"));
        assertThat(good.exitCode()).as(good.err()).isEqualTo(ExitCode.OK);
        Map<Path, String> before = snapshot(Defaults.cacheDirectory());
        assertThat(before.keySet()).as("the harness's own entries are there to attack")
                .anyMatch(p -> p.getFileName().toString().equals("kernel.ptx"));

        CliRun poisoned = score(attack("rewrite_cache.py"));

        assertThat(poisoned.exitCode()).as(poisoned.out() + poisoned.err()).isEqualTo(ExitCode.OK);
        Map<Path, String> after = snapshot(Defaults.cacheDirectory());
        before.forEach((file, hash) -> assertThat(after.get(file)).as("%s unchanged", file).isEqualTo(hash));
        assertThat(Defaults.cacheDirectory().resolve("f".repeat(64))).doesNotExist();

        for (String wrong : List.of("noop.cu", "constant.cu", "half_output.cu", "replays_previous_output.cu",
                "first_tile_only.cu", "modifies_input.cu")) {
            CliRun run = score(KERNELS.resolve("adversarial").resolve(wrong));
            assertThat(run.exitCode()).as(wrong + ": " + run.err()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(json(run).get("status").asText()).as(wrong).isEqualTo("wrong_answer");
        }
        assertLogVerifies(8);
    }

    @Test
    void aTritonCandidateThatAppendsAForgedEntryCannotTouchTheLog() throws Exception {
        CliRun run = score(attack("append_log.py"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(entries()).hasSize(1);
        assertThat(Files.readString(log)).doesNotContain("forged.cu", "0.21");
        assertLogVerifies(1);
    }

    @Test
    void aTritonCandidateCannotReadTheSigningKeyAndAForgeryMadeOutsideIsNamed() throws Exception {
        CliRun first = score(KERNELS.resolve("tile_scan.cu"), "--signing-key", signingKey.toString());
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.OK);
        String keyId = json(first).at("/log/signed_by").asText();
        assertThat(keyId).hasSize(16);

        CliRun attack = score(attack("steal_signing_key.py"), "--signing-key", signingKey.toString());

        assertThat(attack.exitCode()).as(attack.err()).isEqualTo(ExitCode.OK);
        assertThat(marker).doesNotExist();
        assertThat(entries()).hasSize(2);
        assertThat(Files.readString(log)).doesNotContain("forged.cu");
        Path publicKey = Path.of(signingKey + ".pub");
        CliRun verified = CliRun.of("log", "verify", "--log", log.toString(), "--public-key", publicKey.toString(),
                "--json");
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isEqualTo(ExitCode.OK);
        assertThat(json(verified).get("signed_by").asText()).isEqualTo(keyId);

        // What the attack would have done had it seen the log: a correct chain and head, but no key.
        ScoreLog outside = new ScoreLog(log);
        outside.append(JSON.createObjectNode().put("kernel", "forged.cu").put("status", "ok"));
        CliRun forged = CliRun.of("log", "verify", "--log", log.toString(), "--public-key", publicKey.toString(),
                "--json");
        assertThat(forged.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(json(forged).at("/failure/problem").asText()).isEqualTo("unsigned");
        assertThat(json(forged).at("/failure/seq").asInt()).isEqualTo(2);
        assertLogVerifies(3);
    }

    @Test
    void aDetachedRewriterDiesWithTheCompileAndItsWrongAnswerStays() throws Exception {
        CliRun run = score(attack("detached_rewriter.py"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(json(run).get("status").asText()).isEqualTo("wrong_answer");
        // Longer than the rewriter waits before it strikes.
        Thread.sleep(6000);
        assertThat(marker).doesNotExist();
        assertThat(entries().get(0).payload().get("status").asText()).isEqualTo("wrong_answer");
        String token = Files.readString(dir.resolve("_attack_targets.py")).split("TOKEN = '")[1].split("'")[0];
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(token)))
                .as("the detached rewriter is gone").isEmpty();
        assertLogVerifies(1);
    }

    @Test
    void aTritonCandidateThatKillsItsParentCannotStopTheRunBeingLogged() throws Exception {
        CliRun run = score(attack("kill_parent.py"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(json(run).get("status").asText()).isEqualTo("ok");
        assertLogVerifies(1);
    }

    @Test
    void strayBytesOrAnEarlyExitAtImportAreLoggedRejectionsWithTheReason() throws Exception {
        JsonNode stray = json(score(attack("stray_output.py")));
        JsonNode early = json(score(attack("early_exit.py")));

        assertThat(stray.get("status").asText()).isEqualTo("rejected");
        assertThat(stray.at("/failure/kind").asText()).isEqualTo("compile");
        assertThat(stray.at("/failure/message").asText()).contains("not UTF-8");
        assertThat(early.get("status").asText()).isEqualTo("rejected");
        assertThat(early.at("/failure/message").asText()).contains("without writing its result", "os._exit");
        assertLogVerifies(2);
    }

    @Test
    void anImportThatNeverEndsIsKilledAtTheCompileLimitAndLogged() throws Exception {
        long start = System.nanoTime();
        JsonNode out = json(score(attack("import_loop.py"), "--compile-timeout", "10"));

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(90);
        assertThat(out.get("status").asText()).isEqualTo("rejected");
        assertThat(out.at("/failure/message").asText()).contains("did not finish within 10 s");
        assertLogVerifies(1);
    }

    @Test
    void aHeaderSwapIsRecompiledAndHashedAndTheWrongBodyCaught() throws Exception {
        Path kernel = Files.copy(KERNELS.resolve("adversarial/header_swap.cu"), dir.resolve("header_swap.cu"));
        Path body = Files.createDirectories(dir.resolve("header_swap")).resolve("body.cuh");
        Files.copy(KERNELS.resolve("tile_scan.cu"), body);

        JsonNode good = json(score(kernel));
        Files.copy(KERNELS.resolve("adversarial/header_swap/wrong_body.cuh"), body, StandardCopyOption.REPLACE_EXISTING);
        JsonNode swapped = json(score(kernel));

        assertThat(good.get("status").asText()).isEqualTo("ok");
        assertThat(good.get("sources")).hasSize(2);
        assertThat(good.at("/sources/1/path").asText()).isEqualTo(dir.resolve("header_swap/body.cuh").toString());
        assertThat(good.at("/sources/1/sha256").asText()).isEqualTo(Sha256.hex(Files.readAllBytes(
                KERNELS.resolve("tile_scan.cu"))));
        assertThat(good.get("content_sha256").asText()).as("covers the header")
                .isNotEqualTo(Sha256.hex(Files.readAllBytes(kernel)));
        assertThat(swapped.get("status").asText()).isEqualTo("wrong_answer");
        assertThat(swapped.get("content_sha256").asText()).isNotEqualTo(good.get("content_sha256").asText());
        assertLogVerifies(2);
    }

    @Test
    void anIncludeOfDevStdinIsRefusedAtOnce() throws Exception {
        long start = System.nanoTime();
        JsonNode out = json(score(KERNELS.resolve("adversarial/include_stdin.cu")));

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
        assertThat(out.get("status").asText()).isEqualTo("rejected");
        assertThat(out.at("/failure/message").asText()).contains("/dev/stdin", "outside its folder");
    }

    @Test
    void aPlanBombIsARejectedPlanWithItsLine() throws Exception {
        CliRun run = score(KERNELS.resolve("adversarial/plan_bomb.cu"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode out = json(run);
        assertThat(out.get("status").asText()).isEqualTo("rejected");
        assertThat(out.at("/failure/message").asText()).contains("plan_bomb.cu:2:", "nested deeper than 32");
        assertLogVerifies(1);
    }

    @Test
    void correctKernelsAtNonAsciiPathsScore() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ядро"));
        Path cu = Files.copy(KERNELS.resolve("tile_scan.cu"), folder.resolve("скан.cu"));
        Files.copy(dir.resolve("three_pass.py"), folder.resolve("три.py"));

        CliRun cuda = score(cu);
        CliRun triton = score(folder.resolve("три.py"));

        assertThat(cuda.exitCode()).as(cuda.out() + cuda.err()).isEqualTo(ExitCode.OK);
        assertThat(triton.exitCode()).as(triton.out() + triton.err()).isEqualTo(ExitCode.OK);
        assertThat(json(cuda).get("kernel").asText()).isEqualTo(cu.toString());
        assertLogVerifies(2);
    }

    @Test
    void limitsTheWatchdogCannotKeepAreUsageErrorsAndNothingIsLogged() {
        for (String[] bad : List.of(new String[] {"--timeout", "0.0004"}, new String[] {"--timeout", "NaN"},
                new String[] {"--compile-timeout", "0"}, new String[] {"--compile-timeout", "soon"})) {
            CliRun run = score(KERNELS.resolve("tile_scan.cu"), bad);
            assertThat(run.exitCode()).as(String.join(" ", bad) + ": " + run.err()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).doesNotContain("internal error");
        }
        assertThat(log).doesNotExist();
    }

    @Test
    void theAttackFilesAreWhatTheirReadmeSays() throws IOException {
        String readme = Files.readString(ATTACKS.resolve("README.md"), StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(ATTACKS)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py"))
                    .forEach(n -> assertThat(readme).contains("`" + n + "`"));
        }
    }
}
