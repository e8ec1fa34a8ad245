package dev.scanbench.emulator;

import dev.scanbench.emulator.decode.Decoder;
import dev.scanbench.emulator.decode.SpinLoops;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.LoopAnalysis;
import dev.scanbench.emulator.decode.Program;
import dev.scanbench.emulator.decode.WeakPollAnalysis;
import dev.scanbench.emulator.parse.FunctionAst;
import dev.scanbench.emulator.parse.ModuleAst;
import dev.scanbench.emulator.parse.PtxParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

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
    private static final LoadedModules LOADED = new LoadedModules();

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
        PtxModule known = LOADED.get(ptxText);
        if (known != null) {
            return known;
        }
        PtxModule module = decode(ptxText);
        LOADED.put(ptxText, module);
        return module;
    }

    private static PtxModule decode(String ptxText) throws EmulatorException {
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

    /**
     * Loops of every entry that can never end once entered: each way out tests a predicate that no instruction
     * in the loop writes, or there is none (nvcc's {@code $L: bra.uni $L} for a flag polled with a plain load).
     * One {@link Check#DEADLOCK} error per loop, at its back-edge branch (PTX and source line). Works on PTX the
     * emulator cannot run (instructions it does not support make their loop unknown, not endless); PTX that does
     * not parse has no findings here (loading it reports the syntax error).
     */
    public static List<Diagnostic> endlessLoops(String ptxText) {
        List<Diagnostic> out = new ArrayList<>();
        forEachEntry(ptxText, (f, code) -> {
            for (LoopAnalysis.EndlessLoop loop : LoopAnalysis.endless(code)) {
                Insn latch = code[loop.latch()];
                out.add(new Diagnostic(Check.DEADLOCK, true, f.name(), null, null, latch.line, latch.source,
                        SpinLoops.describe(code, loop) + " — `" + latch.text + "`", latch.inlinedAt));
            }
        });
        return out;
    }

    /**
     * Flags polled with a weak load in every entry: loops that can only end when a value read with a plain global
     * or generic load from an address the loop does not change becomes different ({@link WeakPollAnalysis}). One
     * {@link Check#SPINLINT} error per loop, at the load (PTX and source line). The run-time spin lint sees such a
     * poll only when a schedule makes it wait; this finds it on every schedule, without running anything. Same
     * leniency as {@link #endlessLoops}.
     */
    public static List<Diagnostic> weakPolls(String ptxText) {
        List<Diagnostic> out = new ArrayList<>();
        forEachEntry(ptxText, (f, code) -> {
            for (WeakPollAnalysis.WeakPoll poll : WeakPollAnalysis.find(code)) {
                Insn load = code[poll.load()];
                out.add(new Diagnostic(Check.SPINLINT, true, f.name(), null, null, load.line, load.source,
                        SpinLoops.describeWeakPoll(code, poll) + " — `" + load.text + "`", load.inlinedAt));
            }
        });
        return out;
    }

    /** Decodes every entry leniently (unknown instructions become null) and hands it on; PTX that does not parse has none. */
    private static void forEachEntry(String ptxText, BiConsumer<FunctionAst, Insn[]> each) {
        ModuleAst ast;
        try {
            ast = PtxParser.parse(ptxText);
        } catch (EmulatorException e) {
            return;
        }
        for (FunctionAst f : ast.functions()) {
            if (!f.entry()) {
                continue;
            }
            try {
                each.accept(f, Decoder.decodeLenient(ast, f));
            } catch (EmulatorException e) {
                // an entry whose declarations the decoder cannot read has no findings here; loading reports it
            }
        }
    }
}
