package dev.scanbench.harness.log;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Starts a test {@code main} in a fresh JVM (a real OS process) with the classes this test sees. */
final class JvmProcess {

    private JvmProcess() {
    }

    /**
     * Starts {@code main}; its stderr goes to {@code stderr} rather than being inherited, so that a child left
     * running cannot hold the test JVM's output pipe (and with it the build) open.
     */
    static Process start(Path stderr, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting JVMs: the machine is shared and these mains do little work.
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(classPath(main));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
    }

    /** From the code sources, not java.class.path, which under surefire may be a manifest-only jar. */
    private static String classPath(Class<?> main) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(main, ScoreLog.class, ObjectMapper.class, JsonParser.class, JsonAutoDetect.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + c, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
