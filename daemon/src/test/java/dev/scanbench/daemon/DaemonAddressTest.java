package dev.scanbench.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon's key tells apart exactly the calls it must not run: another directory, environment or build. */
class DaemonAddressTest {
    @TempDir
    Path dir;

    private Map<String, String> properties(Path jar) {
        Map<String, String> p = new HashMap<>();
        p.put("java.home", "/usr/lib/jvm/x");
        p.put("java.class.path", jar.toString());
        p.put("user.home", dir.toString());
        return p;
    }

    @Test
    void theKeyChangesWithWhatACommandReadsAndNotWithTheShellsBookkeeping() throws Exception {
        Path jar = Files.writeString(dir.resolve("workbench.jar"), "jar");
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "WORKBENCH_LOG", "/a/log.jsonl"));
        String key = DaemonAddress.of(dir, env, properties(jar)).key();

        Map<String, String> shell = new HashMap<>(env);
        shell.put("SHLVL", "3");
        shell.put("OLDPWD", "/elsewhere");
        shell.put("_", "/usr/bin/env");
        assertThat(DaemonAddress.of(dir, shell, properties(jar)).key()).isEqualTo(key);

        Map<String, String> otherLog = new HashMap<>(env);
        otherLog.put("WORKBENCH_LOG", "/b/log.jsonl");
        assertThat(DaemonAddress.of(dir, otherLog, properties(jar)).key()).isNotEqualTo(key);
        assertThat(DaemonAddress.of(dir.resolve("sub"), env, properties(jar)).key()).isNotEqualTo(key);
        Map<String, String> sandboxOff = properties(jar);
        sandboxOff.put("workbench.sandbox", "off");
        assertThat(DaemonAddress.of(dir, env, sandboxOff).key()).isNotEqualTo(key);

        // the same jar rebuilt: another build
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertThat(DaemonAddress.of(dir, env, properties(jar)).key()).isNotEqualTo(key);
    }

    @Test
    void theSocketLiesInTheRuntimeFolderWhenTheSessionHasOneElseUnderTheHomeFolder() throws Exception {
        Path jar = Files.writeString(dir.resolve("workbench.jar"), "jar");
        assertThat(DaemonAddress.of(dir, Map.of("XDG_RUNTIME_DIR", "/run/user/7"), properties(jar)).folder())
                .isEqualTo(Path.of("/run/user/7/workbench-daemon"));
        assertThat(DaemonAddress.of(dir, Map.of(), properties(jar)).folder())
                .isEqualTo(dir.resolve(".workbench/daemon"));
    }

    @Test
    void onlyTheWorkbenchsOwnAndAFewOfJavasPropertiesCount() {
        assertThat(DaemonAddress.read("workbench.cache.dir")).isTrue();
        assertThat(DaemonAddress.read("dev.scanbench.emulator.translateAfter")).isTrue();
        assertThat(DaemonAddress.read("java.io.tmpdir")).isTrue();
        assertThat(DaemonAddress.read("sun.java.command")).isFalse();
        assertThat(DaemonAddress.read("jdk.debug")).isFalse();
    }
}
