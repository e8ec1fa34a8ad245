package dev.scanbench.service.cli;

import dev.scanbench.harness.cli.WorkbenchExtension;
import java.util.List;

/** Adds {@code serve} and {@code submit} to the {@code workbench} command. */
public final class ServiceExtension implements WorkbenchExtension {
    @Override
    public List<Object> commands() {
        return List.of(new ServeCommand(), new SubmitCommand());
    }
}
