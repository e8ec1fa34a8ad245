package dev.scanbench.harness.log;

import java.util.AbstractList;
import java.util.List;

/**
 * The complete entries of a log, in file order, plus whether a torn last line was left out. A {@link List}
 * so callers that only want the entries use it as one.
 */
public final class LogEntries extends AbstractList<LogEntry> {

    private final List<LogEntry> entries;
    private final int tornBytes;

    /** @return entries read from a store that has no torn lines (a database) */
    public static LogEntries of(List<LogEntry> entries) {
        return new LogEntries(entries, 0);
    }

    LogEntries(List<LogEntry> entries, int tornBytes) {
        this.entries = List.copyOf(entries);
        this.tornBytes = tornBytes;
    }

    @Override
    public LogEntry get(int index) {
        return entries.get(index);
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** @return whether the file ends with bytes not terminated by {@code '\n'} (an interrupted append) */
    public boolean hasTornTail() {
        return tornBytes > 0;
    }

    /** @return how many bytes the torn last line holds, 0 if none */
    public int tornBytes() {
        return tornBytes;
    }
}
