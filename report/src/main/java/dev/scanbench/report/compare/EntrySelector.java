package dev.scanbench.report.compare;

import dev.scanbench.report.board.GroupBy;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.ScoreEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@code compare} argument into an entry:
 * <ul>
 *   <li>{@code 12} or {@code #12}: the entry with that seq;</li>
 *   <li>a hex prefix of at least 6 digits: the one entry whose hash starts with it;</li>
 *   <li>{@code label:NAME}: the label's best entry;</li>
 *   <li>{@code kernel:PATH}, or any other text: the kernel's best entry (its path as scored, or a unique path
 *       ending with it).</li>
 * </ul>
 * A group's best is its leaderboard row on the first basis that has one, GPU first, then simulated, then the
 * emulator; if it has only practice runs, its fastest practice run.
 */
public final class EntrySelector {
    private static final Pattern SEQ = Pattern.compile("#?\\d+");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{6,64}");

    private final List<ScoreEntry> entries;

    /** @param entries every scoring entry of the log */
    public EntrySelector(List<ScoreEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @throws SelectionException when nothing, or more than one thing, matches */
    public ScoreEntry select(String spec) throws SelectionException {
        String s = spec.strip();
        if (SEQ.matcher(s).matches()) {
            long seq = Long.parseLong(s.startsWith("#") ? s.substring(1) : s);
            return entries.stream().filter(e -> e.seq() == seq).findFirst().orElseThrow(
                    () -> new SelectionException("no scoring entry #" + seq + " in the log"));
        }
        if (s.startsWith("label:")) {
            String label = s.substring("label:".length());
            return best(GroupBy.LABEL, label, "label '" + label + "'");
        }
        if (s.startsWith("kernel:")) {
            return kernel(s.substring("kernel:".length()));
        }
        if (HEX.matcher(s).matches()) {
            List<ScoreEntry> hits = entries.stream().filter(e -> e.hash().startsWith(s)).toList();
            if (hits.size() == 1) {
                return hits.get(0);
            }
            if (hits.size() > 1) {
                throw new SelectionException("hash prefix " + s + " matches " + hits.size() + " entries; give more"
                        + " digits");
            }
        }
        return kernel(s);
    }

    private ScoreEntry kernel(String path) throws SelectionException {
        List<String> kernels = entries.stream().map(ScoreEntry::kernel).distinct().toList();
        String wanted = normal(path);
        Optional<String> exact = kernels.stream().filter(k -> normal(k).equals(wanted)).findFirst();
        if (exact.isPresent()) {
            return best(GroupBy.KERNEL, exact.get(), "kernel " + exact.get());
        }
        List<String> suffix = kernels.stream().filter(k -> normal(k).endsWith("/" + wanted)).toList();
        if (suffix.size() == 1) {
            return best(GroupBy.KERNEL, suffix.get(0), "kernel " + suffix.get(0));
        }
        if (suffix.size() > 1) {
            throw new SelectionException("'" + path + "' matches several kernels: " + String.join(", ", suffix));
        }
        throw new SelectionException("'" + path + "' is no entry number, hash prefix, label:NAME or kernel in the log"
                + (kernels.isEmpty() ? "" : " (kernels: " + String.join(", ", kernels.subList(0,
                Math.min(8, kernels.size()))) + (kernels.size() > 8 ? ", ..." : "") + ")"));
    }

    private ScoreEntry best(GroupBy by, String group, String what) throws SelectionException {
        List<ScoreEntry> members = entries.stream().filter(e -> by.groupOf(e).equals(group)).toList();
        if (members.isEmpty()) {
            throw new SelectionException("no entry has " + what);
        }
        Optional<Row> leader = Leaderboard.of(members, by).leader();
        if (leader.isPresent()) {
            return leader.get().entry();
        }
        return Leaderboard.of(members, by).practice().stream().min(Leaderboard.BY_TIME).orElseThrow(
                () -> new SelectionException(what + " has no passing entry (" + members.size() + " failed)"));
    }

    private static String normal(String path) {
        try {
            return Path.of(path).normalize().toString();
        } catch (RuntimeException e) {
            return path;
        }
    }
}
