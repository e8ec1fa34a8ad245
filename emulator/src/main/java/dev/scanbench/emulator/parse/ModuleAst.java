package dev.scanbench.emulator.parse;

import dev.scanbench.emulator.parse.Declarations.VarDecl;
import java.util.List;
import java.util.Map;

/**
 * A parsed PTX module.
 *
 * @param version     {@code .version} text, e.g. 9.0
 * @param target      {@code .target} text, e.g. sm_90a
 * @param functions   entries and device functions
 * @param variables   module-scope variables
 * @param files       {@code .file} index to file name
 */
public record ModuleAst(String version, String target, List<FunctionAst> functions, List<VarDecl> variables,
        Map<Integer, String> files) { }
