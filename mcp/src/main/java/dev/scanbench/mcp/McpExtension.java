package dev.scanbench.mcp;

import dev.scanbench.harness.cli.WorkbenchExtension;
import java.util.List;

/** Adds {@code mcp} to the {@code workbench} command. */
public final class McpExtension implements WorkbenchExtension {
    @Override
    public List<Object> commands() {
        return List.of(new McpCommand());
    }
}
