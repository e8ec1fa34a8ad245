package dev.scanbench.harness.backend.emulator;

import dev.scanbench.emulator.PtxModule;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.LoadedModule;

/** A PTX module parsed and decoded by the emulator. Nothing to release: it lives on the Java heap. */
final class EmulatorModule implements LoadedModule {
    private final PtxModule module;

    EmulatorModule(PtxModule module) {
        this.module = module;
    }

    static EmulatorModule of(LoadedModule m) throws BackendException {
        if (!(m instanceof EmulatorModule e)) {
            throw new BackendException("module was not loaded by the emulator backend");
        }
        return e;
    }

    PtxModule module() {
        return module;
    }

    @Override
    public boolean hasEntry(String entry) {
        return module.entryNames().contains(entry);
    }

    @Override
    public void close() {
        // The decoded program is garbage collected with this object.
    }
}
