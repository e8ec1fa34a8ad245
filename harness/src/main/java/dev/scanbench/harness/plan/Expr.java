package dev.scanbench.harness.plan;

/**
 * An integer expression of a launch plan, evaluated for a problem size {@code n} in 64-bit arithmetic.
 * Overflow and division by zero are errors, never silently wrapped: a wrapped grid size would launch
 * a different kernel configuration than the one the user wrote.
 */
public sealed interface Expr permits Expr.Literal, Expr.Size, Expr.Binary, Expr.Call {

    /** The expression's own position: its operator for a binary expression, else its first token. */
    SourcePos pos();

    /** Where the expression's text starts (inside any parentheses). */
    default SourcePos start() {
        return this instanceof Binary b ? b.left().start() : pos();
    }

    /**
     * Evaluates the expression.
     *
     * @param n the problem size bound to {@code n}
     * @throws PlanException on overflow or division by zero, naming this expression's position
     */
    long evaluate(long n) throws PlanException;

    /** The expression in canonical form, for messages and logs. */
    String render();

    /** An integer literal. */
    record Literal(long value, SourcePos pos) implements Expr {
        @Override
        public long evaluate(long n) {
            return value;
        }

        @Override
        public String render() {
            return Long.toString(value);
        }
    }

    /** The problem size {@code n}. */
    record Size(SourcePos pos) implements Expr {
        @Override
        public long evaluate(long n) {
            return n;
        }

        @Override
        public String render() {
            return "n";
        }
    }

    /** {@code left op right} for op in {@code + - * /}; {@code /} truncates toward zero, as in C. */
    record Binary(char op, Expr left, Expr right, SourcePos pos) implements Expr {
        @Override
        public long evaluate(long n) throws PlanException {
            long a = left.evaluate(n);
            long b = right.evaluate(n);
            try {
                switch (op) {
                    case '+': return Math.addExact(a, b);
                    case '-': return Math.subtractExact(a, b);
                    case '*': return Math.multiplyExact(a, b);
                    case '/':
                        if (b == 0) {
                            throw new PlanException(right.start(), "division by zero in '" + render() + "' for n = " + n);
                        }
                        if (a == Long.MIN_VALUE && b == -1) {
                            throw new ArithmeticException("overflow");
                        }
                        return a / b;
                    default: throw new IllegalStateException("operator " + op);
                }
            } catch (ArithmeticException e) {
                throw new PlanException(pos, "64-bit overflow evaluating '" + render() + "' for n = " + n);
            }
        }

        @Override
        public String render() {
            return wrap(left, false) + " " + op + " " + wrap(right, true);
        }

        private String wrap(Expr e, boolean rightSide) {
            if (e instanceof Binary b) {
                int inner = precedence(b.op);
                int outer = precedence(op);
                // The right operand of - and / needs parentheses at equal precedence: a - (b - c).
                if (inner < outer || (rightSide && inner == outer && (op == '-' || op == '/'))) {
                    return "(" + e.render() + ")";
                }
            }
            return e.render();
        }

        private static int precedence(char op) {
            return op == '+' || op == '-' ? 1 : 2;
        }
    }

    /** One of the built-in functions {@code ceil_div}, {@code min}, {@code max}, all of two arguments. */
    record Call(String function, Expr first, Expr second, SourcePos pos) implements Expr {
        /** The names that can be called. */
        public static final java.util.Set<String> FUNCTIONS = java.util.Set.of("ceil_div", "min", "max");

        @Override
        public long evaluate(long n) throws PlanException {
            long a = first.evaluate(n);
            long b = second.evaluate(n);
            switch (function) {
                case "min": return Math.min(a, b);
                case "max": return Math.max(a, b);
                case "ceil_div":
                    if (b == 0) {
                        throw new PlanException(second.start(), "division by zero in '" + render() + "' for n = " + n);
                    }
                    try {
                        return Math.negateExact(Math.floorDiv(Math.negateExact(a), b));
                    } catch (ArithmeticException e) {
                        throw new PlanException(pos, "64-bit overflow evaluating '" + render() + "' for n = " + n);
                    }
                default: throw new IllegalStateException("function " + function);
            }
        }

        @Override
        public String render() {
            return function + "(" + first.render() + ", " + second.render() + ")";
        }
    }
}
