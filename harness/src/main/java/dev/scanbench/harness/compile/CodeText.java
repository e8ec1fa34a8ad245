package dev.scanbench.harness.compile;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a CUDA C++ file as the compiler's output depends on it, for the compile cache's key: every comment
 * blanked to spaces (line breaks inside kept, so every token keeps its line and column, and with them the PTX's
 * {@code -lineinfo} table), trailing blanks of each line and trailing blank lines dropped. A comment-only edit
 * then keeps the key, and the cache serves the PTX and cubin compiled before (the entry's source hashes are the
 * new file's). Strings and character literals are kept as they are.
 *
 * <p>Where the lexing could be wrong, there is no code text and the key stays the file's exact bytes: a raw string
 * ({@code R"}), a trigraph ({@code ??}), a quote after a letter or digit (a literal's prefix, or a digit
 * separator), a backslash followed by blanks at a line's end, or an unterminated comment or literal.
 */
public final class CodeText {
    private CodeText() {
    }

    /** @return the code text of {@code content}, or empty where only the exact bytes are safe */
    public static Optional<String> of(byte[] content) {
        String s = new String(content, StandardCharsets.ISO_8859_1);
        if (s.contains("R\"") || s.contains("??") || s.matches("(?s).*\\\\[ \\t]+(\\r?\\n|$).*")) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                // A line comment, continued by backslash-newline.
                while (i < n && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
                        out.append(' ').append('\n');
                        i += 2;
                        continue;
                    }
                    out.append(s.charAt(i) == '\r' ? '\r' : ' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    return Optional.empty();
                }
                for (int j = i; j < end + 2; j++) {
                    char d = s.charAt(j);
                    out.append(d == '\n' || d == '\r' ? d : ' ');
                }
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                if (c == '\'' && i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
                    return Optional.empty();
                }
                int j = i + 1;
                while (j < n && s.charAt(j) != c) {
                    if (s.charAt(j) == '\n') {
                        return Optional.empty();
                    }
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n) {
                    return Optional.empty();
                }
                out.append(s, i, j + 1);
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        String[] lines = out.toString().split("\n", -1);
        StringBuilder text = new StringBuilder(out.length());
        int last = lines.length - 1;
        while (last >= 0 && lines[last].isBlank()) {
            last--;
        }
        for (int k = 0; k <= last; k++) {
            text.append(lines[k].stripTrailing()).append('\n');
        }
        return Optional.of(text.toString());
    }
}
