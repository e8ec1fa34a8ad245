package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.EmulatorException;
import dev.scanbench.emulator.PtxSyntaxException;
import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Declarations.ParamDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import dev.scanbench.emulator.parse.ParseState.Body;
import dev.scanbench.emulator.parse.ParseState.LabelOrSym;
import dev.scanbench.emulator.parse.ParseState.LabelRef;
import dev.scanbench.emulator.parse.ParseState.PendingInsn;
import dev.scanbench.emulator.parse.ParseState.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for PTX as nvcc 13 and Triton emit it. Registers and labels declared inside
 * scoped {@code { }} blocks (inline asm) get unique names so they cannot clash with the enclosing scope;
 * {@code .section} (debug info) is skipped; {@code .loc} becomes the source location of what follows.
 */
public final class PtxParser {
    private final List<Token> toks;
    private final String[] lines;
    private int p;
    private int uniq;
    private final DeclarationParser decls = new DeclarationParser(this);
    private String mainFile;

    private PtxParser(List<Token> toks, String text) {
        this.toks = toks;
        this.lines = text.split("\n", -1);
    }

    /** Parses a whole module. */
    public static ModuleAst parse(String text) throws EmulatorException {
        return CallInliner.inline(new PtxParser(Lexer.tokenize(text), text).module());
    }

    private ModuleAst module() throws EmulatorException {
        String version = "";
        String target = "";
        List<FunctionAst> functions = new ArrayList<>();
        List<VarDecl> vars = new ArrayList<>();
        Map<Integer, String> files = new HashMap<>();
        while (peek().kind() != Token.Kind.EOF) {
            Token t = next();
            String w = t.text();
            switch (w) {
                case ".version" -> version = next().text();
                case ".target" -> {
                    target = next().text();
                    while (accept(",")) {
                        next();
                    }
                }
                case ".address_size" -> {
                    String size = next().text();
                    if (!size.equals("64")) {
                        throw new UnsupportedPtxException(t.line(), line(t.line()), ".address_size " + size);
                    }
                }
                case ".file" -> {
                    int idx = Integer.parseInt(next().text());
                    files.put(idx, next().text());
                    while (accept(",")) {
                        next();
                    }
                }
                case ".section" -> skipSection();
                case ".visible", ".extern", ".weak", ".common" -> {
                    // linkage only matters to a linker; the declaration that follows is parsed normally
                    if (peek().text().equals(".entry") || peek().text().equals(".func")) {
                        FunctionAst f = function(next());
                        if (f != null) {
                            functions.add(f);
                        }
                    } else {
                        vars.add(decls.variable(next(), w.equals(".extern")));
                    }
                }
                case ".entry", ".func" -> {
                    FunctionAst f = function(t);
                    if (f != null) {
                        functions.add(f);
                    }
                }
                case ".global", ".shared", ".const" -> vars.add(decls.variable(t, false));
                default -> throw new PtxSyntaxException(t.line(), "unexpected " + t + " at module scope");
            }
        }
        return new ModuleAst(version, target, functions, vars, files);
    }

