package dev.scanbench.report.board;

import dev.scanbench.report.entry.ScoreEntry;
import java.util.Locale;

/** What a leaderboard keeps the best entry of: each kernel file, or each submitter ({@code --label}). */
public enum GroupBy {
    /** One row per kernel path, as given to {@code score}. */
    KERNEL,
    /** One row per label; entries without one share the row "(no label)". */
    LABEL;

    /** @return the group an entry belongs to */
    public String groupOf(ScoreEntry e) {
        return this == KERNEL ? e.kernel() : e.labelOrNone();
    }

    /** @return the name on the command line and in JSON */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices */
    public static GroupBy fromCliName(String name) {
        for (GroupBy g : values()) {
            if (g.cliName().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("must be kernel or label, not " + name);
    }
}
