package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.PtxSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PTX text into tokens. Opcodes with qualifiers ({@code ld.global.nc.v4.u32}), directives
 * ({@code .reg}), registers ({@code %tid.x}) and labels ({@code $L__BB0_3}) are single WORD tokens; a
 * {@code ::} inside a word is kept ({@code shared::cta}) while a lone {@code :} ends a label.
 */
public final class Lexer {
    private final String src;
    private int pos;
    private int line = 1;

    private Lexer(String src) {
        this.src = src;
    }

    /** Tokenises the whole text; the list ends with an EOF token. */
    public static List<Token> tokenize(String src) throws PtxSyntaxException {
        return new Lexer(src).run();
    }

    private List<Token> run() throws PtxSyntaxException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                out.add(new Token(Token.Kind.EOF, "", line));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() throws PtxSyntaxException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new PtxSyntaxException(line, "unterminated /* comment");
                }
                for (int i = pos; i < end; i++) {
                    if (src.charAt(i) == '\n') {
                        line++;
                    }
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private Token next() throws PtxSyntaxException {
        char c = src.charAt(pos);
        int start = pos;
        if (c == '"') {
            int end = src.indexOf('"', pos + 1);
            if (end < 0) {
                throw new PtxSyntaxException(line, "unterminated string");
            }
            pos = end + 1;
            return new Token(Token.Kind.STRING, src.substring(start + 1, end), line);
        }
        if (Character.isDigit(c)) {
            return number();
        }
        if (isWordStart(c)) {
            pos++;
            while (pos < src.length()) {
                char d = src.charAt(pos);
                if (isWordPart(d)) {
                    pos++;
                } else if (d == ':' && pos + 1 < src.length() && src.charAt(pos + 1) == ':') {
                    pos += 2;
                } else {
                    break;
                }
            }
            return new Token(Token.Kind.WORD, src.substring(start, pos), line);
        }
        if ("{}[]()<>,;+-|!@=:".indexOf(c) >= 0) {
            pos++;
            return new Token(Token.Kind.PUNCT, String.valueOf(c), line);
        }
        throw new PtxSyntaxException(line, "unexpected character '" + c + "'");
    }

    private Token number() {
        int start = pos;
        if (src.startsWith("0f", pos) || src.startsWith("0F", pos) || src.startsWith("0d", pos)
                || src.startsWith("0D", pos)) {
            pos += 2;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            return new Token(Token.Kind.FLOAT_BITS, src.substring(start, pos), line);
        }
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            pos += 2;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos < src.length() && (src.charAt(pos) == 'U' || src.charAt(pos) == 'u')) {
                pos++;
            }
            return new Token(Token.Kind.INTEGER, src.substring(start, pos), line);
        }
        boolean decimal = false;
        while (pos < src.length()) {
            char d = src.charAt(pos);
            if (Character.isDigit(d)) {
                pos++;
            } else if (d == '.' || d == 'e' || d == 'E') {
                decimal = true;
                pos++;
                if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'U' || src.charAt(pos) == 'u')) {
            pos++;
        }
        return new Token(decimal ? Token.Kind.DECIMAL : Token.Kind.INTEGER, src.substring(start, pos), line);
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c == '%' || c == '.';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
    }
}
