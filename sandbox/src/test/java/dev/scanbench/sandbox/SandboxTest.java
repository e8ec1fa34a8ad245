package dev.scanbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox on this machine, with real bubblewrap (scripts/test installs it): each test runs a shell in a jail
 * and checks from outside what it could and could not do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxTest {
    private static final Limits QUICK = Limits.of(Duration.ofSeconds(20));
    private static Sandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsBubblewrap() {
        sandbox = Sandbox.detect();
        assertThat(sandbox.contained()).as("bubblewrap must be usable here (apt-get install bubblewrap): %s",
                sandbox.describe()).isTrue();
    }

    private Path work() throws Exception {
        return Files.createDirectory(dir.resolve("work"));
    }

    private RunResult sh(Jail jail, String script) throws Exception {
        return sandbox.run(List.of("sh", "-c", script), jail, QUICK);
    }

    @Test
    void itRunsAsAnUnprivilegedUserWithoutCapabilities() throws Exception {
        RunResult r = sh(Jail.writable(work()).build(), "id -u; grep -E '^Cap(Eff|Prm)' /proc/self/status");

        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.contained()).isTrue();
        String expectedUid = Sandbox.effectiveUid() == 0 ? "65534" : Long.toString(Sandbox.effectiveUid());
        assertThat(r.stdoutText().lines().findFirst()).contains(expectedUid);
        assertThat(r.stdoutText()).contains("CapEff:\t0000000000000000", "CapPrm:\t0000000000000000");
    }

    @Test
    void itWritesOnlyItsWritableFolder() throws Exception {
        Path work = work();
        Path visible = Files.createDirectory(dir.resolve("sources"));
        Path source = Files.writeString(visible.resolve("kernel.cu"), "original\n");
        RunResult r = sh(Jail.writable(work).readOnly(visible).build(),
                "echo made > out.txt; echo scratch > /tmp/t && cat /tmp/t; echo changed > " + source + "; rm -f " + source + "; echo x > /etc/passwd;"
                + " touch /usr/evil; cat " + source);

        assertThat(r.stdoutText()).contains("scratch", "original");
        assertThat(Files.readString(work.resolve("out.txt"))).isEqualTo("made\n");
        assertThat(Files.readString(source)).isEqualTo("original\n");
        assertThat(Path.of("/usr/evil")).doesNotExist();
        assertThat(r.stderrText()).contains("Read-only file system");
    }

    @Test
    void itCannotWriteTheKernelsSettingsAsRootCould() throws Exception {
        Path swappiness = Path.of("/proc/sys/vm/swappiness");
        String current = Files.readString(swappiness).strip();
        // Writing the value it already has: should the sandbox fail, nothing on this machine changes.
        RunResult r = sh(Jail.writable(work()).build(), "echo " + current + " > " + swappiness + " && echo WROTE");

        assertThat(r.stdoutText()).doesNotContain("WROTE");
        assertThat(r.stderrText()).containsAnyOf("Permission denied", "Read-only file system");
    }

    @Test
    void itSeesNothingItWasNotGivenAndNothingHidden() throws Exception {
        Path secret = Files.writeString(Files.createDirectory(dir.resolve("elsewhere")).resolve("scores.jsonl"), "{}\n");
        Path shown = Files.createDirectory(dir.resolve("shown"));
        Path hiddenFile = Files.writeString(shown.resolve("scores.jsonl"), "{}\n");
        Path hiddenDir = Files.createDirectory(shown.resolve("cache"));
        Files.writeString(hiddenDir.resolve("entry"), "x");
        Files.writeString(shown.resolve("ok.txt"), "fine\n");
        RunResult r = sh(Jail.writable(work()).readOnly(shown).hide(hiddenFile).hide(hiddenDir).build(),
                "cat " + shown.resolve("ok.txt") + "; cat " + secret + "; cat " + hiddenFile + "; ls " + hiddenDir
                + "; ls " + System.getProperty("user.home") + "/.workbench");

        assertThat(r.stdoutText()).isEqualTo("fine\n");
        assertThat(r.stderrText()).contains(secret + ": No such file or directory");
    }

    @Test
    void itHasNoNetwork() throws Exception {
        RunResult r = sh(Jail.writable(work()).build(),
                "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; bash -c 'echo > /dev/tcp/1.1.1.1/53' && echo CONNECTED");

        assertThat(r.stdoutText().strip()).isEqualTo("lo");
        assertThat(r.stdoutText()).doesNotContain("CONNECTED");
    }

    @Test
    void whatItStartsInTheBackgroundDiesWithIt() throws Exception {
        String token = uniqueSleep();
        RunResult r = sh(Jail.writable(work()).build(), "setsid sh -c 'sleep " + token + "' >/dev/null 2>&1 &"
                + " (nohup sleep " + token + " >/dev/null 2>&1 &); echo started");

        assertThat(r.ok()).as(r.output()).isTrue();
        assertNoProcessWith(token);
    }

    @Test
    void itIsKilledWithEverythingItStartedAtItsWallTime() throws Exception {
        String token = uniqueSleep();
        long start = System.nanoTime();
        RunResult r = sandbox.run(List.of("sh", "-c", "sleep " + token + " & sleep " + token),
                Jail.writable(work()).build(), Limits.of(Duration.ofSeconds(1)));

        assertThat(r.timedOut()).isTrue();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
        assertNoProcessWith(token);
    }

    @Test
    void itDiesWhenTheJvmThatStartedItIsKilled() throws Exception {
        String token = uniqueSleep();
        Process parent = ParentMain.start(dir, token);
        try {
            ParentMain.awaitSandboxed(parent, token);
            parent.toHandle().destroyForcibly();
            assertThat(parent.waitFor(20, TimeUnit.SECONDS)).isTrue();
            awaitNoProcessWith(token, Duration.ofSeconds(10));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void itsOutputIsBytesAndMalformedTextIsDecodedLeniently() throws Exception {
        RunResult r = sh(Jail.writable(work()).build(), "printf 'ok \\377\\376 done'; printf 'err' >&2");

        assertThat(r.ok()).isTrue();
        assertThat(r.hasMalformedOutput()).isTrue();
        assertThat(r.stdoutText()).startsWith("ok ").endsWith(" done").contains("\uFFFD");
        assertThat(r.stderrText()).isEqualTo("err");
    }

    @Test
    void longOutputIsCutAtTheLimitAndSaysSo() throws Exception {
        RunResult r = sandbox.run(List.of("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' a"),
                Jail.writable(work()).build(), QUICK.withMaxOutputBytes(1000));

        assertThat(r.stdout()).hasSize(1000);
        assertThat(r.stdoutTruncated()).isTrue();
        assertThat(r.stdoutText()).endsWith("[... stdout truncated]");
    }

    @Test
    void aFileOverTheSizeLimitCannotBeWritten() throws Exception {
        Path work = work();
        RunResult r = sandbox.run(List.of("sh", "-c", "head -c 2000000 /dev/zero > big; echo status $?"),
                Jail.writable(work).build(), QUICK.withMaxFileBytes(1_000_000));

        assertThat(Files.size(work.resolve("big"))).isLessThanOrEqualTo(1_000_000);
        assertThat(r.stdoutText()).doesNotContain("status 0");
    }

    @Test
    void onTheHostItRunsInTheWorkingFolderWithTheJailsVariables() throws Exception {
        Path work = work();
        RunResult r = Sandbox.host("test").run(List.of("sh", "-c", "pwd; echo $WB_TEST"),
                Jail.writable(work).env("WB_TEST", "set").build(), QUICK);

        assertThat(r.contained()).isFalse();
        assertThat(r.stdoutText()).isEqualTo(work.toRealPath() + "\nset\n");
        assertThat(Sandbox.host("because").whyUncontained()).contains("because");
    }

    @Test
    void turnedOffItSaysSo() {
        Sandbox off = Sandbox.probe("off", System.getenv());
        assertThat(off.contained()).isFalse();
        assertThat(off.describe()).contains("WORKBENCH_SANDBOX=off");
    }

    @Test
    void withoutBubblewrapItSaysHowToGetIt() {
        Sandbox none = Sandbox.probe("auto", java.util.Map.of("PATH", dir.toString()));
        // The fallback folders may still hold bwrap on this machine; only a PATH-less probe without them fails.
        if (!none.contained()) {
            assertThat(none.describe()).contains("bubblewrap");
        }
        assertThat(none.whyUncontained().isPresent()).isEqualTo(!none.contained());
    }

    /** A sleep duration no other process on the machine has on its command line. */
    static String uniqueSleep() {
        return "3" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + ".25";
    }

    static void assertNoProcessWith(String token) throws InterruptedException {
        awaitNoProcessWith(token, Duration.ofSeconds(5));
    }

    static void awaitNoProcessWith(String token, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> left;
        do {
            left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .map(p -> p.info().commandLine().orElse(""))
                    .filter(c -> c.contains(token) && !c.contains("ParentMain")).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(left).as("processes left behind").isEmpty();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
