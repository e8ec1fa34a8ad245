package dev.scanbench.harness.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A make-style dependency file ({@code nvcc -MD -MF}): {@code target: dep dep \}... with spaces in names escaped
 * as {@code \ } and {@code $} as {@code $$}. Gives the files the preprocessor read, normalised.
 */
final class DepFile {
    private DepFile() {
    }

    static List<Path> parse(String text) {
        String joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
        List<Path> deps = new ArrayList<>();
        for (String line : joined.split("\n")) {
            int colon = targetEnd(line);
            if (colon < 0) {
                continue;
            }
            StringBuilder word = new StringBuilder();
            for (int i = colon + 1; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '#')) {
                    word.append(line.charAt(++i));
                } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '$') {
                    word.append('$');
                    i++;
                } else if (Character.isWhitespace(c)) {
                    add(deps, word);
                } else {
                    word.append(c);
                }
            }
            add(deps, word);
        }
        return deps;
    }

    /** The colon after the target: the first one followed by whitespace or the end (paths may hold colons). */
    private static int targetEnd(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ':' && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<Path> deps, StringBuilder word) {
        if (word.length() > 0) {
            deps.add(Path.of(word.toString()).toAbsolutePath().normalize());
            word.setLength(0);
        }
    }
}
