package dev.scanbench.harness.plan;

import dev.scanbench.harness.Defaults;

/**
 * Recursive-descent parser of plan expressions:
 * <pre>
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := INT | 'n' | ('ceil_div' | 'min' | 'max') '(' expr ',' expr ')' | '(' expr ')'
 * </pre>
 * A comma outside parentheses ends an expression, which is how {@code grid=a,b,c} separates dimensions.
 * Nesting (parentheses, function arguments, unary minus) is limited to {@link Defaults#PLAN_MAX_EXPRESSION_DEPTH}
 * and one expression to {@link Defaults#PLAN_MAX_EXPRESSION_TOKENS} tokens, so that neither this parser nor the
 * recursive evaluation of what it builds can run out of stack on a hostile plan; both are plan errors at the
 * directive's line.
 */
final class ExprParser {
    private final TokenCursor in;
    private final int start;
    private int depth;

    ExprParser(TokenCursor in) {
        this.in = in;
        this.start = in.index();
    }

    Expr expression() throws PlanException {
        Token first = in.peek();
        enter(first);
        Expr left = term();
        while (in.peek().is("+") || in.peek().is("-")) {
            Token op = in.next();
            left = new Expr.Binary(op.text().charAt(0), left, term(), in.pos(op));
        }
        depth--;
        return left;
    }

    private void enter(Token at) throws PlanException {
        if (++depth > Defaults.PLAN_MAX_EXPRESSION_DEPTH) {
            throw in.error(at, "expression nested deeper than " + Defaults.PLAN_MAX_EXPRESSION_DEPTH
                    + " levels (parentheses, function arguments and unary minus count)");
        }
    }

    private Expr term() throws PlanException {
        Expr left = unary();
        while (in.peek().is("*") || in.peek().is("/")) {
            Token op = in.next();
            left = new Expr.Binary(op.text().charAt(0), left, unary(), in.pos(op));
        }
        return left;
    }

    private Expr unary() throws PlanException {
        Token t = in.peek();
        if (t.is("-")) {
            in.next();
            enter(t);
            Expr operand = unary();
            depth--;
            if (operand instanceof Expr.Literal lit) {
                return new Expr.Literal(-lit.value(), in.pos(t));
            }
            return new Expr.Binary('-', new Expr.Literal(0, in.pos(t)), operand, in.pos(t));
        }
        return primary();
    }

    private Expr primary() throws PlanException {
        Token t = in.next();
        if (in.index() - start > Defaults.PLAN_MAX_EXPRESSION_TOKENS) {
            throw in.error(t, "expression longer than " + Defaults.PLAN_MAX_EXPRESSION_TOKENS + " tokens");
        }
        switch (t.kind()) {
            case INT:
                return new Expr.Literal(t.value(), in.pos(t));
            case IDENT:
                if (t.text().equals("n")) {
                    return new Expr.Size(in.pos(t));
                }
                if (Expr.Call.FUNCTIONS.contains(t.text())) {
                    in.expect("(", "after " + t.text());
                    Expr a = expression();
                    in.expect(",", "between the two arguments of " + t.text());
                    Expr b = expression();
                    in.expect(")", "to close " + t.text() + "(");
                    return new Expr.Call(t.text(), a, b, in.pos(t));
                }
                throw in.error(t, "unknown name '" + t.text()
                        + "' in an expression (expected n, an integer, ceil_div(a,b), min(a,b) or max(a,b))");
            case SYMBOL:
                if (t.is("(")) {
                    Expr inner = expression();
                    in.expect(")", "to close '('");
                    return inner;
                }
                throw in.error(t, "expected an expression, found " + t.describe());
            default:
                throw in.error(t, "expected an expression, found " + t.describe());
        }
    }
}
