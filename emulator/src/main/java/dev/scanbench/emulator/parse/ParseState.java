package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.parse.Declarations.RegDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Mutable state of parsing one function body: pending instructions, labels, scopes. */
final class ParseState {
    private ParseState() {
    }

    record LabelOrSym(String[] slot) { }

    record LabelRef(String name, Scope scope, String[] target, int line) { }

    static final class PendingInsn {
        final List<String[]> labelSlots = new ArrayList<>();
        int line;
        String text;
        String guard;
        boolean neg;
        String opcode;
        List<String> mods;
        List<Object> ops;
        String source;
        /** The {@code .loc} in force ({@code file:line:col}), or null. */
        String loc;
        List<String> callSites = List.of();

        Instruction build() {
            List<Operand> resolved = new ArrayList<>(ops.size());
            for (Object o : ops) {
                resolved.add(resolve(o));
            }
            return new Instruction(line, text, guard, neg, opcode, List.copyOf(mods), resolved, source, callSites);
        }

        private static Operand resolve(Object o) {
            if (o instanceof LabelOrSym ph) {
                return new Operand.Sym(ph.slot()[0]);
            }
            if (o instanceof PtxParser.PendingVec v) {
                List<Operand> el = new ArrayList<>();
                for (Object e : v.elements()) {
                    el.add(resolve(e));
                }
                return new Operand.Vec(el);
            }
            return (Operand) o;
        }
    }

    static final class Body {
        final List<RegDecl> regs = new ArrayList<>();
        final List<VarDecl> locals = new ArrayList<>();
        final List<PendingInsn> insns = new ArrayList<>();
        final Map<String, Integer> labels = new HashMap<>();
        final List<LabelRef> refs = new ArrayList<>();
        String source;
        /** The {@code .loc} in force, {@code file:line:col}. */
        String loc;
        /** Each inlined location's call site: {@code file:line:col} to the {@code inlined_at} one. */
        final Map<String, String> inlinedAt = new HashMap<>();
    }

    /** Name scope of a { } block: registers and labels declared in it shadow the enclosing ones. */
    static final class Scope {
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
