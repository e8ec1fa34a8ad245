package dev.scanbench.harness.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the body of one {@code @plan} directive (the text after {@code @plan}) into a scratch or a launch. */
final class DirectiveParser {
    /** Names a scratch buffer cannot take: they already mean something in args or expressions. */
    static final Set<String> RESERVED = Set.of("x", "y", "n", "ceil_div", "min", "max");

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
        Token t = in.next();
        SourcePos pos = in.pos(t);
        if (t.kind() == Token.Kind.INT) {
            return new LaunchArg(LaunchArg.Kind.LITERAL, t.text(), t.value(), pos);
        }
        if (t.is("-") && in.peek().kind() == Token.Kind.INT) {
            Token v = in.next();
            return new LaunchArg(LaunchArg.Kind.LITERAL, "-" + v.text(), -v.value(), pos);
        }
        if (t.kind() != Token.Kind.IDENT) {
            throw in.error(t, "expected an argument (x, y, n, a scratch name or an integer), found " + t.describe());
        }
        switch (t.text()) {
            case "x": return new LaunchArg(LaunchArg.Kind.INPUT, "x", 0, pos);
            case "y": return new LaunchArg(LaunchArg.Kind.OUTPUT, "y", 0, pos);
            case "n": return new LaunchArg(LaunchArg.Kind.SIZE, "n", 0, pos);
            default: return new LaunchArg(LaunchArg.Kind.SCRATCH, t.text(), 0, pos);
        }
    }
}
