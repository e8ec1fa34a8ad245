package dev.scanbench.report.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.report.ScoredLog;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntries;
import dev.scanbench.report.entry.ScoreEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boards of a real scored log: emulator runs of the shipped kernels and timed runs over the clocked fake. */
class LeaderboardTest {
    private final List<ScoreEntry> entries = ScoreEntries.of(ScoredLog.entries());

    @Test
    void everyScoringEntryIsReadAndTheWrongKernelCountsAsFailed() {
        Leaderboard board = Leaderboard.of(entries, GroupBy.KERNEL);

        assertThat(board.total()).isEqualTo(9);
        assertThat(board.failed()).isEqualTo(1);
        assertThat(entries.stream().filter(e -> !e.ok()).findFirst().orElseThrow().kernel())
                .endsWith("first_tile_only.cu");
    }

    @Test
    void noGpuTimeExistsSoTheGpuBoardIsEmptyAndTheFakeDevicesTimesAreOnTheSimulatedBoard() {
        Leaderboard board = Leaderboard.of(entries, GroupBy.KERNEL);

        assertThat(board.board(Basis.GPU).rows()).isEmpty();
        Board simulated = board.board(Basis.SIMULATED);
        assertThat(simulated.ranked()).isTrue();
        assertThat(simulated.rows()).extracting(r -> r.entry().deviceKey()).containsOnly("fake clocked device");
        // The one-launch look-back (0.30 ms a launch) beats the three-launch scan (3 x 0.25 ms).
        assertThat(simulated.rows()).extracting(Row::rank).containsExactly(1, 2);
        assertThat(simulated.rows().get(0).group()).endsWith("04_lookback_single_thread.cu");
        assertThat(simulated.rows().get(0).entry().timeMs().orElseThrow()).isBetween(0.29, 0.31);
        assertThat(simulated.rows().get(1).entry().timeMs().orElseThrow()).isBetween(0.74, 0.76);
        assertThat(simulated.rows().get(0).runs()).as("the practice run is not counted").isEqualTo(2);
    }

    @Test
    void practiceRunsAreListedAndNeverRanked() {
        Leaderboard board = Leaderboard.of(entries, GroupBy.KERNEL);

        assertThat(board.practice()).hasSize(1);
        ScoreEntry practice = board.practice().get(0);
        assertThat(practice.timeMs().orElseThrow()).as("faster than the ranked best, yet not ranked")
                .isLessThan(board.board(Basis.SIMULATED).rows().get(0).entry().timeMs().orElseThrow());
        assertThat(board.boards()).flatExtracting(Board::rows).extracting(Row::entry).doesNotContain(practice);
    }

    @Test
    void theEmulatorBoardOrdersByCountedTrafficAndIsNotRanked() {
        Board emulator = Leaderboard.of(entries, GroupBy.KERNEL).board(Basis.EMULATOR);

        assertThat(emulator.ranked()).isFalse();
        assertThat(emulator.rows()).extracting(Row::rank).containsOnlyNulls();
        assertThat(emulator.rows()).hasSize(4);
        List<Double> traffic = emulator.rows().stream().map(r -> r.entry().work().bytesPerElement()).toList();
        assertThat(traffic).isSorted();
        // Single-pass look-back kernels move about 8 bytes per element; reduce-then-scan about 12.
        assertThat(traffic.get(0)).isBetween(8.0, 8.5);
        assertThat(traffic.get(3)).isBetween(12.0, 12.5);
    }

    @Test
    void perLabelTheBestOfEachSubmitterIsKept() {
        Leaderboard board = Leaderboard.of(entries, GroupBy.LABEL);

        assertThat(board.board(Basis.EMULATOR).rows()).extracting(Row::group)
                .containsExactlyInAnyOrder("agent A", "person B");
        assertThat(board.board(Basis.EMULATOR).rows()).allSatisfy(r -> assertThat(r.runs()).isEqualTo(2));
        assertThat(board.board(Basis.SIMULATED).rows()).extracting(Row::group).containsExactly("agent A", "person B");
    }
}
