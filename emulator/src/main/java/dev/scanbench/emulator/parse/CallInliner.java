package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Declarations.ParamDecl;
import dev.scanbench.emulator.parse.Declarations.RegDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Device-function calls, by inlining every {@code call} into the calling entry. Each inlined copy is one call
 * frame: its registers, labels and local variables get names of their own (a lane's registers in frame k are
 * not those of frame k+1, recursion included), and the call sequence's {@code .param} variables become local
 * variables of the caller's frame, so {@code st.param} / {@code ld.param} on them become local stores and
 * loads (the callee's {@code ld.param} of its parameters and {@code st.param} of its return value address the
 * caller's variables: by value, as in nvcc's ABI). The analyses that follow (loops, weak polls, register
 * liveness, initcheck's shadows through local memory, the critical path) see ordinary straight code.
 *
 * <p>Recursion is expanded {@link #DEPTH_LIMIT} frames deep; a call past that becomes a fault that names the
 * function and the limit when a lane reaches it (a GPU overflows its thread stack instead). A module whose
 * expansion passes {@link #MAX_INSTRUCTIONS} (a function recursing at several sites) is refused at load.
 * {@code vprintf} becomes the emulator's {@code vprintf} instruction; calls through a register and calls to
 * other external functions stay {@code call} instructions, which the decoder refuses.
 */
public final class CallInliner {
    /** The deepest call nesting below an entry (frames, the entry not counted). */
    public static final int DEPTH_LIMIT = 10;
    /** The most instructions an entry may have once its calls are inlined. */
    public static final int MAX_INSTRUCTIONS = 200_000;

    private final Map<String, FunctionAst> funcs = new HashMap<>();
    private final List<RegDecl> regs = new ArrayList<>();
    private final List<VarDecl> locals = new ArrayList<>();
    private final Set<String> sharedSeen = new HashSet<>();
    /** Names (after renaming) of call-sequence variables: the param space they were declared in is local here. */
    private final Set<String> frameVars = new HashSet<>();
    private final List<Instruction> out = new ArrayList<>();
    private final Map<String, Integer> labels = new LinkedHashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private int copies;

    private CallInliner(ModuleAst module) {
        for (FunctionAst f : module.functions()) {
            if (!f.entry()) {
                funcs.put(f.name(), f);
            }
        }
    }

    /** The module with every entry's calls inlined (entries without calls are returned as they are). */
    static ModuleAst inline(ModuleAst module) throws UnsupportedPtxException {
        List<FunctionAst> fs = new ArrayList<>();
        boolean changed = false;
        for (FunctionAst f : module.functions()) {
            boolean calls = f.body().stream().anyMatch(i -> i.opcode().equals("call"))
                    || f.locals().stream().anyMatch(v -> v.space().equals("param"));
            if (f.entry() && calls) {
                fs.add(new CallInliner(module).entry(f));
                changed = true;
            } else {
                fs.add(f);
            }
        }
        return changed ? new ModuleAst(module.version(), module.target(), fs, module.variables(), module.files())
                : module;
    }

    private FunctionAst entry(FunctionAst f) throws UnsupportedPtxException {
        regs.addAll(f.regs());
        for (VarDecl v : f.locals()) {
            locals.add(local(v, v.name()));
        }
        Map<String, String> none = Map.of();
        copy(f, none, none, null);
        return new FunctionAst(f.name(), true, f.line(), f.params(), regs, locals, out, labels, f.rets());
    }

    private VarDecl local(VarDecl v, String name) {
        if (v.space().equals("param")) {
            frameVars.add(name);
            return new VarDecl("local", name, v.align(), v.size(), v.init(), v.line());
        }
        return new VarDecl(v.space(), name, v.align(), v.size(), v.init(), v.line());
    }

    /**
     * Appends the body of {@code f} with its registers renamed by {@code regMap} and its symbols (labels,
     * locals, parameters) by {@code symMap}; {@code end} is the label a {@code ret} jumps to (null: the entry).
     */
    private void copy(FunctionAst f, Map<String, String> regMap, Map<String, String> symMap, Instruction site)
            throws UnsupportedPtxException {
        String end = site == null ? null : "$ret@" + copies;
        Map<Integer, List<String>> labelsAt = new HashMap<>();
        for (Map.Entry<String, Integer> e : f.labels().entrySet()) {
            labelsAt.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        for (int i = 0; i < f.body().size(); i++) {
            for (String l : labelsAt.getOrDefault(i, List.of())) {
                labels.put(symMap.getOrDefault(l, l), out.size());
            }
            Instruction in = rename(f.body().get(i), regMap, symMap, site);
            if (end != null && in.opcode().equals("ret")) {
                out.add(with(in, "bra", List.of("uni"), List.of(new Operand.Sym(end))));
            } else if (in.opcode().equals("call")) {
                call(in);
            } else {
                out.add(in);
            }
            if (out.size() > MAX_INSTRUCTIONS) {
                Instruction at = site != null ? site : in;
                throw new UnsupportedPtxException(at.line(), at.text(), "device-function calls that expand past "
                        + MAX_INSTRUCTIONS + " inlined instructions (a function recursing at several call sites)");
            }
        }
        for (String l : labelsAt.getOrDefault(f.body().size(), List.of())) {
            labels.put(symMap.getOrDefault(l, l), out.size());
        }
        if (end != null) {
            labels.put(end, out.size());
        }
    }

    private void call(Instruction c) throws UnsupportedPtxException {
        List<Operand> ops = c.operands();
        if (ops.size() != 3 || !(ops.get(1) instanceof Operand.Sym target)) {
            out.add(c); // an indirect call: the decoder says so
            return;
        }
        List<String> rets = names(ops.get(0));
        List<String> args = names(ops.get(2));
        String name = target.name();
        FunctionAst f = funcs.get(name);
        if (f == null && name.equals("vprintf") && args.size() == 2) {
            vprintf(c, rets, args);
            return;
        }
        if (f == null || f.body().isEmpty() && f.labels().isEmpty()) {
            out.add(c); // an external function: the decoder says so
            return;
        }
        if (stack.size() >= DEPTH_LIMIT) {
            out.add(with(c, "call", List.of("depth_limit"), List.of(new Operand.Sym(name))));
            return;
        }
        if (args.size() != f.params().size() || rets.size() != f.rets().size()) {
            throw new UnsupportedPtxException(c.line(), c.text(), "call to " + name + " with " + args.size()
                    + " arguments and " + rets.size() + " return values (it declares " + f.params().size()
                    + " and " + f.rets().size() + ")");
        }
        int k = ++copies;
        Map<String, String> regMap = new HashMap<>();
        for (RegDecl r : f.regs()) {
            String n = r.name() + "@" + k;
            regMap.put(r.name(), n);
            regs.add(new RegDecl(n, r.type()));
        }
        Map<String, String> symMap = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            symMap.put(f.params().get(i).name(), args.get(i));
        }
        for (int i = 0; i < rets.size(); i++) {
            symMap.put(f.rets().get(i).name(), rets.get(i));
        }
        for (VarDecl v : f.locals()) {
            if (v.space().equals("shared")) {
                // one per CTA however often it is called: not a per-frame variable
                String n = name + "::" + v.name();
                symMap.put(v.name(), n);
                if (sharedSeen.add(n)) {
                    locals.add(local(v, n));
                }
            } else {
                // registers and variables share one namespace in the parser's scopes (a .param variable is
                // looked up as a register name): both maps learn it
                String n = v.name() + "@" + k;
                symMap.put(v.name(), n);
                regMap.put(v.name(), n);
                locals.add(local(v, n));
            }
        }
        for (int i = 0; i < args.size(); i++) {
            regMap.put(f.params().get(i).name(), args.get(i));
        }
        for (int i = 0; i < rets.size(); i++) {
            regMap.put(f.rets().get(i).name(), rets.get(i));
        }
        for (String l : f.labels().keySet()) {
            symMap.put(l, l + "@" + k);
        }
        String skip = null;
        if (c.guard() != null) {
            // a predicated call: the lanes whose guard is false jump over the inlined body
            skip = "$skip@" + k;
            out.add(new Instruction(c.line(), c.text(), c.guard(), !c.guardNeg(), "bra", List.of(),
                    List.of(new Operand.Sym(skip)), c.source(), c.callSites()));
        }
        stack.push(name);
        copy(f, regMap, symMap, c);
        stack.pop();
        if (skip != null) {
            labels.put(skip, out.size());
        }
    }

    /** {@code call (ret), vprintf, (fmt, args)}: loads both pointers from their variables, prints, stores. */
    private void vprintf(Instruction c, List<String> rets, List<String> args) {
        int k = ++copies;
        String fmt = "%vprintf_fmt@" + k;
        String buf = "%vprintf_args@" + k;
        String ret = "%vprintf_ret@" + k;
        regs.add(new RegDecl(fmt, "b64"));
        regs.add(new RegDecl(buf, "b64"));
        regs.add(new RegDecl(ret, "b32"));
        out.add(with(c, "ld", List.of("local", "b64"), List.of(reg(fmt), new Operand.Addr(args.get(0), 0))));
        out.add(with(c, "ld", List.of("local", "b64"), List.of(reg(buf), new Operand.Addr(args.get(1), 0))));
        out.add(with(c, "vprintf", List.of(), List.of(reg(ret), reg(fmt), reg(buf))));
        if (!rets.isEmpty()) {
            out.add(with(c, "st", List.of("local", "b32"), List.of(new Operand.Addr(rets.get(0), 0), reg(ret))));
        }
    }

    private static Operand.Reg reg(String name) {
        return new Operand.Reg(name, false);
    }

    private static List<String> names(Operand vec) throws UnsupportedPtxException {
        List<String> n = new ArrayList<>();
        for (Operand o : ((Operand.Vec) vec).elements()) {
            if (o instanceof Operand.Reg r) {
                n.add(r.name());
            } else if (o instanceof Operand.Sym s) {
                n.add(s.name());
            } else {
                n.add(String.valueOf(o));
            }
        }
        return n;
    }

    private static Instruction with(Instruction in, String opcode, List<String> mods, List<Operand> ops) {
        return new Instruction(in.line(), in.text(), in.guard(), in.guardNeg(), opcode, mods, ops, in.source(),
                in.callSites());
    }

    /** The instruction with its names mapped; param-space accesses to call-sequence variables become local. */
    private Instruction rename(Instruction in, Map<String, String> regMap, Map<String, String> symMap,
            Instruction site) {
        List<Operand> ops = new ArrayList<>(in.operands().size());
        boolean frame = false;
        for (Operand o : in.operands()) {
            Operand r = rename(o, regMap, symMap);
            if (r instanceof Operand.Addr a && frameVars.contains(a.base())) {
                frame = true;
            }
            ops.add(r);
        }
        List<String> mods = in.mods();
        if (frame && (in.opcode().equals("ld") || in.opcode().equals("st")) && mods.contains("param")) {
            mods = new ArrayList<>(mods);
            mods.set(mods.indexOf("param"), "local");
        }
        String guard = in.guard() == null ? null : regMap.getOrDefault(in.guard(), in.guard());
        List<String> sites = in.callSites();
        if (site != null && site.source() != null) {
            sites = new ArrayList<>(sites);
            sites.add(site.source());
            sites.addAll(site.callSites());
            sites = List.copyOf(sites);
        }
        return new Instruction(in.line(), in.text(), guard, in.guardNeg(), in.opcode(), List.copyOf(mods), ops,
                in.source(), sites);
    }

    private static Operand rename(Operand o, Map<String, String> regMap, Map<String, String> symMap) {
        if (o instanceof Operand.Reg r) {
            return new Operand.Reg(regMap.getOrDefault(r.name(), r.name()), r.negated());
        }
        if (o instanceof Operand.Pair p) {
            return new Operand.Pair((Operand.Reg) rename(p.first(), regMap, symMap),
                    (Operand.Reg) rename(p.second(), regMap, symMap));
        }
        if (o instanceof Operand.Vec v) {
            List<Operand> el = new ArrayList<>();
            for (Operand e : v.elements()) {
                el.add(rename(e, regMap, symMap));
            }
            return new Operand.Vec(el);
        }
        if (o instanceof Operand.Addr a) {
            String b = a.base();
            if (b != null) {
                b = regMap.getOrDefault(b, symMap.getOrDefault(b, b));
            }
            return new Operand.Addr(b, a.offset());
        }
        if (o instanceof Operand.Sym s) {
            return new Operand.Sym(symMap.getOrDefault(s.name(), s.name()));
        }
        return o;
    }
}
