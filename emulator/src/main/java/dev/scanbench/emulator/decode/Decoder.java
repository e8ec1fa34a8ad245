package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Declarations.ParamDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
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
        long top = 0;
        for (ParamDecl p : f.params()) {
            top = Operands.align(top, p.align());
            params.add(new Program.Param(p.name(), (int) top, p.size(), p.align(), p.type()));
            ops.params.put(p.name(), top);
            top += p.size();
        }
        List<Instruction> body = f.body();
        Insn[] code = new Insn[body.size() + 1];
        for (int pc = 0; pc < body.size(); pc++) {
            Instruction at = body.get(pc);
            Insn in = new Insn();
            in.line = at.line();
            in.pc = pc;
            in.text = at.text();
            in.source = sourceName(module, at.source());
            if (at.guard() != null) {
                in.guard = ops.pred(at.guard(), at);
                in.guardNeg = at.guardNeg();
            }
            OpcodeTable.decode(in, at, ops);
            code[pc] = in;
        }
        // falling off the end of an entry is an implicit exit
        Insn end = new Insn();
        end.op = Op.EXIT;
        end.pc = body.size();
        end.line = f.line();
        end.text = "(end of " + f.name() + ")";
        code[body.size()] = end;
        int[] init = ops.specials.stream().mapToInt(Program.SpecialSlot::reg).toArray();
        return new Program(f.name(), code, ops.valueRegCount(), ops.predRegCount(), ops.names(),
                List.copyOf(ops.specials), List.copyOf(params), (int) Operands.align(top, 8), ops.staticShared,
                ops.dynamicAlign, ops.localBytes, init);
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

    /** Module variables that need device memory (global and const), in table order. */
    public static List<VarDecl> deviceVariables(ModuleAst module) {
        return module.variables();
    }

    static Operand operand(Instruction at, int i) throws UnsupportedPtxException {
        if (i >= at.operands().size()) {
            throw new UnsupportedPtxException(at.line(), at.text(), "missing operand " + (i + 1));
        }
        return at.operands().get(i);
    }
}