    private void skipSection() throws PtxSyntaxException {
        while (!peek().is("{")) {
            next();
        }
        int depth = 0;
        do {
            Token t = next();
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                depth--;
            } else if (t.kind() == Token.Kind.EOF) {
                throw new PtxSyntaxException(t.line(), "unterminated .section");
            }
        } while (depth > 0);
    }

    private FunctionAst function(Token kw) throws EmulatorException {
        boolean entry = kw.text().equals(".entry");
        List<ParamDecl> rets = new ArrayList<>();
        if (!entry && accept("(")) {
            // return-value parameter list of a .func (CallInliner binds it to the caller's retval variables)
            if (!accept(")")) {
                do {
                    rets.add(decls.param());
                } while (accept(","));
                expect(")");
            }
        }
        String name = expectWord().text();
        List<ParamDecl> params = new ArrayList<>();
        if (accept("(")) {
            if (!accept(")")) {
                do {
                    params.add(decls.param());
                } while (accept(","));
                expect(")");
            }
        }
        while (!peek().is("{") && !peek().is(";")) {
            next(); // performance directives: .maxntid 128, 1, 1 / .reqntid / .minnctapersm / .noreturn
        }
        if (accept(";")) {
            return null; // a prototype
        }
        Body body = new Body();
        Scope root = new Scope(null);
        expect("{");
        block(root, body);
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (LabelRef ref : body.refs) {
            String unique = ref.scope().resolve(ref.name());
            if (unique != null) {
                ref.target()[0] = unique; // otherwise a variable symbol, checked by the decoder
            }
        }
        labels.putAll(body.labels);
        List<Instruction> insns = new ArrayList<>();
        for (PendingInsn pi : body.insns) {
            inlineChain(body, pi);
            insns.add(pi.build());
        }
        return new FunctionAst(name, entry, kw.line(), params, body.regs, body.locals, insns, labels, rets);
    }

    /**
     * Follows {@code inlined_at} from an instruction's location to the kernel: its source becomes the innermost
     * frame in the user's file (a library function inlined into the user's code points at the call), and the
     * frames beyond it become its call sites. A location inlined at several places keeps the first one seen.
     */
    private void inlineChain(Body body, PendingInsn pi) {
        if (pi.loc == null || body.inlinedAt.get(pi.loc) == null || pi.loc.split(":")[1].equals("0")) {
            return;
        }
        List<String> frames = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String at = pi.loc; at != null && seen.add(at) && frames.size() < 16; at = body.inlinedAt.get(at)) {
            frames.add(at);
        }
        int user = -1;
        for (int i = 0; i < frames.size() && user < 0; i++) {
            String[] f = frames.get(i).split(":");
            if (f[0].equals(mainFile) && !f[1].equals("0")) {
                user = i;
            }
        }
        if (user < 0) {
            return;
        }
        String[] f = frames.get(user).split(":");
        pi.source = f[0] + ":" + f[1];
        List<String> sites = new ArrayList<>();
        for (String frame : frames.subList(user + 1, frames.size())) {
            String[] g = frame.split(":");
            if (!g[1].equals("0")) {
                sites.add(g[0] + ":" + g[1]);
            }
        }
        pi.callSites = List.copyOf(sites);
    }

    private void skipParens() throws PtxSyntaxException {
        int depth = 0;
        do {
            Token t = next();
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            }
        } while (depth > 0);
    }

    /** Parses statements until the matching '}' (already past the '{'). */
    private void block(Scope scope, Body body) throws EmulatorException {
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOF) {
                throw new PtxSyntaxException(t.line(), "missing '}'");
            }
            if (accept("}")) {
                return;
            }
            if (accept("{")) {
                block(new Scope(scope), body);
                continue;
            }
            statement(scope, body);
        }
    }

    private void statement(Scope scope, Body body) throws EmulatorException {
        Token t = next();
        String w = t.text();
        if (t.kind() == Token.Kind.WORD && peek().is(":") && !w.startsWith(".")) {
            next();
            String unique = scope.defineLabel(w, this);
            body.labels.put(unique, body.insns.size());
            return;
        }
        switch (w) {
            case ".reg" -> decls.regDecl(scope, body, t);
            case ".shared", ".local" -> body.locals.add(decls.variable(t, false));
            case ".loc" -> loc(body);
            case ".pragma" -> {
                next();
                expect(";");
            }
            case ".param" -> {
                // a call sequence's argument / return variable, scoped to its { } block: CallInliner makes it
                // a local of the caller's frame
                VarDecl v = decls.variable(t, false);
                String unique = scope.defineReg(v.name(), this);
                body.locals.add(new VarDecl(v.space(), unique, v.align(), v.size(), v.init(), v.line()));
            }
            case ".const", ".global" -> throw new UnsupportedPtxException(t.line(), line(t.line()),
                    "function-scoped " + w + " declaration (device-function calls are not supported)");
            case "@" -> instruction(scope, body, t);
            default -> {
                if (t.kind() == Token.Kind.WORD && w.startsWith(".")) {
                    // e.g. .branchtargets (brx.idx jump tables), .callprototype
                    throw new UnsupportedPtxException(t.line(), line(t.line()), "directive " + w + " in a function body");
                }
                if (t.kind() != Token.Kind.WORD) {
                    throw new PtxSyntaxException(t.line(), "unexpected " + t + " in function body");
                }
                p--;
                instruction(scope, body, t);
            }
        }
    }

    private void loc(Body body) throws PtxSyntaxException {
        String file = next().text();
        String ln = next().text();
        String col = next().text();
        String key = file + ":" + ln + ":" + col;
        while (accept(",")) {
            if (next().text().equals("inlined_at")) {
                // the call site of the inlined function this location is in
                String site = next().text() + ":" + next().text() + ":" + next().text();
                body.inlinedAt.putIfAbsent(key, site);
            } else {
                next(); // function_name label
                if (accept("+")) {
                    next();
                }
            }
        }
        body.loc = key;
        if (mainFile == null && !ln.equals("0")) {
            mainFile = file; // nvcc numbers the compiled .cu first; later files are headers
        }
        if (file.equals(mainFile) && !ln.equals("0")) {
            // the innermost location in the user's own file: library frames inlined into it keep pointing here
            body.source = file + ":" + ln;
        }
    }

    private void instruction(Scope scope, Body body, Token first) throws EmulatorException {
        String guard = null;
        boolean neg = false;
        if (first.is("@")) {
            neg = accept("!");
            guard = scope.reg(expectWord().text());
        }
        Token op = expectWord();
        String[] parts = op.text().split("\\.");
        List<String> mods = new ArrayList<>(List.of(parts).subList(1, parts.length));
        List<Object> ops = new ArrayList<>();
        PendingInsn pi = new PendingInsn();
        if (parts[0].equals("call")) {
            callOperands(scope, op, ops, pi);
        } else if (!peek().is(";")) {
            do {
                ops.add(operand(scope, pi.labelSlots));
            } while (accept(","));
        }
        if (!accept(";")) {
            throw new PtxSyntaxException(peek().line(), "expected ';' after instruction, found " + peek());
        }
        for (String[] slot : pi.labelSlots) {
            body.refs.add(new LabelRef(slot[0], scope, slot, op.line()));
        }
        pi.line = op.line();
        pi.text = line(op.line()).strip();
        pi.guard = guard;
        pi.neg = neg;
        pi.opcode = parts[0];
        pi.mods = mods;
        pi.ops = ops;
        pi.source = body.source;
        pi.loc = body.loc;
        body.insns.add(pi);
    }

    /**
     * {@code call (ret, ...), target, (arg, ...)[, prototype];} as three operands: the return variables (a vector,
     * empty when none), the target (a symbol, or a register for an indirect call) and the arguments (a vector).
     */
    private void callOperands(Scope scope, Token op, List<Object> ops, PendingInsn pi) throws EmulatorException {
        List<Object> rets = new ArrayList<>();
        if (accept("(")) {
            if (!accept(")")) {
                do {
                    rets.add(operand(scope, pi.labelSlots));
                } while (accept(","));
                expect(")");
            }
            expect(",");
        }
        ops.add(new PendingVec(rets));
        Token target = expectWord();
        if (target.text().startsWith("%") || scope.isReg(target.text())) {
            ops.add(new Operand.Reg(scope.reg(target.text()), false));
        } else {
            ops.add(new Operand.Sym(target.text()));
        }
        List<Object> args = new ArrayList<>();
        if (accept(",")) {
            if (accept("(")) {
                if (!accept(")")) {
                    do {
                        args.add(operand(scope, pi.labelSlots));
                    } while (accept(","));
                    expect(")");
                }
                if (accept(",")) {
                    next(); // the prototype label of an indirect call
                }
            } else {
                next(); // a prototype without arguments
            }
        }
        ops.add(new PendingVec(args));
    }

    Object operand(Scope scope, List<String[]> labelSlots) throws EmulatorException {
        Token t = peek();
        if (accept("{")) {
            List<Object> el = new ArrayList<>();
            do {
                el.add(operand(scope, labelSlots));
            } while (accept(","));
            expect("}");
            return new PendingVec(el);
        }
        if (accept("[")) {
            String base = null;
            long off = 0;
            if (peek().kind() == Token.Kind.WORD) {
                String w = next().text();
                base = w.startsWith("%") || scope.isReg(w) ? scope.reg(w) : w;
            } else {
                off = signedInt();
            }
            while (accept("+")) {
                off += signedInt();
            }
            if (accept("-")) {
                off -= parseLong(next());
            }
            if (peek().is(",")) {
                throw new UnsupportedPtxException(t.line(), line(t.line()),
                        "address operand with coordinates (texture / tensor-map addressing)");
            }
            expect("]");
            return new Operand.Addr(base, off);
        }
        if (accept("!")) {
            return new Operand.Reg(scope.reg(expectWord().text()), true);
        }
        if (t.is("-") || t.kind() == Token.Kind.INTEGER || t.kind() == Token.Kind.FLOAT_BITS
                || t.kind() == Token.Kind.DECIMAL) {
            return immediate();
        }
        Token w = expectWord();
        if (w.text().equals("_")) {
            if (accept("|")) {
                // elect.sync _|%p, mask: the sink as the first of a pair
                return new Operand.Pair(new Operand.Reg("_", false), new Operand.Reg(scope.reg(expectWord().text()),
                        false));
            }
            return new Operand.Sink();
        }
        if (w.text().startsWith("%") || scope.isReg(w.text())) {
            Operand.Reg r = new Operand.Reg(scope.reg(w.text()), false);
            if (accept("|")) {
                return new Operand.Pair(r, new Operand.Reg(scope.reg(expectWord().text()), false));
            }
            return r;
        }
        if (peek().is("+") || peek().is("(")) {
            throw new UnsupportedPtxException(w.line(), line(w.line()), "symbol expression operand");
        }
        String[] slot = {w.text()};
        labelSlots.add(slot);
        return new LabelOrSym(slot);
    }

    record PendingVec(List<Object> elements) { }

    private long signedInt() throws PtxSyntaxException {
        boolean neg = accept("-");
        long v = parseLong(next());
        return neg ? -v : v;
    }

    private Operand immediate() throws PtxSyntaxException {
        boolean neg = accept("-");
        Token t = next();
        switch (t.kind()) {
            case INTEGER -> {
                long v = parseLong(t);
                return new Operand.Imm(neg ? -v : v, Operand.ImmKind.INT);
            }
            case FLOAT_BITS -> {
                long bits = Long.parseUnsignedLong(t.text().substring(2), 16);
                boolean single = Character.toLowerCase(t.text().charAt(1)) == 'f';
                if (neg) {
                    bits ^= single ? 0x80000000L : Long.MIN_VALUE;
                }
                return new Operand.Imm(bits, single ? Operand.ImmKind.F32 : Operand.ImmKind.F64);
            }
            case DECIMAL -> {
                double d = Double.parseDouble(t.text());
                return new Operand.Imm(Double.doubleToRawLongBits(neg ? -d : d), Operand.ImmKind.F64);
            }
            default -> throw new PtxSyntaxException(t.line(), "expected a number, found " + t);
        }
    }

    static long parseLong(Token t) throws PtxSyntaxException {
        String s = t.text();
        if (s.endsWith("U") || s.endsWith("u")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new PtxSyntaxException(t.line(), "expected an integer, found " + t);
        }
    }

    String line(int n) {
        return n >= 1 && n <= lines.length ? lines[n - 1] : "";
    }

    String fresh(String name) {
        return name + "#" + (++uniq);
    }

    Token peek() {
        return toks.get(p);
    }

    Token next() {
        Token t = toks.get(p);
        if (t.kind() != Token.Kind.EOF) {
            p++;
        }
        return t;
    }

    boolean accept(String punct) {
        if (peek().is(punct)) {
            p++;
            return true;
        }
        return false;
    }

    void expect(String punct) throws PtxSyntaxException {
        if (!accept(punct)) {
            throw new PtxSyntaxException(peek().line(), "expected '" + punct + "', found " + peek());
        }
    }

    Token expectWord() throws PtxSyntaxException {
        Token t = next();
        if (t.kind() != Token.Kind.WORD) {
            throw new PtxSyntaxException(t.line(), "expected a name, found " + t);
        }
        return t;
    }

    /** A symbol operand whose final name is known only once labels of the enclosing scopes are resolved. */
}
