package dev.scanbench.daemon;

import dev.scanbench.harness.cli.WorkbenchExtension;
import java.util.List;

/** Adds {@code daemon} to the {@code workbench} command. */
public final class DaemonExtension implements WorkbenchExtension {
    @Override
    public List<Object> commands() {
        return List.of(new DaemonCommand());
    }
}
