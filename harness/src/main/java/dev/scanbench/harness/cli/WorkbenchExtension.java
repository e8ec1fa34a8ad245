package dev.scanbench.harness.cli;

import java.util.List;

/**
 * Subcommands that modules built on the harness add to {@code workbench} (the report's leaderboard, compare and
 * report; later the service and the MCP server). The harness cannot depend on them, so {@link Main} finds them with
 * {@link java.util.ServiceLoader}: a module lists its implementation in
 * {@code META-INF/services/dev.scanbench.harness.cli.WorkbenchExtension}, and the shaded jar merges those lists.
 */
public interface WorkbenchExtension {

    /**
     * @return fresh picocli command objects (annotated with {@code @Command}), one per subcommand; their failures
     *         should be {@link CliFailure}s
     */
    List<Object> commands();
}
