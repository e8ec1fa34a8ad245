package dev.scanbench.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.cli.Json;
import dev.scanbench.harness.cli.WorkbenchExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine.Command;

/** The workbench's commands as tools: descriptions and input schemas a model can use without a prompt. */
final class Tools {
    private Tools() {
    }

    private static final String KERNEL_NOTE = " The kernel is given as 'kernel' (a path to a .cu, .ptx or .py file "
            + "with its @plan) or as 'source' (the file's text) plus 'file_name' (e.g. scan.cu), which is written to "
            + "a fresh workspace folder for this call.";
    private static final String RESULT_NOTE = " The result is the command's --json document, unchanged (schema in "
            + "README.md); a failure is a tool error (isError) with the same document and _meta.exit_code (1 the "
            + "candidate or check failed, 2 usage, 3 environment, 4 unreadable file, 70 internal).";

    /** Every tool this JVM can serve: leaderboard and compare only where their commands are on the class path. */
    static List<ToolDef> all() {
        Set<String> extra = extensionCommands();
        List<ToolDef> tools = new ArrayList<>();
        tools.add(score());
        tools.add(verify());
        tools.add(compile());
        tools.add(run());
        tools.add(logTail());
        if (extra.contains("leaderboard")) {
            tools.add(leaderboard());
        }
        if (extra.contains("compare")) {
            tools.add(compare());
        }
        tools.add(doctor());
        return tools;
    }

    private static Set<String> extensionCommands() {
        Set<String> names = new HashSet<>();
        for (WorkbenchExtension extension : ServiceLoader.load(WorkbenchExtension.class)) {
            for (Object command : extension.commands()) {
                Command annotation = command.getClass().getAnnotation(Command.class);
                if (annotation != null) {
                    names.add(annotation.name());
                }
            }
        }
        return names;
    }

    private static ToolDef score() {
        ObjectNode p = kernelProperties();
        backend(p, "auto (default): CUDA when a GPU is present, else the PTX emulator; cuda; emulator.",
                "auto", "cuda", "emulator");
        integer(p, "n", "Problem size (default: 100000000 on CUDA, 1048583 on the emulator). Small sizes (e.g. 4097)"
                + " are quick checks on the emulator; the gate always runs its own fixed and secret sizes too.", 1);
        enumeration(p, "protocol", "default: the workbench's measurement; re-bench: the original scorer, one timed "
                + "call.", "default", "re-bench");
        enumeration(p, "mode", "cold (default): L2 flushed before every sample; hot: no flush.", "cold", "hot");
        number(p, "timeout", "Per-call limit in seconds (default: 20 on a GPU, 120 on the emulator).");
        compileTimeout(p);
        string(p, "label", "Who or what submitted this run (e.g. your agent run's name); the leaderboard groups by "
                + "it and the result reports the best score so far for it.");
        string(p, "note", "A free note kept with the log entry.");
        log(p);
        return new ToolDef("score", List.of("score"),
                "Score a CUDA prefix-sum (inclusive scan, int32, wrapping) kernel: compile, static checks, plan "
                        + "validation, the full correctness gate (199+ cases, secret seed and sizes), then on a GPU "
                        + "a timed measurement (ms, ln(ms), normalised score, standing against the best human and "
                        + "agent), on the emulator the counted work and the H100 model's estimate with its binding "
                        + "term. Every run is appended to the score log; the result also says the best score so far "
                        + "in the log (overall and for the label) and whether this run improved on it. A wrong "
                        + "answer, timeout or crash is a tool error naming the failing case." + KERNEL_NOTE
                        + RESULT_NOTE,
                schema(p, true), true, List.of());
    }

    private static ToolDef verify() {
        ObjectNode p = kernelProperties();
        backend(p, "emulator (default): every diagnostic on (memcheck, initcheck, racecheck, synccheck); cuda: the "
                + "first GPU; auto: a GPU when present.", "emulator", "cuda", "auto");
        number(p, "timeout", "Per-case limit in seconds (default: 120 on the emulator, 20 on a GPU).");
        compileTimeout(p);
        ObjectNode sizes = p.putObject("sizes");
        sizes.put("type", "array");
        sizes.put("description", "Only these sizes (each under every pattern and dispatch order) instead of the "
                + "standard gate: a quicker check while iterating; the standard gate is the verdict.");
        sizes.putObject("items").put("type", "integer").put("minimum", 1);
        return new ToolDef("verify", List.of("verify"),
                "Check a kernel's correctness without scoring it: the same gate score runs (odd and boundary sizes, "
                        + "adversarial values and schedules, secret sizes), in a sandboxed worker under a watchdog. "
                        + "Stops at the first failure with its case, kind and location (first wrong element with "
                        + "the input around it, or the faulting kernel, block, thread, PTX and .cu line)."
                        + KERNEL_NOTE + RESULT_NOTE,
                schema(p, true), true, List.of());
    }

    private static ToolDef compile() {
        ObjectNode p = kernelProperties();
        compileTimeout(p);
        return new ToolDef("compile", List.of("compile"),
                "Compile a kernel (.cu with nvcc -O3 -arch=sm_90a -lineinfo, .ptx with ptxas) and report its "
                        + "entries (registers, spills, shared memory, stack), whether the compile cache served it, "
                        + "static-check findings, whether its @plan is valid at n = 100,000,000, and any instruction "
                        + "the PTX emulator cannot run. Compile errors come with file:line. Fast: use it before "
                        + "verify or score." + KERNEL_NOTE + RESULT_NOTE,
                schema(p, true), true, List.of());
    }

