package dev.scanbench.harness.backend.emulator;

import java.util.Map;
import dev.scanbench.emulator.PtxModule;
import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.LoadedModule;

/** A PTX module parsed and decoded by the emulator. Nothing to release: it lives on the Java heap. */
final class EmulatorModule implements LoadedModule {
    private final PtxModule module;
    private final Map<String, Integer> registers;

    /** @param registers registers per thread by entry, from the cubin (empty when there is none) */
    EmulatorModule(PtxModule module, Map<String, Integer> registers) {
        this.module = module;
        this.registers = Map.copyOf(registers);
    }

    /** Registers per thread ptxas gave the entry; 0 when unknown (no cubin). */
    int registers(String entry) {
        return registers.getOrDefault(entry, 0);
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
