package dev.scanbench.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scanbench.harness.cli.ErrorDocument;
import dev.scanbench.harness.cli.ExitCode;
import dev.scanbench.harness.cli.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns one tool call's arguments into the command lines it runs, runs them ({@link CliCall}) and hands back what
 * the last one printed. Arguments are the command's options by their CLI names ({@code compile_timeout} is read as
 * {@code compile-timeout}); an argument the tool's schema does not name, a kernel given twice or not at all, or a
 * bad file name is a usage error in the commands' own error document.
 */
final class ToolCall {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.(cu|ptx|py)");
    /** The size {@code run} generates when no n is given: several tiles and a partial last one, quick anywhere. */
    static final int RUN_DEFAULT_N = 4097;

    private final Path workspaces;
    private final AtomicLong calls = new AtomicLong();

    /** What a call printed last: the document, and its exit code. */
    record Outcome(int exitCode, String json, String stderr) {
    }

    ToolCall(Path workspaces) {
        this.workspaces = workspaces;
    }

    Outcome call(ToolDef tool, Map<String, Object> rawArguments, Consumer<String> progress) {
        String command = String.join(" ", tool.command());
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (rawArguments != null) {
            rawArguments.forEach((k, v) -> arguments.put(k.replace('_', '-').equals("file-name") ? "file_name"
                    : k.replace('_', '-'), v));
        }
        try {
            JsonNode properties = tool.schema().get("properties");
            for (String name : arguments.keySet()) {
                if (!properties.has(name)) {
                    throw new Usage("unknown argument '" + name + "' for tool " + tool.name() + "; it takes: "
                            + String.join(", ", fieldNames(properties)));
                }
            }
            for (String name : tool.positional()) {
                if (arguments.get(name) == null) {
                    throw new Usage("tool " + tool.name() + " needs '" + name + "'");
                }
            }
            Path workspace = null;
            String kernel = null;
            if (tool.takesKernel()) {
                Object path = arguments.remove("kernel");
                Object source = arguments.remove("source");
                Object fileName = arguments.remove("file_name");
                if (path != null && source != null) {
                    throw new Usage("give the kernel as 'kernel' (a path) or as 'source' plus 'file_name', not both");
                }
                if (path == null && source == null) {
                    throw new Usage("tool " + tool.name() + " needs a kernel: 'kernel' (a path) or 'source' plus "
                            + "'file_name'");
                }
                if (path != null) {
                    kernel = text(path, "kernel");
                } else {
                    if (fileName == null) {
                        throw new Usage("'source' needs 'file_name' (e.g. my_scan.cu)");
                    }
                    String name = text(fileName, "file_name");
                    if (!FILE_NAME.matcher(name).matches()) {
                        throw new Usage("file_name '" + name + "' must be a bare file name ending in .cu, .ptx or "
                                + ".py");
                    }
                    workspace = newWorkspace();
                    Path file = workspace.resolve(name);
                    Files.writeString(file, text(source, "source"), StandardCharsets.UTF_8);
                    kernel = file.toString();
                }
            }
            if (tool.name().equals("run")) {
                return run(kernel, arguments, workspace, progress);
            }
            List<String> args = new ArrayList<>(tool.command());
            if (kernel != null) {
                args.add(kernel);
            }
            for (String name : tool.positional()) {
                args.add(text(arguments.remove(name), name));
            }
            options(arguments, args);
            return finish(CliCall.run(args, progress));
        } catch (Usage e) {
            return new Outcome(ExitCode.USAGE, error(command, ExitCode.USAGE, "usage", e.getMessage()), "");
        } catch (IOException e) {
            return new Outcome(ExitCode.IO, error(command, ExitCode.IO, "io",
                    "cannot write the kernel into the call's workspace: " + e.getMessage()), "");
        }
    }

    /** {@code run} on a generated input: generate into the call's workspace, then run there. */
    private Outcome run(String kernel, Map<String, Object> arguments, Path workspace, Consumer<String> progress)
            throws IOException, Usage {
        Path dir = workspace != null ? workspace : newWorkspace();
        List<String> generate = new ArrayList<>(List.of("generate", "--json", "-o", dir.resolve("x.npy").toString()));
        Object n = arguments.remove("n");
        generate.add("--n=" + (n == null ? RUN_DEFAULT_N : value(n, "n")));
        for (String name : List.of("seed", "pattern")) {
            Object v = arguments.remove(name);
            if (v != null) {
                generate.add("--" + name + "=" + value(v, name));
            }
        }
        CliCall.Result generated = CliCall.run(generate, progress);
        if (generated.exitCode() != ExitCode.OK) {
            return finish(generated);
        }
        List<String> args = new ArrayList<>(List.of("run", kernel, "-i", dir.resolve("x.npy").toString(), "-o",
                dir.resolve("y.npy").toString()));
        options(arguments, args);
        return finish(CliCall.run(args, progress));
    }

    private static Outcome finish(CliCall.Result result) {
        return new Outcome(result.exitCode(), result.out().strip(), result.err());
    }

    /** The remaining arguments as {@code --name=value} (so no value can be read as an option), then --json. */
    private static void options(Map<String, Object> arguments, List<String> args) throws Usage {
        for (Map.Entry<String, Object> e : arguments.entrySet()) {
            Object v = e.getValue();
            if (v == null || Boolean.FALSE.equals(v)) {
                continue;
            }
            args.add(Boolean.TRUE.equals(v) ? "--" + e.getKey() : "--" + e.getKey() + "=" + value(v, e.getKey()));
        }
        args.add("--json");
    }

    private static String value(Object v, String name) throws Usage {
        if (v instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                parts.add(value(item, name));
            }
            return String.join(",", parts);
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(v.toString());
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        if (v instanceof Number || v instanceof String) {
            return v.toString();
        }
        throw new Usage("argument '" + name + "' must be a string, a number or a list of them, not " + v);
    }

    private static String text(Object v, String name) throws Usage {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number) {
            return v.toString();
        }
        throw new Usage("argument '" + name + "' must be a string");
    }

    private Path newWorkspace() throws IOException {
        Files.createDirectories(workspaces);
        return Files.createDirectories(workspaces.resolve("call-" + calls.incrementAndGet()));
    }

    private static List<String> fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String error(String command, int code, String kind, String message) {
        java.io.StringWriter out = new java.io.StringWriter();
        Json.print(new java.io.PrintWriter(out), ErrorDocument.of(command, code, kind, message, null));
        return out.toString().strip();
    }

    /** A malformed call. */
    private static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }
}
