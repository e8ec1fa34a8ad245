package dev.scanbench.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One tool: its name, the command it runs (the words after {@code workbench}), what a model reads about it, its
 * input schema, and which of its arguments are the command's positional parameters rather than options.
 *
 * @param takesKernel the tool needs a kernel, given as {@code kernel} (a path) or {@code source} plus
 *                    {@code file_name}
 * @param positional  arguments passed as positional parameters, in this order
 */
record ToolDef(String name, List<String> command, String description, ObjectNode schema, boolean takesKernel,
        List<String> positional) {
}
