package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.Coord;
import dev.scanbench.emulator.Defaults;
import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.Dim3;
import dev.scanbench.emulator.decode.Insn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the diagnostics of one launch. The same check at the same PTX line is reported once (the first
 * thread that hits it), as sanitizers summarise repeats, so a bug in a loop does not flood the report.
 */
final class Reporter {
    private final String kernel;
    private final Dim3 blockDim;
    private final List<Diagnostic> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int suppressed;

    Reporter(String kernel, Dim3 blockDim) {
        this.kernel = kernel;
        this.blockDim = blockDim;
    }

    /** A finding for one thread, not reported (yet). */
    Diagnostic diagnostic(Check check, boolean error, Warp w, int lane, Insn in, String message) {
        Coord block = w != null ? w.cta.coord : null;
        Coord thread = w != null && lane >= 0 ? threadOf(w.index * 32 + lane) : null;
        return new Diagnostic(check, error, kernel, block, thread, in != null ? in.line : 0,
                in != null ? in.source : null, message + (in != null ? " — `" + in.text + "`" : ""),
                in != null ? in.inlinedAt : null);
    }

    /** Reports a finding for one thread; returns the diagnostic (also when it was a repeat). */
    Diagnostic report(Check check, boolean error, Warp w, int lane, Insn in, String message) {
        Diagnostic d = diagnostic(check, error, w, lane, in, message);
        String key = check + "@" + (in != null ? in.line : -1) + (in == null ? message : "");
        if (!seen.add(key)) {
            return d;
        }
        if (list.size() >= Defaults.MAX_DIAGNOSTICS) {
            suppressed++;
            return d;
        }
        list.add(d);
        return d;
    }

    /** Adds a diagnostic that was built elsewhere (deadlock reports). */
    void add(Diagnostic d) {
        list.add(d);
    }

    Coord threadOf(int linear) {
        int x = linear % blockDim.x();
        int y = (linear / blockDim.x()) % blockDim.y();
        int z = linear / (blockDim.x() * blockDim.y());
        return new Coord(x, y, z);
    }

    List<Diagnostic> diagnostics() {
        List<Diagnostic> out = new ArrayList<>(list);
        if (suppressed > 0) {
            out.add(new Diagnostic(Check.FAULT, false, kernel, null, null, 0, null,
                    suppressed + " further diagnostics suppressed (limit " + Defaults.MAX_DIAGNOSTICS + ")"));
        }
        return out;
    }
}
