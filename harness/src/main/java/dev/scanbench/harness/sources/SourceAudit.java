package dev.scanbench.harness.sources;

import dev.scanbench.harness.log.LogEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every entry's stored source read back and checked against its hash: what {@code log verify} and the report say
 * about the sources behind a log. Entries scored before sources were stored have none and are counted apart, not
 * failed.
 *
 * @param checked       entries whose source was read back intact
 * @param withoutSource entries that record no source (scored before the store existed, or not scoring entries)
 * @param missing       entries whose source the store does not have, each as a sentence naming its seq
 * @param corrupt       entries whose stored source no longer matches its hash, each as a sentence
 */
public record SourceAudit(int checked, int withoutSource, List<String> missing, List<String> corrupt) {

    public SourceAudit {
        missing = List.copyOf(missing);
        corrupt = List.copyOf(corrupt);
    }

    /** @return true when no recorded source is missing or damaged */
    public boolean ok() {
        return missing.isEmpty() && corrupt.isEmpty();
    }

    /** @return one line, e.g. {@code "12 sources intact, 3 entries predate stored sources"} */
    public String summary() {
        StringBuilder sb = new StringBuilder(checked + " source" + (checked == 1 ? "" : "s") + " intact");
        if (!missing.isEmpty()) {
            sb.append(", ").append(missing.size()).append(" missing");
        }
        if (!corrupt.isEmpty()) {
            sb.append(", ").append(corrupt.size()).append(" damaged");
        }
        if (withoutSource > 0) {
            sb.append(", ").append(withoutSource).append(withoutSource == 1 ? " entry records" : " entries record")
                    .append(" no source");
        }
        return sb.toString();
    }

    /**
     * Checks the sources of {@code entries} in {@code store}.
     *
     * @throws IOException when the store cannot be read
     */
    public static SourceAudit of(Iterable<LogEntry> entries, SourceStore store) throws IOException {
        int checked = 0;
        int without = 0;
        List<String> missing = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        for (LogEntry entry : entries) {
            Optional<StoredSource> source = StoredSource.of(entry.node());
            if (source.isEmpty()) {
                without++;
                continue;
            }
            String hash = source.get().sha256();
            try {
                if (store.read(hash).isPresent()) {
                    checked++;
                } else {
                    missing.add("entry " + entry.seq() + " (line " + entry.line() + "): source " + hash
                            + " is not in the store");
                }
            } catch (SourceCorruptedException e) {
                corrupt.add("entry " + entry.seq() + " (line " + entry.line() + "): " + e.getMessage());
            } catch (IllegalArgumentException e) {
                corrupt.add("entry " + entry.seq() + " (line " + entry.line() + "): " + e.getMessage());
            }
        }
        return new SourceAudit(checked, without, missing, corrupt);
    }
}
