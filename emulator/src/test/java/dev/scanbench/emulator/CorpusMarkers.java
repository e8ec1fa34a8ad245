package dev.scanbench.emulator;

import java.io.IOException;
import java.util.List;

/**
 * The lines of a corpus file marked by a trailing comment ({@code // BUG:oob}), named as a diagnostic names its source
 * ({@code bugs.cu:12}): tests say which line a finding must point at without hard-coding line numbers.
 */
final class CorpusMarkers {
    private final String file;
    private final String prefix;
    private final List<String> lines;

    private CorpusMarkers(String file, String prefix, List<String> lines) {
        this.file = file;
        this.prefix = prefix;
        this.lines = lines;
    }

    /** The markers {@code // <prefix><name>} of {@code src/test/resources/corpus/<file>}. */
    static CorpusMarkers of(String file, String prefix) throws IOException {
        return new CorpusMarkers(file, prefix, Nvcc.source(file).lines().toList());
    }

    /** {@code file:N} of the line ending in the marker {@code name}. */
    String at(String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// " + prefix + name)) {
                return file + ":" + (i + 1);
            }
        }
        throw new AssertionError("no marker " + prefix + name + " in " + file);
    }
}
