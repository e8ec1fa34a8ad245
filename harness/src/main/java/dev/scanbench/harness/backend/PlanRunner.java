package dev.scanbench.harness.backend;

import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one candidate's plan on a backend: owns the loaded module and the scratch buffers, and enqueues the
 * plan's launches in order. The zero fills of {@code zero} scratch are part of every run, and so of its
 * measured time: a free memset of up to 4n bytes would be an advantage a real implementation does not have.
 */
public final class PlanRunner implements AutoCloseable {
    /** The byte non-zero scratch is filled with between runs, so that no run can rely on what an earlier one left. */
    public static final byte POISON = (byte) 0xA5;

    private final Backend backend;
    private final PtxSignature signature;
    private final ResolvedPlan plan;
    private final LoadedModule module;
    private final Map<String, DeviceBuffer> scratch;
    private List<LaunchCommand> commands;
    private long commandsX;
    private long commandsY;

    private PlanRunner(Backend backend, PtxSignature signature, ResolvedPlan plan, LoadedModule module,
                       Map<String, DeviceBuffer> scratch) {
        this.backend = backend;
        this.signature = signature;
        this.plan = plan;
        this.module = module;
        this.scratch = scratch;
    }

    /**
     * Loads the module and allocates the scratch buffers; on any failure releases what was acquired.
     *
     * @param plan a plan resolved against {@code signature}
     * @throws BackendException when loading or allocating fails, or the loaded module lacks a planned entry
     */
    public static PlanRunner open(Backend backend, ModuleImage image, PtxSignature signature, ResolvedPlan plan)
            throws BackendException {
        LoadedModule module = backend.load(image);
        Map<String, DeviceBuffer> scratch = new LinkedHashMap<>();
        try {
            for (ResolvedPlan.ResolvedLaunch l : plan.launches()) {
                if (!module.hasEntry(l.entry())) {
                    throw new BackendException(l.decl().pos() + ": the loaded module has no entry '" + l.entry() + "'");
                }
            }
            for (ResolvedPlan.Scratch s : plan.scratch()) {
                // Drivers refuse empty allocations; a zero-size buffer still needs a distinct address.
                scratch.put(s.decl().name(), backend.allocate(Math.max(1, s.bytes()), "scratch '" + s.decl().name()
                        + "'"));
            }
            return new PlanRunner(backend, signature, plan, module, scratch);
        } catch (BackendException | RuntimeException e) {
            closeAll(module, scratch.values(), e);
            throw e;
        }
    }

    /** The plan this runner runs. */
    public ResolvedPlan plan() {
        return plan;
    }

    /**
     * Fills every non-zero scratch buffer with {@link #POISON}; call between runs, outside the timed region. On
     * the emulator with initcheck the poisoned bytes are undefined until a kernel writes them.
     */
    public void poisonScratch() throws BackendException {
        for (ResolvedPlan.Scratch s : plan.scratch()) {
            if (!s.decl().zero()) {
                backend.poison(scratch.get(s.decl().name()), POISON);
            }
        }
    }

    /**
     * The launches this runner enqueues for these input and output buffers: built (parameters packed) on the first
     * call for a pair of buffers and kept, so that a timed run only enqueues. A fixture calls it once when it opens.
     */
    public List<LaunchCommand> commands(DeviceBuffer x, DeviceBuffer y) {
        if (commands == null || commandsX != x.address() || commandsY != y.address()) {
            commands = List.copyOf(translate(x, y));
            commandsX = x.address();
            commandsY = y.address();
        }
        return commands;
    }

    private List<LaunchCommand> translate(DeviceBuffer x, DeviceBuffer y) {
        Map<String, Long> pointers = new HashMap<>();
        pointers.put("x", x.address());
        pointers.put("y", y.address());
        scratch.forEach((name, buffer) -> pointers.put(name, buffer.address()));
        return LaunchTranslator.translate(plan, signature, pointers);
    }

    /**
     * Enqueues one run of the plan: zero fills, then every launch in order. Does not synchronise.
     *
     * @throws DeviceFaultException when a kernel faults and the backend reports it at launch
     */
    public void run(DeviceBuffer x, DeviceBuffer y) throws BackendException {
        List<LaunchCommand> launches = commands(x, y);
        for (ResolvedPlan.Scratch s : plan.scratch()) {
            if (s.decl().zero()) {
                backend.fill8(scratch.get(s.decl().name()), (byte) 0);
            }
        }
        for (LaunchCommand c : launches) {
            backend.launch(module, c.entry(), c.grid(), c.block(), c.sharedBytes(), c.params(), c.cooperative());
        }
    }

    /** Frees the scratch buffers and unloads the module, attempting every release even if one fails. */
    @Override
    public void close() throws BackendException {
        closeAll(module, scratch.values(), null);
    }

    private static <E extends Exception> void closeAll(LoadedModule module, Iterable<DeviceBuffer> buffers, E pending)
            throws BackendException {
        List<Exception> failures = new ArrayList<>();
        for (DeviceBuffer b : buffers) {
            try {
                b.close();
            } catch (BackendException e) {
                failures.add(e);
            }
        }
        try {
            module.close();
        } catch (BackendException e) {
            failures.add(e);
        }
        if (pending != null) {
            failures.forEach(pending::addSuppressed);
        } else if (!failures.isEmpty()) {
            BackendException first = (BackendException) failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
