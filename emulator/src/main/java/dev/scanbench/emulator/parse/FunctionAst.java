package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.parse.Declarations.ParamDecl;
import dev.scanbench.emulator.parse.Declarations.RegDecl;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .entry} or {@code .func}.
 *
 * @param name         function name
 * @param entry        true for a kernel entry point
 * @param line         PTX line of its header
 * @param params       declared parameters in order
 * @param regs         every register declared in any scope, under unique names
 * @param locals       function-scoped {@code .shared} / {@code .local} variables
 * @param body         instructions in order
 * @param labels       label (unique name) to index into {@code body}
 * @param rets         return-value parameters of a {@code .func} (empty for an entry)
 */
public record FunctionAst(String name, boolean entry, int line, List<ParamDecl> params, List<RegDecl> regs,
        List<VarDecl> locals, List<Instruction> body, Map<String, Integer> labels, List<ParamDecl> rets) {

    /** A function without return values. */
    public FunctionAst(String name, boolean entry, int line, List<ParamDecl> params, List<RegDecl> regs,
            List<VarDecl> locals, List<Instruction> body, Map<String, Integer> labels) {
        this(name, entry, line, params, regs, locals, body, labels, List.of());
    }
}
