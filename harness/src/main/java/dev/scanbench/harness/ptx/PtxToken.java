package dev.scanbench.harness.ptx;

/**
 * A token of PTX text: a directive ({@code .entry}, {@code .u64}), an identifier or register
 * ({@code _Z4scanPKiPii}, {@code %clock64}), a number, or one punctuation character.
 *
 * @param text the token's text
 * @param line its 1-based line
 */
record PtxToken(String text, int line) {

    boolean isDirective() {
        return text.length() > 1 && text.charAt(0) == '.';
    }

    boolean isNumber() {
        return !text.isEmpty() && Character.isDigit(text.charAt(0));
    }

    boolean isName() {
        char c = text.isEmpty() ? ' ' : text.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '$' || c == '%';
    }
}
