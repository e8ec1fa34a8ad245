package dev.scanbench.harness.plan;

import java.util.ArrayList;
import java.util.List;

/** Splits the text of one {@code @plan} directive into tokens, keeping source columns for messages. */
final class DirectiveLexer {
    private static final String SYMBOLS = "=,()+-*/{}:";

    private DirectiveLexer() {
    }

    /**
     * @param line        the whole source line
     * @param start       0-based index in {@code line} where the directive body starts
     * @param file        the file name, for error positions
     * @param lineNumber  1-based line number, for error positions
     */
    static List<Token> tokens(String line, int start, String file, int lineNumber) throws PlanException {
        List<Token> out = new ArrayList<>();
        int i = start;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (line.startsWith("launch", i) && i + 6 < line.length() && Character.isWhitespace(line.charAt(i + 6))) {
            out.add(new Token(Token.Kind.IDENT, "launch", 0, i + 1));
            i += 6;
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int end = entryEnd(line, i);
            String raw = line.substring(i, end).strip();
            if (end > i && !isPlainIdentifier(raw) && (isIdentStart(raw.charAt(0)) || raw.charAt(0) == ':')) {
                // A C++ name (demangled, qualified, with template arguments): taken as written, to the settings.
                out.add(new Token(Token.Kind.IDENT, raw, 0, i + 1));
                i = end;
            }
        }
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (SYMBOLS.indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), 0, i + 1));
                i++;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < line.length() && Character.isLetterOrDigit(line.charAt(end))) {
                    end++;
                }
                String text = line.substring(i, end);
                out.add(new Token(Token.Kind.INT, text, parseInt(text, new SourcePos(file, lineNumber, i + 1)), i + 1));
                i = end;
            } else if (isIdentStart(c)) {
                int end = i + 1;
                while (end < line.length() && isIdentPart(line.charAt(end))) {
                    end++;
                }
                out.add(new Token(Token.Kind.IDENT, line.substring(i, end), 0, i + 1));
                i = end;
            } else {
                throw new PlanException(new SourcePos(file, lineNumber, i + 1), "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Token.Kind.END, "", 0, line.length() + 1));
        return out;
    }

    private static final java.util.regex.Pattern SETTING =
            java.util.regex.Pattern.compile("\\s+(grid|block|smem|args)\\s*=");

    /** Where an entry name written from {@code from} ends: at the first setting outside brackets, else the line's end. */
    private static int entryEnd(String line, int from) {
        int depth = 0;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '<' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '>' || c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (depth == 0 && Character.isWhitespace(c)) {
                java.util.regex.Matcher m = SETTING.matcher(line).region(i, line.length());
                if (m.lookingAt()) {
                    return i;
                }
            }
        }
        return line.length();
    }

    private static boolean isPlainIdentifier(String s) {
        if (s.isEmpty() || !isIdentStart(s.charAt(0))) {
            return false;
        }
        for (int k = 1; k < s.length(); k++) {
            if (!isIdentPart(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static long parseInt(String text, SourcePos pos) throws PlanException {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PlanException(pos, "'" + text + "' is not an integer that fits in 64 bits");
        }
    }

    // PTX and mangled C++ names use '$' and '_'; entries must be accepted as nvcc spells them.
    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c);
    }
}
