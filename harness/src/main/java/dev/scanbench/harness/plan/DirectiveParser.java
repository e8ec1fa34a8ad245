package dev.scanbench.harness.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the body of one {@code @plan} directive (the text after {@code @plan}) into a scratch or a launch. */
final class DirectiveParser {
    /** Names a scratch buffer cannot take: they already mean something in args or expressions. */
    static final Set<String> RESERVED = Set.of("x", "y", "n", "ceil_div", "min", "max");
    /** How deep brace lists may nest. */
    static final int MAX_STRUCT_DEPTH = 8;

    private final TokenCursor in;
    private final SourcePos directivePos;

    DirectiveParser(TokenCursor in, SourcePos directivePos) {
        this.in = in;
        this.directivePos = directivePos;
    }

    /** Returns a {@link ScratchBuffer} or a {@link Launch}. */
    Object parse() throws PlanException {
        Token kind = in.expectIdent("'scratch' or 'launch' after @plan");
        Object result;
        if (kind.is("scratch")) {
            result = scratch();
        } else if (kind.is("launch")) {
            result = launch();
        } else {
            throw in.error(kind, "unknown directive '" + kind.text() + "' (expected 'scratch' or 'launch')");
        }
        Token extra = in.peek();
        if (extra.kind() != Token.Kind.END) {
            throw in.error(extra, "unexpected " + extra.describe() + " at the end of the directive");
        }
        return result;
    }

    private ScratchBuffer scratch() throws PlanException {
        Token name = in.expectIdent("a scratch buffer name");
        if (RESERVED.contains(name.text())) {
            throw in.error(name, "'" + name.text() + "' is reserved and cannot name a scratch buffer");
        }
        in.expect("=", "after the scratch buffer name");
        Expr size = new ExprParser(in).expression();
        Token unit = in.peek();
        if (!unit.is("bytes")) {
            throw in.error(unit, "expected 'bytes' after the size of scratch '" + name.text()
                    + "', found " + unit.describe());
        }
        in.next();
        boolean zero = in.accept("zero");
        return new ScratchBuffer(name.text(), size, zero, directivePos);
    }

    private Launch launch() throws PlanException {
        Token entry = in.expectIdent("a kernel entry name after 'launch'");
        List<Expr> grid = null;
        List<Expr> block = null;
        Expr smem = null;
        List<LaunchArg> args = null;
        Token cooperative = null;
        while (in.peek().kind() != Token.Kind.END) {
            Token key = in.expectIdent("grid=, block=, smem=, args= or cooperative");
            if (key.is("cooperative")) {
                cooperative = once(cooperative, key, key);
                continue;
            }
            in.expect("=", "after '" + key.text() + "'");
            switch (key.text()) {
                case "grid":
                    grid = once(grid, key, dims(key));
                    break;
                case "block":
                    block = once(block, key, dims(key));
                    break;
                case "smem":
                    smem = once(smem, key, new ExprParser(in).expression());
                    break;
                case "args":
                    args = once(args, key, args());
                    break;
                default:
                    throw in.error(key, "unknown launch setting '" + key.text()
                            + "' (expected grid, block, smem, args or cooperative)");
            }
        }
        SourcePos at = in.pos(entry);
        if (grid == null || block == null || args == null) {
            String missing = grid == null ? "grid=" : block == null ? "block=" : "args=(...)";
            throw new PlanException(at, "launch of '" + entry.text() + "' is missing " + missing);
        }
        Expr sharedBytes = smem != null ? smem : new Expr.Literal(0, at);
        return new Launch(entry.text(), grid, block, sharedBytes, args, directivePos, cooperative != null);
    }

    private <T> T once(T previous, Token key, T value) throws PlanException {
        if (previous != null) {
            throw in.error(key, "'" + key.text() + "' is given twice");
        }
        return value;
    }

    private List<Expr> dims(Token key) throws PlanException {
        List<Expr> dims = new ArrayList<>();
        dims.add(new ExprParser(in).expression());
        while (in.peek().is(",")) {
            Token comma = in.next();
            if (dims.size() == 3) {
                throw in.error(comma, "'" + key.text() + "' takes at most 3 dimensions (x, y, z)");
            }
            dims.add(new ExprParser(in).expression());
        }
        return dims;
    }

