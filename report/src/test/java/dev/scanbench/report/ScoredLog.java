package dev.scanbench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.cli.Main;
import dev.scanbench.harness.log.LogEntry;
import dev.scanbench.harness.log.ScoreLog;
import dev.scanbench.harness.measure.Protocol;
import dev.scanbench.harness.session.ClockedGpuScores;
import dev.scanbench.harness.sources.FileSourceStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report tests' data: a real score log, made once per test JVM under {@code target/scored-log/}, the way a user
 * makes one. Kernel paths are as a user in {@code report/} would give them ({@code ../kernels/...}).
 * <ul>
 *   <li>Emulator entries from real {@code workbench score --backend emulator} runs (real nvcc, a worker JVM each)
 *       of the shipped kernels, with labels, and one wrong kernel (a failed entry).</li>
 *   <li>Timed entries from the harness's real GPU scoring code (copy probe, default protocol, verified samples)
 *       over its clocked fake device, since no GPU is here: {@code simulated: true}, device "fake clocked device".
 *       They stand for the timed path and are never shown as GPU times. One is marked {@code practice: true}, as the
 *       harness marks runs at n != 10^8; the others are written ranked (see {@link #fake}).</li>
 * </ul>
 */
public final class ScoredLog {
    /** The emulator's problem size: several tiles for every shipped kernel, seconds per run. */
    public static final String EMULATOR_N = "16384";
    /** The fake device's problem size (it holds at most 2^20 ints per buffer). */
    public static final long FAKE_N = 4096;

    private static Path log;

    private ScoredLog() {
    }

    /** The log, made on first use. */
    public static synchronized Path get() {
        if (log == null) {
            try {
                log = make(Path.of("target", "scored-log").toAbsolutePath());
            } catch (Exception e) {
                throw new IllegalStateException("could not make the scored log: " + e.getMessage(), e);
            }
        }
        return log;
    }

    /** @return the log's entries */
    public static List<LogEntry> entries() {
        try {
            return new ScoreLog(get()).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path make(Path dir) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        Path file = dir.resolve("scores.jsonl");
        score(file, "../kernels/01_naive_three_kernel.cu", "agent A");
        score(file, "../kernels/02_warp_shuffle_reduce_then_scan.cu", "person B");
        score(file, "../harness/src/test/resources/kernels/adversarial/first_tile_only.cu", "agent A");
        score(file, "../kernels/04_lookback_single_thread.cu", "agent A");
        score(file, "../kernels/03_cub_blockscan_lookback.cu", "person B");
        ScoreLog scoreLog = new ScoreLog(file);
        // Timed path: the fake's 1-launch look-back at 0.30 ms against the 3-launch scan at 0.25 ms per launch.
        fake(scoreLog, "../kernels/01_naive_three_kernel.cu", 0.25, 0.002, 11, "person B", false);
        fake(scoreLog, "../kernels/04_lookback_single_thread.cu", 0.30, 0.002, 12, "agent A", false);
        fake(scoreLog, "../kernels/04_lookback_single_thread.cu", 0.30, 0.002, 13, "agent A", false);
        fake(scoreLog, "../kernels/04_lookback_single_thread.cu", 0.28, 0.002, 14, "agent A", true);
        return file;
    }

    private static void score(Path file, String kernel, String label) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"score", kernel, "--backend", "emulator", "--n",
            EMULATOR_N, "--log", file.toString(), "--label", label}, new PrintWriter(out), new PrintWriter(err));
        if (code != 0 && !kernel.contains("adversarial")) {
            throw new IllegalStateException("score " + kernel + " exited " + code + ": " + err);
        }
    }

    private static void fake(ScoreLog scoreLog, String kernel, double ms, double jitter, long seed, String label,
                             boolean practice) throws Exception {
        Path path = Path.of(kernel);
        ObjectNode record = ClockedGpuScores.record(path, FAKE_N, ms, jitter, seed, Protocol.DEFAULT);
        record.put("label", label);
        record.putNull("note");
        // The harness marks every run at n != 10^8 practice, and the fake holds only 2^20 ints; these entries
        // stand for task-size timed runs (their times are 10^8-scale), so all but the one practice run are
        // written as ranked, as such a run would be.
        record.put("practice", practice);
        record.set("source", new FileSourceStore(scoreLog.sourcesDirectory())
                .put(path.getFileName().toString(), Files.readAllBytes(path)).toJson());
        scoreLog.append(record);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
