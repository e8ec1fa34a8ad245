package dev.scanbench.harness.ptx;

import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.Emulator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks on a candidate's PTX that need no execution.
 * <ul>
 *   <li>Device-side launches are rejected: a child grid runs outside the plan the harness times and
 *       checks, and may still be running when the timer stops. nvcc lowers {@code kernel<<<...>>>} in
 *       device code to calls of {@code cudaGetParameterBuffer}/{@code cudaLaunchDevice} (CUDA 12+:
 *       {@code __cudaCDP2GetParameterBufferV2}/{@code __cudaCDP2LaunchDeviceV2}); device graph launches
 *       go through {@code cudaGraphLaunch}.</li>
 *   <li>Reads of {@code %globaltimer*} and {@code %clock*} are flagged: harmless in a back-off loop, but
 *       a kernel that behaves differently by time deserves a note in its result.</li>
 *   <li>Loops that can never end once entered are rejected: every way out tests a value no instruction in the
 *       loop changes, or there is none ({@code $L: bra.uni $L}), which is what nvcc makes of a flag polled with
 *       a plain load. Found by the emulator's control-flow analysis ({@link Emulator#endlessLoops}), named by
 *       their {@code .cu} line.</li>
 *   <li>Flags polled with a weak load are rejected: a loop that can only end when a value read with a plain load,
 *       from an address the loop does not change, becomes different waits for another thread's write that a weak
 *       load need never see ({@link Emulator#weakPolls}). The run-time spin lint sees such a poll only when the
 *       schedule makes it wait long; this sees it on every schedule, before anything runs.</li>
 * </ul>
 * Comments are ignored: nvcc brackets inline assembly with comments, and text there is not code.
 */
public final class StaticChecks {
    private static final Pattern DEVICE_LAUNCH = Pattern.compile(
            "(?:__)?cuda(?:CDP\\d*)?(?:LaunchDevice|GetParameterBuffer|GraphLaunch)\\w*");
    private static final Set<String> TIMERS = Set.of(
            "%globaltimer", "%globaltimer_lo", "%globaltimer_hi", "%clock", "%clock64", "%clock_hi");

    private StaticChecks() {
    }

    /** Runs every check on a PTX module. */
    public static StaticReport check(String ptx) {
        // One finding per kind, line and symbol: a declaration and a call on different lines both show.
        Set<StaticFinding> findings = new LinkedHashSet<>();
        for (PtxToken t : PtxLexer.tokens(ptx)) {
            if (TIMERS.contains(t.text())) {
                findings.add(new StaticFinding(StaticFinding.Kind.TIMER_READ, t.line(), t.text()));
            } else if (t.isName() && DEVICE_LAUNCH.matcher(t.text()).matches()) {
                findings.add(new StaticFinding(StaticFinding.Kind.DEVICE_LAUNCH, t.line(), t.text()));
            }
        }
        for (Diagnostic loop : Emulator.endlessLoops(ptx)) {
            findings.add(located(StaticFinding.Kind.ENDLESS_LOOP, loop));
        }
        for (Diagnostic poll : Emulator.weakPolls(ptx)) {
            findings.add(located(StaticFinding.Kind.WEAK_POLL, poll));
        }
        List<StaticFinding> ordered = new ArrayList<>(findings);
        ordered.sort(java.util.Comparator.comparingInt(StaticFinding::line));
        return new StaticReport(ordered);
    }

    private static StaticFinding located(StaticFinding.Kind kind, Diagnostic d) {
        String inlined = d.inlinedAt() != null ? "in a function inlined at " + d.inlinedAt() + ": " : "";
        return new StaticFinding(kind, d.ptxLine(), d.kernel(), d.source(), inlined + d.message());
    }

    /** The rejecting findings as one message, or an empty string when there are none. */
    public static String rejectionMessage(String file, StaticReport report) {
        List<StaticFinding> rejections = report.rejections();
        if (rejections.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(file).append(": rejected by static checks:");
        for (StaticFinding f : rejections) {
            sb.append("\n  ").append(f.describe());
        }
        return sb.toString();
    }
}
