package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedInstruction;
import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Declarations.ParamDecl;
import dev.scanbench.emulator.parse.FunctionAst;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.ModuleAst;
import dev.scanbench.emulator.parse.Operand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a parsed entry into a {@link Program}: resolves names, checks every qualifier against what the
 * emulator implements (anything else is rejected here, at load time), and lays out params, shared and local
 * memory.
 */
public final class Decoder {
    private Decoder() {
    }

    /** Decodes one entry of a module. */
    public static Program decode(ModuleAst module, FunctionAst f) throws UnsupportedPtxException {
        Map<String, Integer> labels = new HashMap<>(f.labels());
        Operands ops = new Operands(f, module.variables(), labels);
        List<Program.Param> params = new ArrayList<>();
        long top = layoutParams(f, ops, params);
        List<Instruction> body = f.body();
        Insn[] code = new Insn[body.size() + 1];
        for (int pc = 0; pc < body.size(); pc++) {
            code[pc] = instruction(module, ops, body.get(pc), pc);
        }
        // falling off the end of an entry is an implicit exit
        Insn end = new Insn();
        end.op = Op.EXIT;
        end.pc = body.size();
        end.family = Family.CONTROL.ordinal();
        end.line = f.line();
        end.text = "(end of " + f.name() + ")";
        code[body.size()] = end;
        int[] init = ops.specials.stream().mapToInt(Program.SpecialSlot::reg).toArray();
        Program full = new Program(f.name(), code, ops.valueRegCount(), ops.predRegCount(), ops.names(),
                List.copyOf(ops.specials), List.copyOf(params), (int) Operands.align(top, 8), ops.staticShared,
                ops.dynamicAlign, ops.localBytes, init, null, null);
        Program packed = RegisterAllocator.compact(full);
        return new Program(full.name(), code, full.valueRegs(), full.predRegs(), full.regNames(), full.specials(),
                full.params(), full.paramBytes(), full.staticShared(), full.dynamicAlign(), full.localBytes(), init,
                null, packed);
    }

    /**
     * Every instruction of an entry that {@link #decode} would refuse, in order, instead of the first one only:
     * what {@code workbench compile} lists so that a user sees all of them at once.
     */
    public static List<UnsupportedInstruction> unsupported(ModuleAst module, FunctionAst f) {
        List<UnsupportedInstruction> found = new ArrayList<>();
        Operands ops;
        try {
            ops = new Operands(f, module.variables(), new HashMap<>(f.labels()));
            layoutParams(f, ops, new ArrayList<>());
        } catch (UnsupportedPtxException e) {
            // A declaration the emulator cannot hold: nothing after it can be decoded meaningfully.
            found.add(new UnsupportedInstruction(f.name(), e.line(), null, e.text(), e.why()));
            return found;
        }
        List<Instruction> body = f.body();
        for (int pc = 0; pc < body.size(); pc++) {
            Instruction at = body.get(pc);
            try {
                instruction(module, ops, at, pc);
            } catch (UnsupportedPtxException e) {
                found.add(new UnsupportedInstruction(f.name(), e.line(), sourceName(module, at.source()), e.text(),
                        e.why()));
            }
        }
        return found;
    }

    /** Lays out the parameters in declaration order with their alignment; returns the end of the last. */
    private static long layoutParams(FunctionAst f, Operands ops, List<Program.Param> params) {
        long top = 0;
        for (ParamDecl p : f.params()) {
            top = Operands.align(top, p.align());
            params.add(new Program.Param(p.name(), (int) top, p.size(), p.align(), p.type()));
            ops.params.put(p.name(), top);
            top += p.size();
        }
        return top;
    }

    private static Insn instruction(ModuleAst module, Operands ops, Instruction at, int pc)
            throws UnsupportedPtxException {
        Insn in = new Insn();
        in.line = at.line();
        in.pc = pc;
        in.text = at.text();
        in.source = sourceName(module, at.source());
        in.inlinedAt = callSites(module, at);
        if (at.guard() != null) {
            in.guard = ops.pred(at.guard(), at);
            in.guardNeg = at.guardNeg();
        }
        try {
            OpcodeTable.decode(in, at, ops);
        } catch (ClassCastException | IndexOutOfBoundsException | IllegalArgumentException e) {
            // an operand of a kind this opcode does not take (a register where a predicate belongs, ...)
            throw new UnsupportedPtxException(at.line(), at.text(), "operands of this form");
        }
        in.family = in.op.family.ordinal();
        return in;
    }

    /**
     * The instructions of an entry for static analysis: as {@link #decode} makes them, except that an instruction
     * the emulator does not support is left null instead of failing the whole entry.
     *
     * @throws UnsupportedPtxException only when the entry's declarations themselves cannot be read
     */
    public static Insn[] decodeLenient(ModuleAst module, FunctionAst f) throws UnsupportedPtxException {
        Operands ops = new Operands(f, module.variables(), new HashMap<>(f.labels()));
        layoutParams(f, ops, new ArrayList<>());
        List<Instruction> body = f.body();
        Insn[] code = new Insn[body.size() + 1];
        for (int pc = 0; pc < body.size(); pc++) {
            try {
                code[pc] = instruction(module, ops, body.get(pc), pc);
            } catch (UnsupportedPtxException | RuntimeException e) {
                code[pc] = null;
            }
        }
        Insn end = new Insn();
        end.op = Op.EXIT;
        end.pc = body.size();
        end.family = Family.CONTROL.ordinal();
        end.line = f.line();
        end.text = "(end of " + f.name() + ")";
        code[body.size()] = end;
        return code;
    }

    /** The call sites of an inlined instruction, as source names joined by ", ", or null. */
    private static String callSites(ModuleAst module, Instruction at) {
        if (at.callSites().isEmpty()) {
            return null;
        }
        return String.join(", ", at.callSites().stream().map(s -> sourceName(module, s)).toList());
    }

    private static String sourceName(ModuleAst module, String loc) {
        if (loc == null) {
            return null;
        }
        int colon = loc.indexOf(':');
        String file = module.files().get(Integer.parseInt(loc.substring(0, colon)));
        if (file == null) {
            return loc;
        }
        int slash = file.lastIndexOf('/');
        return file.substring(slash + 1) + loc.substring(colon);
    }

    static Operand operand(Instruction at, int i) throws UnsupportedPtxException {
        if (i >= at.operands().size()) {
            throw new UnsupportedPtxException(at.line(), at.text(), "missing operand " + (i + 1));
        }
        return at.operands().get(i);
    }
}