    private static ToolDef run() {
        ObjectNode p = kernelProperties();
        backend(p, "auto (default): CUDA when a GPU is present, else the PTX emulator; cuda; emulator.",
                "auto", "cuda", "emulator");
        integer(p, "n", "Size of the generated input (default: 4097).", 1);
        integer(p, "seed", "Generator seed (default: 0).", null);
        enumeration(p, "pattern", "Value pattern of the generated input (default: RANDOM).", "RANDOM",
                "ALL_POSITIVE", "ALL_NON_POSITIVE", "ALTERNATING", "ZERO_RUNS", "EXTREME");
        number(p, "timeout", "The run's limit in seconds (default: 120 on the emulator, 20 on a GPU).");
        compileTimeout(p);
        return new ToolDef("run", List.of("run"),
                "Run a kernel once on a generated input (workbench generate, then workbench run) in a sandboxed "
                        + "worker; nothing is verified or timed. The input and output .npy files are left in this "
                        + "call's workspace folder (paths in the result), to inspect or compare with numpy."
                        + KERNEL_NOTE + RESULT_NOTE,
                schema(p, true), true, List.of());
    }

    private static ToolDef logTail() {
        ObjectNode p = Json.object();
        integer(p, "entries", "How many entries, newest last (default: 10).", 1);
        log(p);
        return new ToolDef("log_tail", List.of("log", "tail"),
                "The last entries of the score log (every score run, failures included, hash-chained)."
                        + RESULT_NOTE,
                schema(p, false), false, List.of());
    }

    private static ToolDef leaderboard() {
        ObjectNode p = Json.object();
        enumeration(p, "by", "One row per kernel file (default) or per label.", "kernel", "label");
        log(p);
        return new ToolDef("leaderboard", List.of("leaderboard"),
                "The best passing entry per kernel (or per label) from the score log, with its time and CI, ln(ms),"
                        + " normalised score and speedup over the best human and agent. GPU times, simulated times "
                        + "and the emulator's counted work are separate boards." + RESULT_NOTE,
                schema(p, false), false, List.of());
    }

    private static ToolDef compare() {
        ObjectNode p = Json.object();
        string(p, "a", "The reference entry: an entry number (12 or #12), a hash prefix (6+ hex digits), "
                + "label:NAME (the label's best) or a kernel path (its best).");
        string(p, "b", "The entry compared with it, in the same forms.");
        number(p, "confidence", "Coverage of the shift's interval (default: 0.99).");
        number(p, "threshold", "Noise threshold in percent of A's median (default: the larger robust noise of A and "
                + "B, at least 0.5).");
        log(p);
        ObjectNode schema = schema(p, false);
        schema.putArray("required").add("a").add("b");
        return new ToolDef("compare", List.of("compare"),
                "Compare two score log entries (B against A) from their raw samples: FASTER, SLOWER, SAME or "
                        + "UNCERTAIN (Hodges-Lehmann shift with its confidence interval and a Mann-Whitney test, "
                        + "against a noise threshold). Two emulator entries are compared by counted work."
                        + RESULT_NOTE,
                schema, false, List.of("a", "b"));
    }

    private static ToolDef doctor() {
        return new ToolDef("doctor", List.of("doctor"),
                "What this machine offers the workbench: Java, nvcc, a CUDA driver and GPUs, Python and Triton. "
                        + "Missing pieces are reported, not fatal. Call it first to learn whether scores will be "
                        + "timed on a GPU or counted on the emulator." + RESULT_NOTE,
                schema(Json.object(), false), false, List.of());
    }

    private static ObjectNode kernelProperties() {
        ObjectNode p = Json.object();
        string(p, "kernel", "Path to the kernel file (.cu, .ptx or .py with its @plan); relative paths are "
                + "resolved against the server's working folder. Give this or source + file_name.");
        string(p, "source", "The kernel file's text, instead of a path (with file_name).");
        ObjectNode name = string(p, "file_name", "The file name for source, e.g. my_scan.cu: a bare name ending "
                + "in .cu, .ptx or .py.");
        name.put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]*\\.(cu|ptx|py)$");
        return p;
    }

    private static ObjectNode schema(ObjectNode properties, boolean kernel) {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        schema.set("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void backend(ObjectNode p, String description, String... values) {
        enumeration(p, "backend", description, values);
    }

    private static void compileTimeout(ObjectNode p) {
        number(p, "compile-timeout", "Limit for compiling the kernel, every step together, in seconds (default: "
                + "180).");
    }

    private static void log(ObjectNode p) {
        string(p, "log", "The score log (default: $WORKBENCH_LOG, else ~/.workbench/scores.jsonl).");
    }

    private static ObjectNode string(ObjectNode p, String name, String description) {
        ObjectNode node = p.putObject(name);
        node.put("type", "string");
        node.put("description", description);
        return node;
    }

    private static void integer(ObjectNode p, String name, String description, Integer minimum) {
        ObjectNode node = p.putObject(name);
        node.put("type", "integer");
        node.put("description", description);
        if (minimum != null) {
            node.put("minimum", minimum);
        }
    }

    private static void number(ObjectNode p, String name, String description) {
        ObjectNode node = p.putObject(name);
        node.put("type", "number");
        node.put("exclusiveMinimum", 0);
        node.put("description", description);
    }

    private static void enumeration(ObjectNode p, String name, String description, String... values) {
        ObjectNode node = p.putObject(name);
        node.put("type", "string");
        node.put("description", description);
        ArrayNode array = node.putArray("enum");
        for (String v : values) {
            array.add(v);
        }
    }
}
