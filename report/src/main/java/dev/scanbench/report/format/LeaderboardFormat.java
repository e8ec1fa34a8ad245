package dev.scanbench.report.format;

import dev.scanbench.report.board.Leaderboard;

/** One way to print a leaderboard (DESIGN §5.4: result formats behind one interface). */
public interface LeaderboardFormat {

    /**
     * @param board  the leaderboard
     * @param source where its entries came from (the log file), for the heading
     * @return the whole document, ending with a newline
     */
    String render(Leaderboard board, String source);

    /** @return the format for {@code --json}, {@code --csv}, {@code --markdown}, or the terminal table */
    static LeaderboardFormat of(boolean json, boolean csv, boolean markdown) {
        if (json) {
            return (b, s) -> LeaderboardJson.of(b, s).toPrettyString() + "\n";
        }
        if (csv) {
            return new CsvFormat();
        }
        return markdown ? new MarkdownFormat() : new TextFormat();
    }
}
