package dev.scanbench.harness.plan;

import java.util.List;

/** A cursor over the tokens of one directive, with helpers that fail with a positioned message. */
final class TokenCursor {
    private final List<Token> tokens;
    private final String file;
    private final int line;
    private int index;

    TokenCursor(List<Token> tokens, String file, int line) {
        this.tokens = tokens;
        this.file = file;
        this.line = line;
    }

    /** How many tokens have been taken so far. */
    int index() {
        return index;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peekAhead(int k) {
        return tokens.get(Math.min(index + k, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.END) {
            index++;
        }
        return t;
    }

    boolean accept(String symbolOrWord) {
        if (peek().is(symbolOrWord)) {
            index++;
            return true;
        }
        return false;
    }

    Token expect(String symbolOrWord, String context) throws PlanException {
        Token t = peek();
        if (!t.is(symbolOrWord)) {
            throw error(t, "expected '" + symbolOrWord + "' " + context + ", found " + t.describe());
        }
        return next();
    }

    Token expectIdent(String what) throws PlanException {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return next();
    }

    SourcePos pos(Token t) {
        return new SourcePos(file, line, t.column());
    }

    PlanException error(Token at, String problem) {
        return new PlanException(pos(at), problem);
    }
}
