package dev.scanbench.harness.plan;

import java.util.List;
import java.util.Optional;

/**
 * A candidate's declared launch plan: scratch buffers and an ordered list of launches on one stream.
 * Parsed by {@link PlanParser}; checked against the device and the PTX by {@link PlanValidator}.
 *
 * @param file     the kernel file it was read from
 * @param scratch  the scratch buffers, in declaration order, names unique
 * @param launches the launches, in the order they run (at least one)
 */
public record LaunchPlan(String file, List<ScratchBuffer> scratch, List<Launch> launches) {

    public LaunchPlan {
        scratch = List.copyOf(scratch);
        launches = List.copyOf(launches);
    }

    /** The scratch buffer of that name, if declared. */
    public Optional<ScratchBuffer> scratch(String name) {
        return scratch.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The plan as directive lines in canonical form, one per line (what the score log records). */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (ScratchBuffer s : scratch) {
            sb.append("@plan scratch ").append(s.name()).append(" = ").append(s.bytes().render())
                    .append(" bytes").append(s.zero() ? " zero" : "").append('\n');
        }
        for (Launch l : launches) {
            sb.append("@plan ").append(l.render()).append('\n');
        }
        return sb.toString();
    }
}
