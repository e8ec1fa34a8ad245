package dev.scanbench.emulator;

import dev.scanbench.emulator.decode.Program;
import dev.scanbench.emulator.parse.Declarations.VarDecl;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded PTX module: every entry decoded (so anything unsupported was already rejected), plus the module
 * variables a device allocates when the module is first launched on it. Immutable and device-independent.
 */
public final class PtxModule {
    private final Map<String, Program> entries;
    private final List<VarDecl> variables;
    private final String version;
    private final String target;

    PtxModule(Map<String, Program> entries, List<VarDecl> variables, String version, String target) {
        this.entries = Map.copyOf(entries);
        this.variables = List.copyOf(variables);
        this.version = version;
        this.target = target;
    }

    /** Names of the kernel entry points. */
    public Set<String> entryNames() {
        return entries.keySet();
    }

    /** The decoded entry, or null. */
    Program entry(String name) {
        return entries.get(name);
    }

    List<VarDecl> variables() {
        return variables;
    }

    /** Declared parameter sizes in bytes, in order (for launchers that marshal arguments themselves). */
    public List<Integer> parameterSizes(String entry) throws LaunchException {
        Program p = entries.get(entry);
        if (p == null) {
            throw new LaunchException("no entry '" + entry + "' in module (entries: " + entries.keySet() + ")");
        }
        return p.params().stream().map(Program.Param::size).toList();
    }

    /** Bytes of {@code .shared} memory an entry declares statically (its dynamic shared memory comes at launch). */
    public int staticSharedBytes(String entry) throws LaunchException {
        Program p = entries.get(entry);
        if (p == null) {
            throw new LaunchException("no entry '" + entry + "'");
        }
        return p.staticShared();
    }

    /**
     * Value-register slots per thread of an entry: one per virtual register ({@code packed} false) or after
     * packing by liveness (what every run uses).
     */
    public int registerSlots(String entry, boolean packed) throws LaunchException {
        Program p = entries.get(entry);
        if (p == null) {
            throw new LaunchException("no entry '" + entry + "'");
        }
        return packed && p.packed() != null ? p.packed().valueRegs() : p.valueRegs();
    }

    /** The {@code .version} of the PTX, e.g. "9.0". */
    public String version() {
        return version;
    }

    /** The {@code .target}, e.g. "sm_90a". */
    public String target() {
        return target;
    }
}