    private List<LaunchArg> args() throws PlanException {
        in.expect("(", "to open the argument list");
        List<LaunchArg> args = new ArrayList<>();
        if (in.accept(")")) {
            return args;
        }
        do {
            args.add(arg());
        } while (in.accept(","));
        in.expect(")", "to close the argument list");
        return args;
    }

    private LaunchArg arg() throws PlanException {
        if (in.peek().is("{")) {
            return struct(0);
        }
        Token t = in.peek();
        SourcePos pos = in.pos(t);
        boolean ends = endsArg(in.peekAhead(1));
        if (t.kind() == Token.Kind.INT && ends) {
            in.next();
            return new LaunchArg(LaunchArg.Kind.LITERAL, t.text(), t.value(), pos);
        }
        if (t.is("-") && in.peekAhead(1).kind() == Token.Kind.INT && endsArg(in.peekAhead(2))) {
            in.next();
            Token v = in.next();
            return new LaunchArg(LaunchArg.Kind.LITERAL, "-" + v.text(), -v.value(), pos);
        }
        if (t.kind() == Token.Kind.IDENT && (ends || !t.is("n") && !RESERVED.contains(t.text()))) {
            in.next();
            return named(t, pos);
        }
        if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.INT && !t.is("-") && !t.is("(")) {
            throw in.error(t, "expected an argument (x, y, n, a scratch name, an integer expression or a {struct}),"
                    + " found " + t.describe());
        }
        // An integer expression of n, e.g. ceil_div(n, 640): its width is the PTX parameter's.
        Expr e = new ExprParser(in).expression();
        return new LaunchArg(LaunchArg.Kind.EXPR, e.render(), 0, pos, e, null, List.of());
    }

    private static boolean endsArg(Token t) {
        return t.is(",") || t.is(")") || t.kind() == Token.Kind.END;
    }

    private static LaunchArg named(Token t, SourcePos pos) {
        switch (t.text()) {
            case "x": return new LaunchArg(LaunchArg.Kind.INPUT, "x", 0, pos);
            case "y": return new LaunchArg(LaunchArg.Kind.OUTPUT, "y", 0, pos);
            case "n": return new LaunchArg(LaunchArg.Kind.SIZE, "n", 0, pos);
            default: return new LaunchArg(LaunchArg.Kind.SCRATCH, t.text(), 0, pos);
        }
    }

    /** A brace list of fields: pointers (x, y, scratch), integer expressions with an optional :type, structs. */
    private LaunchArg struct(int depth) throws PlanException {
        Token open = in.expect("{", "to open a struct");
        if (depth >= MAX_STRUCT_DEPTH) {
            throw in.error(open, "structs nest at most " + MAX_STRUCT_DEPTH + " levels deep");
        }
        List<LaunchArg> fields = new ArrayList<>();
        if (!in.accept("}")) {
            do {
                fields.add(field(depth));
            } while (in.accept(","));
            in.expect("}", "to close the struct opened at column " + open.column());
        }
        return new LaunchArg(LaunchArg.Kind.STRUCT, "{}", 0, in.pos(open), null, null, fields);
    }

    private LaunchArg field(int depth) throws PlanException {
        Token t = in.peek();
        if (t.is("{")) {
            return struct(depth + 1);
        }
        SourcePos pos = in.pos(t);
        if (t.kind() == Token.Kind.IDENT && !t.is("n") && !in.peekAhead(1).is("(")) {
            in.next();
            LaunchArg pointer = named(t, pos);
            if (in.peek().is(":")) {
                throw in.error(in.peek(), "'" + t.text() + "' is a 64-bit pointer field; only integer fields take a"
                        + " :type suffix");
            }
            return pointer;
        }
        Expr e = new ExprParser(in).expression();
        LaunchArg.FieldType width = null;
        if (in.accept(":")) {
            Token type = in.expectIdent("a field type after ':' (i8, i16, i32, i64, u8, u16, u32, u64)");
            try {
                width = LaunchArg.FieldType.valueOf(type.text().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw in.error(type, "unknown field type '" + type.text()
                        + "' (expected i8, i16, i32, i64, u8, u16, u32 or u64)");
            }
        }
        return new LaunchArg(LaunchArg.Kind.EXPR, e.render(), 0, pos, e, width, List.of());
    }
}
