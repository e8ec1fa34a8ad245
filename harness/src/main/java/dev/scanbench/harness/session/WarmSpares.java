package dev.scanbench.harness.session;

import dev.scanbench.harness.compile.NvccCompiler;
import dev.scanbench.harness.worker.Spares;
import dev.scanbench.harness.worker.WorkerLauncher;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The spare worker a long-lived parent keeps ({@code workbench mcp}, {@code workbench daemon}): started as the
 * commands' own launcher starts workers and warmed up on the workbench's own kernels, never a candidate's.
 */
public final class WarmSpares {
    private WarmSpares() {
    }

    /**
     * Keeps one spare from now on ({@link Spares#keep}); does nothing when {@code WORKBENCH_HEAP} is not a size,
     * which every command reports itself.
     *
     * @param log hears when a spare cannot be made, and when spares are given up
     */
    public static void keep(Consumer<String> log) {
        WorkerLauncher launcher;
        try {
            launcher = WorkerLauncher.standard();
        } catch (IllegalArgumentException e) {
            return;
        }
        Spares.keep(launcher, () -> new ScoreSession(NvccCompiler.withDefaults(), launcher,
                () -> Optional.of("the warm-up runs on the emulator"), line -> { }).warmUps(), log);
    }
}
