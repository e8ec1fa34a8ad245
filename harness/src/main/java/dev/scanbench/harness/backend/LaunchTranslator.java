package dev.scanbench.harness.backend;

import dev.scanbench.harness.plan.ResolvedPlan;
import dev.scanbench.harness.ptx.PtxEntry;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a validated plan into backend launches, given where x, y and the scratch buffers live. */
public final class LaunchTranslator {
    private LaunchTranslator() {
    }

    /**
     * @param plan      a plan resolved against {@code signature} (so every entry exists and every argument fits)
     * @param signature the module's entries
     * @param pointers  device addresses by argument name: {@code x}, {@code y} and every scratch buffer
     * @return the launches in plan order
     * @throws IllegalArgumentException when the plan was not resolved against this signature
     */
    public static List<LaunchCommand> translate(ResolvedPlan plan, PtxSignature signature, Map<String, Long> pointers) {
        List<LaunchCommand> out = new ArrayList<>();
        for (ResolvedPlan.ResolvedLaunch l : plan.launches()) {
            PtxEntry entry = signature.entries().stream().filter(e -> e.name().equals(l.entry())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("entry " + l.entry() + " is not in the module"));
            out.add(new LaunchCommand(entry.name(), l.grid(), l.block(), l.sharedBytes(),
                    ParamPacker.pack(entry, l.decl().args(), plan.n(), pointers), l.decl().pos(), l.decl().cooperative()));
        }
        return out;
    }
}
