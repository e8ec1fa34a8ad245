package dev.scanbench.harness.ptx;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PTX into tokens, dropping {@code //} and {@code /* *}{@code /} comments (nvcc wraps inline
 * assembly in comments, so text in comments must never count as code). Directives are split at dots,
 * so {@code .ptr.global.align} yields three tokens and {@code ld.param.u64} yields {@code ld .param .u64}.
 */
final class PtxLexer {
    private PtxLexer() {
    }

    static List<PtxToken> tokens(String ptx) {
        List<PtxToken> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int len = ptx.length();
        while (i < len) {
            char c = ptx.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < len && ptx.charAt(i + 1) == '/') {
                while (i < len && ptx.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < len && ptx.charAt(i + 1) == '*') {
                int end = ptx.indexOf("*/", i + 2);
                end = end < 0 ? len : end + 2;
                for (int k = i; k < end; k++) {
                    line += ptx.charAt(k) == '\n' ? 1 : 0;
                }
                i = end;
            } else if (c == '"') {
                int end = ptx.indexOf('"', i + 1);
                end = end < 0 ? len : end + 1;
                out.add(new PtxToken(ptx.substring(i, end), line));
                i = end;
            } else if (c == '.' || isWordStart(c) || Character.isDigit(c)) {
                int end = i + 1;
                while (end < len && isWordPart(ptx.charAt(end))) {
                    end++;
                }
                out.add(new PtxToken(ptx.substring(i, end), line));
                i = end;
            } else {
                out.add(new PtxToken(String.valueOf(c), line));
                i++;
            }
        }
        return out;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c == '%';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
