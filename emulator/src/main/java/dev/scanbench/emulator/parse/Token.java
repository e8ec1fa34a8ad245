package dev.scanbench.emulator.parse;

/**
 * One lexical token of PTX text.
 *
 * @param kind what sort of token it is
 * @param text the exact characters (for strings: without the quotes)
 * @param line 1-based line where the token starts
 */
public record Token(Kind kind, String text, int line) {
    /** Token categories; punctuation is a single character kept in {@link #text}. */
    public enum Kind { WORD, INTEGER, FLOAT_BITS, DECIMAL, STRING, PUNCT, EOF }

    boolean is(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    @Override
    public String toString() {
        return kind == Kind.EOF ? "end of file" : "'" + text + "'";
    }
}
