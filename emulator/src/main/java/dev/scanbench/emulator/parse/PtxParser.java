package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.EmulatorException;
import dev.scanbench.emulator.PtxSyntaxException;
import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Declarations.ParamDecl;
import dev.scanbench.emulator.parse.Declarations.RegDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
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
    private String mainFile;

    private PtxParser(List<Token> toks, String text) {
        this.toks = toks;
        this.lines = text.split("\n", -1);
    }

    /** Parses a whole module. */
    public static ModuleAst parse(String text) throws EmulatorException {
        return new PtxParser(Lexer.tokenize(text), text).module();
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
                        vars.add(variable(next(), w.equals(".extern")));
                    }
                }
                case ".entry", ".func" -> {
                    FunctionAst f = function(t);
                    if (f != null) {
                        functions.add(f);
                    }
                }
                case ".global", ".shared", ".const" -> vars.add(variable(t, false));
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

    /** Parses a variable declaration after its state-space word; consumes the terminating ';'. */
    private VarDecl variable(Token spaceTok, boolean external) throws EmulatorException {
        String space = spaceTok.text().substring(1);
        int align = 0;
        int vec = 1;
        String type = null;
        while (peek().kind() == Token.Kind.WORD && peek().text().startsWith(".")) {
            String w = next().text();
            if (w.equals(".align")) {
                align = Integer.parseInt(next().text());
            } else if (w.equals(".v2") || w.equals(".v4")) {
                vec = w.charAt(2) - '0';
            } else {
                type = w.substring(1);
            }
        }
        if (type == null) {
            throw new PtxSyntaxException(spaceTok.line(), "variable declaration without a type");
        }
        int elem = Types.sizeOf(type) * vec;
        String name = expectWord().text();
        long count = 1;
        boolean dynamic = false;
        while (accept("[")) {
            if (accept("]")) {
                dynamic = true;
            } else {
                count *= parseLong(next());
                expect("]");
            }
        }
        byte[] init = null;
        if (accept("=")) {
            init = initializer(type, elem, count, spaceTok.line());
        }
        expect(";");
        if (align == 0) {
            align = elem;
        }
        long size = dynamic && external ? -1 : elem * count;
        return new VarDecl(space, name, align, size, init, spaceTok.line());
    }

    private byte[] initializer(String type, int elem, long count, int line) throws EmulatorException {
        List<Long> values = new ArrayList<>();
        collectInit(values, line);
        byte[] out = new byte[(int) (elem * count)];
        int esize = Types.sizeOf(type);
        for (int i = 0; i < values.size() && (long) (i + 1) * esize <= out.length; i++) {
            long v = values.get(i);
            for (int b = 0; b < esize; b++) {
                out[i * esize + b] = (byte) (v >>> (8 * b));
            }
        }
        return out;
    }

    private void collectInit(List<Long> values, int line) throws EmulatorException {
        if (accept("{")) {
            do {
                collectInit(values, line);
            } while (accept(","));
            expect("}");
            return;
        }
        Object o = operand(new Scope(null), new ArrayList<>());
        if (!(o instanceof Operand.Imm imm)) {
            throw new UnsupportedPtxException(line, line(line), "initializer that is not a constant");
        }
        values.add(imm.bits());
    }

    private FunctionAst function(Token kw) throws EmulatorException {
        boolean entry = kw.text().equals(".entry");
        if (!entry && peek().is("(")) {
            // return-value parameter list of a .func; device functions are parsed only to be skipped
            skipParens();
        }
        String name = expectWord().text();
        List<ParamDecl> params = new ArrayList<>();
        if (accept("(")) {
            if (!accept(")")) {
                do {
                    params.add(param());
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
            String unique = ref.scope.resolve(ref.name);
            if (unique != null) {
                ref.target[0] = unique; // otherwise a variable symbol, checked by the decoder
            }
        }
        labels.putAll(body.labels);
        List<Instruction> insns = new ArrayList<>();
        for (PendingInsn pi : body.insns) {
            insns.add(pi.build());
        }
        return new FunctionAst(name, entry, kw.line(), params, body.regs, body.locals, insns, labels);
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

    private ParamDecl param() throws EmulatorException {
        Token kw = expectWord();
        if (!kw.text().equals(".param") && !kw.text().equals(".reg")) {
            throw new PtxSyntaxException(kw.line(), "expected .param, found " + kw);
        }
        int align = 0;
        String type = null;
        while (peek().kind() == Token.Kind.WORD && peek().text().startsWith(".")) {
            String w = next().text();
            if (w.equals(".align")) {
                align = Integer.parseInt(next().text());
            } else if (!w.equals(".ptr") && !w.equals(".global") && !w.equals(".shared") && !w.equals(".const")
                    && !w.equals(".local")) {
                type = w.substring(1);
            }
        }
        if (type == null) {
            throw new PtxSyntaxException(kw.line(), "parameter without a type");
        }
        String name = expectWord().text();
        long count = 1;
        while (accept("[")) {
            count *= parseLong(next());
            expect("]");
        }
        int elem = Types.sizeOf(type);
        return new ParamDecl(name, type, (int) (elem * count), align == 0 ? elem : align, kw.line());
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
            case ".reg" -> regDecl(scope, body, t);
            case ".shared", ".local" -> body.locals.add(variable(t, false));
            case ".loc" -> loc(body);
            case ".pragma" -> {
                next();
                expect(";");
            }
            case ".param", ".const", ".global" -> throw new UnsupportedPtxException(t.line(), line(t.line()),
                    "function-scoped " + w + " declaration (device-function calls are not supported)");
            case "@" -> instruction(scope, body, t);
            default -> {
                if (t.kind() != Token.Kind.WORD || w.startsWith(".")) {
                    throw new PtxSyntaxException(t.line(), "unexpected " + t + " in function body");
                }
                p--;
                instruction(scope, body, t);
            }
        }
    }

    private void regDecl(Scope scope, Body body, Token kw) throws EmulatorException {
        String type = null;
        while (peek().kind() == Token.Kind.WORD && peek().text().startsWith(".")) {
            String w = next().text();
            if (w.equals(".v2") || w.equals(".v4")) {
                throw new UnsupportedPtxException(kw.line(), line(kw.line()), "vector register declaration");
            }
            type = w.substring(1);
        }
        do {
            String name = expectWord().text();
            if (accept("<")) {
                int n = (int) parseLong(next());
                expect(">");
                for (int i = 0; i < n; i++) {
                    body.regs.add(new RegDecl(scope.defineReg(name + i, this), type));
                }
            } else {
                body.regs.add(new RegDecl(scope.defineReg(name, this), type));
            }
        } while (accept(","));
        expect(";");
    }

    private void loc(Body body) throws PtxSyntaxException {
        String file = next().text();
        String ln = next().text();
        next(); // column
        while (accept(",")) {
            if (next().text().equals("inlined_at")) {
                next();
                next();
                next();
            } else {
                next(); // function_name label
            }
        }
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
        if (!peek().is(";")) {
            do {
                ops.add(operand(scope, pi.labelSlots));
            } while (accept(","));
        }
        if (!accept(";")) {
            if (parts[0].equals("call")) {
                throw new UnsupportedPtxException(op.line(), line(op.line()), "call (device-function calls)");
            }
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
        body.insns.add(pi);
    }

    private Object operand(Scope scope, List<String[]> labelSlots) throws EmulatorException {
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

    private record PendingVec(List<Object> elements) { }

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

    private static long parseLong(Token t) throws PtxSyntaxException {
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

    private Token peek() {
        return toks.get(p);
    }

    private Token next() {
        Token t = toks.get(p);
        if (t.kind() != Token.Kind.EOF) {
            p++;
        }
        return t;
    }

    private boolean accept(String punct) {
        if (peek().is(punct)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(String punct) throws PtxSyntaxException {
        if (!accept(punct)) {
            throw new PtxSyntaxException(peek().line(), "expected '" + punct + "', found " + peek());
        }
    }

    private Token expectWord() throws PtxSyntaxException {
        Token t = next();
        if (t.kind() != Token.Kind.WORD) {
            throw new PtxSyntaxException(t.line(), "expected a name, found " + t);
        }
        return t;
    }

    /** A symbol operand whose final name is known only once labels of the enclosing scopes are resolved. */
    private record LabelOrSym(String[] slot) { }

    private record LabelRef(String name, Scope scope, String[] target, int line) { }

    private static final class PendingInsn {
        final List<String[]> labelSlots = new ArrayList<>();
        int line;
        String text;
        String guard;
        boolean neg;
        String opcode;
        List<String> mods;
        List<Object> ops;
        String source;

        Instruction build() {
            List<Operand> resolved = new ArrayList<>(ops.size());
            for (Object o : ops) {
                resolved.add(resolve(o));
            }
            return new Instruction(line, text, guard, neg, opcode, List.copyOf(mods), resolved, source);
        }

        private static Operand resolve(Object o) {
            if (o instanceof LabelOrSym ph) {
                return new Operand.Sym(ph.slot()[0]);
            }
            if (o instanceof PendingVec v) {
                List<Operand> el = new ArrayList<>();
                for (Object e : v.elements()) {
                    el.add(resolve(e));
                }
                return new Operand.Vec(el);
            }
            return (Operand) o;
        }
    }

    private static final class Body {
        final List<RegDecl> regs = new ArrayList<>();
        final List<VarDecl> locals = new ArrayList<>();
        final List<PendingInsn> insns = new ArrayList<>();
        final Map<String, Integer> labels = new HashMap<>();
        final List<LabelRef> refs = new ArrayList<>();
        String source;
    }

    /** Name scope of a { } block: registers and labels declared in it shadow the enclosing ones. */
    private static final class Scope {
        final Scope parent;
        final Map<String, String> regs = new HashMap<>();
        final Map<String, String> labels = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        String defineReg(String name, PtxParser parser) {
            String unique = parent == null ? name : parser.fresh(name);
            regs.put(name, unique);
            return unique;
        }

        String defineLabel(String name, PtxParser parser) {
            String unique = parent == null ? name : parser.fresh(name);
            labels.put(name, unique);
            return unique;
        }

        String reg(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                String u = s.regs.get(name);
                if (u != null) {
                    return u;
                }
            }
            return name; // special registers (%tid.x) and undeclared names are checked by the decoder
        }

        boolean isReg(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.regs.containsKey(name)) {
                    return true;
                }
            }
            return false;
        }

        String resolve(String label) {
            for (Scope s = this; s != null; s = s.parent) {
                String u = s.labels.get(label);
                if (u != null) {
                    return u;
                }
            }
            return null;
        }
    }
}
