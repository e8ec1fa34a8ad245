package dev.scanbench.baseline.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles an independent C implementation of the generator with gcc and checks it agrees bit for bit. */
class GoldenCTest {

    @TempDir
    Path dir;

    @Test
    void cImplementationReproducesGoldenValuesAndRandomPairs() throws Exception {
        Path source = dir.resolve("generator_golden.c");
        try (InputStream in = GoldenCTest.class.getResourceAsStream("generator_golden.c")) {
            Files.copy(in, source);
        }
        Path exe = dir.resolve("generator_golden");
        assumeTrue(gccAvailable(), "gcc is not on PATH");
        String compiled = run(List.of("gcc", "-O2", "-std=c99", "-Wall", "-Werror", "-o", exe.toString(),
                source.toString()));
        assertThat(compiled).isEmpty();

        List<long[]> pairs = new ArrayList<>(List.of(InputGeneratorTest.GOLDEN));
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            pairs.add(new long[] {random.nextLong(), random.nextLong()});
        }
        List<String> command = new ArrayList<>(List.of(exe.toString()));
        for (long[] p : pairs) {
            command.add(Long.toString(p[0]));
            command.add(Long.toString(p[1]));
        }
        String[] lines = run(command).split("\n");
        assertThat(lines).hasSize(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            long seed = pairs.get(i)[0];
            long index = pairs.get(i)[1];
            String expected = seed + " " + index + " " + InputGenerator.hash64(seed, index) + " "
                    + InputGenerator.value(seed, index);
            assertThat(lines[i]).as("pair %d", i).isEqualTo(expected);
        }
    }

    private static boolean gccAvailable() {
        try {
            return new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
        assertThat(p.exitValue()).as("exit status of %s, output: %s", command.get(0), out).isZero();
        return out.strip();
    }
}
