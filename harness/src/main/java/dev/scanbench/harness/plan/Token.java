package dev.scanbench.harness.plan;

/**
 * One lexical token of a {@code @plan} directive.
 *
 * @param kind   what the token is
 * @param text   its text as written
 * @param value  the value of an {@link Kind#INT} token, else 0
 * @param column 1-based column in the source line
 */
record Token(Kind kind, String text, long value, int column) {

    enum Kind { IDENT, INT, SYMBOL, END }

    boolean is(String symbolOrWord) {
        return kind != Kind.END && kind != Kind.INT && text.equals(symbolOrWord);
    }

    String describe() {
        return kind == Kind.END ? "end of line" : "'" + text + "'";
    }
}
