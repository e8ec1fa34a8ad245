package dev.scanbench.emulator;

import dev.scanbench.emulator.decode.Decoder;
import dev.scanbench.emulator.decode.Program;
import dev.scanbench.emulator.parse.FunctionAst;
import dev.scanbench.emulator.parse.ModuleAst;
import dev.scanbench.emulator.parse.PtxParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point: loads PTX text into a {@link PtxModule}; run it on a {@link Device}.
 *
 * <pre>{@code
 * PtxModule m = Emulator.load(ptx);
 * try (Device dev = new Device()) {
 *     DevicePointer x = dev.alloc(4L * n);
 *     dev.copyIn(x, data);
 *     LaunchResult r = dev.launch(m, "scan", Dim3.of(blocks), Dim3.of(256), 0, LaunchOptions.defaults(), x, n);
 * }
 * }</pre>
 */
public final class Emulator {
    private Emulator() {
    }

    /**
     * Parses and decodes every entry of the module. Device functions ({@code .func}) are parsed but only
     * usable if no entry calls them (calls are rejected).
     *
     * @throws PtxSyntaxException      malformed PTX (with the line)
     * @throws UnsupportedPtxException an opcode, qualifier or directive the emulator does not implement
     */
    public static PtxModule load(String ptxText) throws EmulatorException {
        ModuleAst ast = PtxParser.parse(ptxText);
        Map<String, Program> entries = new LinkedHashMap<>();
        for (FunctionAst f : ast.functions()) {
            if (f.entry()) {
                entries.put(f.name(), Decoder.decode(ast, f));
            }
        }
        if (entries.isEmpty()) {
            throw new LaunchException("the PTX module has no .entry");
        }
        return new PtxModule(entries, ast.variables(), ast.version(), ast.target());
    }

    /**
     * Every instruction of every entry that {@link #load} would refuse, in module order, so that a user sees all
     * of them at once rather than one per attempt. Empty when the module loads (as far as decoding goes). A
     * construct the parser itself refuses (a device-function {@code call}, a directive it cannot skip) ends the
     * scan: it is listed last, and nothing after it is looked at.
     *
     * @throws PtxSyntaxException malformed PTX (with the line)
     */
    public static List<UnsupportedInstruction> unsupported(String ptxText) throws PtxSyntaxException {
        ModuleAst ast;
        try {
            ast = PtxParser.parse(ptxText);
        } catch (UnsupportedPtxException e) {
            return List.of(new UnsupportedInstruction(null, e.line(), null, e.text(), e.why()));
        } catch (PtxSyntaxException e) {
            throw e;
        } catch (EmulatorException e) {
            throw new PtxSyntaxException(0, e.getMessage());
        }
        List<UnsupportedInstruction> found = new ArrayList<>();
        for (FunctionAst f : ast.functions()) {
            if (f.entry()) {
                found.addAll(Decoder.unsupported(ast, f));
            }
        }
        return found;
    }
}
