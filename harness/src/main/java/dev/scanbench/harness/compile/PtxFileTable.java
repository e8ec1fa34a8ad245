package dev.scanbench.harness.compile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .file} directives of a PTX module: the file names its line table ({@code .loc}) points into. They
 * are rewritten from the temporary copies the compiler read to the user's paths, and written as ptxas takes them:
 * ASCII only, other bytes as octal escapes (as nvcc writes them), since ptxas refuses a non-ASCII character
 * anywhere in its input.
 */
final class PtxFileTable {
    private static final Pattern FILE = Pattern.compile("^(\\s*\\.file\\s+\\d+\\s+)\"((?:[^\"\\\\]|\\\\.)*)\"",
            Pattern.MULTILINE);

    private PtxFileTable() {
    }

    /** Every {@code .file} name passed through {@code rename} (given and returned unescaped), then escaped. */
    static String rewrite(String ptx, UnaryOperator<String> rename) {
        Matcher m = FILE.matcher(ptx);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = rename.apply(unescape(m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"" + escape(name) + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** C-style octal escapes of a PTX string read back to text (UTF-8). */
    static String unescape(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                int j = i + 1;
                int v = 0;
                int digits = 0;
                while (j < s.length() && digits < 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                    v = v * 8 + (s.charAt(j) - '0');
                    j++;
                    digits++;
                }
                if (digits > 0) {
                    bytes.write(v);
                    i = j - 1;
                } else {
                    bytes.write(s.charAt(i + 1));
                    i++;
                }
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Text as a PTX string body: printable ASCII kept, quotes and backslashes escaped, other bytes as octal. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            if (v == '"' || v == '\\') {
                out.append('\\').append((char) v);
            } else if (v >= 0x20 && v < 0x7F) {
                out.append((char) v);
            } else {
                out.append('\\').append(String.format("%03o", v));
            }
        }
        return out.toString();
    }
}
