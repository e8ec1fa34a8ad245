package dev.scanbench.harness.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rewrites temporary paths in compiler output to the names the user knows, longest path first. */
final class PathMapper {
    private final List<Map.Entry<String, String>> replacements;

    PathMapper(Map<String, String> replacements) {
        this.replacements = new ArrayList<>(replacements.entrySet());
        // The work folder is a prefix of the files in it; the files must be replaced first.
        this.replacements.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
    }

    String map(String text) {
        String out = text;
        for (Map.Entry<String, String> r : replacements) {
            out = out.replace(r.getKey(), r.getValue());
        }
        return out;
    }
}
