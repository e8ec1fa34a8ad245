package dev.scanbench.harness.plan;

import dev.scanbench.harness.ptx.PtxEntry;
import dev.scanbench.harness.ptx.PtxParam;
import dev.scanbench.harness.ptx.PtxSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a plan for a problem size and checks it before anything runs: sm_90 grid, block and
 * shared-memory limits, the scratch allowance, and (given the module's PTX signature) entry names,
 * arity and argument types. Every error names the plan line of the offending directive or argument.
 */
public final class PlanValidator {
    private static final String[] AXES = {"x", "y", "z"};

    private PlanValidator() {
    }

    /**
     * Evaluates and checks a plan against the device limits only.
     *
     * @param n the problem size, at least 1
     * @throws PlanException when an expression fails or a limit is exceeded
     */
    public static ResolvedPlan resolve(LaunchPlan plan, long n) throws PlanException {
        List<ResolvedPlan.Scratch> scratch = resolveScratch(plan, n);
        List<ResolvedPlan.ResolvedLaunch> launches = new ArrayList<>();
        for (Launch launch : plan.launches()) {
            launches.add(resolveLaunch(launch, launch.entry(), n, 0));
        }
        return new ResolvedPlan(plan, n, scratch, launches);
    }

    /**
     * Evaluates and checks a plan against the device limits and the module it launches.
     *
     * @param signature    the entries of the compiled module
     * @param staticShared static shared memory per PTX entry name in bytes (from ptxas); entries absent count 0
     * @throws PlanException when an expression fails, a limit is exceeded, or a launch does not match its entry
     */
    public static ResolvedPlan resolve(LaunchPlan plan, long n, PtxSignature signature, Map<String, Long> staticShared)
            throws PlanException {
        List<ResolvedPlan.Scratch> scratch = resolveScratch(plan, n);
        List<ResolvedPlan.ResolvedLaunch> launches = new ArrayList<>();
        for (Launch launch : plan.launches()) {
            PtxEntry entry = entry(launch, signature);
            ResolvedPlan.ResolvedLaunch resolved =
                    resolveLaunch(launch, entry.name(), n, staticShared.getOrDefault(entry.name(), 0L));
            checkBlockDirectives(launch, entry, resolved.block());
            ArgumentCheck.check(launch, entry, n);
            launches.add(resolved);
        }
        return new ResolvedPlan(plan, n, scratch, launches);
    }

    /**
     * The entry a launch names: its exact PTX name; else the one entry of that simple name; else the entries whose
     * demangled name it matches (exactly, else as a prefix), which must be one.
     */
    private static PtxEntry entry(Launch launch, PtxSignature signature) throws PlanException {
        java.util.Optional<PtxEntry> direct = signature.resolve(launch.entry());
        if (direct.isPresent()) {
            return direct.get();
        }
        List<PtxEntry> matches = signature.matchDemangled(launch.entry());
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new PlanException(launch.pos(), "unknown entry '" + launch.entry() + "'; the module defines: "
                    + signature.describeEntries());
        }
        StringBuilder sb = new StringBuilder("entry '").append(launch.entry()).append("' is ambiguous: it matches ")
                .append(matches.size()).append(" entries; write more of the name, or the PTX name:");
        for (PtxEntry e : matches) {
            sb.append("\n    ").append(signature.describe(e));
        }
        return throwAt(launch.pos(), sb.toString());
    }

    private static PtxEntry throwAt(SourcePos pos, String message) throws PlanException {
        throw new PlanException(pos, message);
    }

    private static List<ResolvedPlan.Scratch> resolveScratch(LaunchPlan plan, long n) throws PlanException {
        if (n < 1) {
            throw new PlanException(SourcePos.ofFile(plan.file()), "problem size n = " + n + " must be at least 1");
        }
        List<ResolvedPlan.Scratch> out = new ArrayList<>();
        long total = 0;
        long allowed = Sm90Limits.maxScratchBytes(n);
        for (ScratchBuffer s : plan.scratch()) {
            long bytes = s.bytes().evaluate(n);
            if (bytes < 0) {
                throw new PlanException(s.pos(), "scratch '" + s.name() + "' has negative size " + bytes + " for n = " + n);
            }
            // Compared before adding, so that huge sizes cannot overflow the running total.
            if (bytes > allowed - total) {
                throw new PlanException(s.pos(), "scratch '" + s.name() + "' (" + bytes + " bytes) brings the total"
                        + " scratch over the allowance 4*n + 64 MiB = " + allowed + " bytes for n = " + n);
            }
            total += bytes;
            out.add(new ResolvedPlan.Scratch(s, bytes));
        }
        return out;
    }

    private static ResolvedPlan.ResolvedLaunch resolveLaunch(Launch launch, String entry, long n, long staticShared)
            throws PlanException {
        Dim3 grid = shape(launch.grid(), "grid", Sm90Limits.MAX_GRID_DIM, n);
        Dim3 block = shape(launch.block(), "block", Sm90Limits.MAX_BLOCK_DIM, n);
        if (block.count() > Sm90Limits.MAX_THREADS_PER_BLOCK) {
            throw new PlanException(launch.block().get(0).start(), "block " + block + " has " + block.count()
                    + " threads for n = " + n + ", over the sm_90 limit of " + Sm90Limits.MAX_THREADS_PER_BLOCK);
        }
        long smem = launch.sharedBytes().evaluate(n);
        if (smem < 0) {
            throw new PlanException(launch.sharedBytes().start(), "smem evaluates to " + smem + " for n = " + n);
        }
        if (smem + staticShared > Sm90Limits.MAX_SHARED_BYTES_PER_BLOCK) {
            throw new PlanException(launch.sharedBytes().start(), "shared memory per block " + smem + " dynamic + "
                    + staticShared + " static = " + (smem + staticShared) + " bytes for n = " + n
                    + ", over the sm_90 limit of " + Sm90Limits.MAX_SHARED_BYTES_PER_BLOCK + " bytes (227 KiB)");
        }
        return new ResolvedPlan.ResolvedLaunch(launch, entry, grid, block, smem);
    }

    private static Dim3 shape(List<Expr> dims, String what, long[] max, long n) throws PlanException {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Expr e = dims.get(i);
            long v = e.evaluate(n);
            if (v < 1 || v > max[i]) {
                throw new PlanException(e.start(), what + " dimension " + AXES[i] + " = '" + e.render() + "' evaluates to "
                        + v + " for n = " + n + "; sm_90 allows 1 to " + max[i]);
            }
            values.add(v);
        }
        return Dim3.of(values);
    }

    private static void checkBlockDirectives(Launch launch, PtxEntry entry, Dim3 block) throws PlanException {
        if (!entry.reqntid().isEmpty()) {
            Dim3 required = Dim3.of(entry.reqntid());
            if (!required.equals(block)) {
                throw new PlanException(launch.block().get(0).start(), "entry '" + entry.name() + "' requires block "
                        + required + " (.reqntid), the plan gives " + block);
            }
        }
        if (!entry.maxntid().isEmpty() && block.count() > Dim3.of(entry.maxntid()).count()) {
            throw new PlanException(launch.block().get(0).start(), "entry '" + entry.name() + "' allows at most "
                    + Dim3.of(entry.maxntid()).count() + " threads per block (.maxntid), the plan gives " + block.count());
        }
    }

    /** Matches a launch's arguments to the entry's parameters: count, pointer width, integer range. */
    private static final class ArgumentCheck {
        static void check(Launch launch, PtxEntry entry, long n) throws PlanException {
            List<PtxParam> params = entry.params();
            List<LaunchArg> args = launch.args();
            if (params.size() != args.size()) {
                throw new PlanException(launch.pos(), "entry '" + entry.name() + "' takes " + params.size()
                        + " parameter(s) but the plan passes " + args.size() + describe(params));
            }
            for (int i = 0; i < args.size(); i++) {
                LaunchArg arg = args.get(i);
                PtxParam p = params.get(i);
                String target = "parameter " + (i + 1) + " '" + p.render() + "' of '" + entry.name() + "'";
                if (arg.isStruct()) {
                    checkStruct(arg, p, target, n);
                    continue;
                }
                if (!p.isScalar() && p.type().size() == 1) {
                    throw new PlanException(arg.pos(), "'" + arg.render() + "' cannot be passed to " + target
                            + ": a by-value struct of " + p.sizeBytes() + " bytes, align " + p.alignment()
                            + "; write its fields as a brace list, e.g. {x, n}");
                }
                if (!p.isScalar() || !p.type().isInteger()) {
                    throw new PlanException(arg.pos(), "'" + arg.render() + "' cannot be passed to " + target
                            + ": only integer scalars and by-value structs can be bound from a plan");
                }
                if (arg.isPointer() && p.type().size() != 8) {
                    throw new PlanException(arg.pos(), "'" + arg.render() + "' is a 64-bit device pointer but "
                            + target + " is " + p.type().size() * 8 + "-bit");
                }
                long value = arg.isPointer() ? 0 : arg.kind() == LaunchArg.Kind.EXPR ? arg.expr().evaluate(n)
                        : arg.integerValue(n);
                if (!arg.isPointer() && !p.type().holds(value)) {
                    throw new PlanException(arg.pos(), "'" + arg.render() + "' = " + value
                            + (arg.kind() == LaunchArg.Kind.SIZE ? " (n)" : "") + " does not fit " + target);
                }
            }
        }

        private static void checkStruct(LaunchArg arg, PtxParam p, String target, long n) throws PlanException {
            StructLayout layout = StructLayout.of(arg);
            if (p.isScalar() || p.type().size() != 1) {
                throw new PlanException(arg.pos(), "struct " + arg.render() + " (" + layout.describe()
                        + ") cannot be passed to " + target + ": a scalar; only a .b8 array parameter takes a struct");
            }
            if (layout.size() != p.sizeBytes() || layout.align() != p.alignment()) {
                throw new PlanException(arg.pos(), "struct " + arg.render() + " does not match " + target
                        + ": the entry expects " + p.sizeBytes() + " bytes, align " + p.alignment()
                        + "; the fields lay out as " + layout.describe()
                        + " (pointers 8 bytes, integers 4 unless given :i8 :i16 :i64 :u8 :u16 :u64, {} one byte)");
            }
            for (StructLayout.Leaf leaf : layout.fields()) {
                LaunchArg f = leaf.arg();
                if (f.isPointer()) {
                    continue;
                }
                long v = f.kind() == LaunchArg.Kind.EXPR ? f.expr().evaluate(n) : f.integerValue(n);
                boolean fits = f.width() != null ? f.width().holds(v) : v >= Integer.MIN_VALUE && v <= 0xFFFFFFFFL;
                if (!fits) {
                    throw new PlanException(f.pos(), "field '" + f.render() + "' = " + v + " for n = " + n
                            + " does not fit its " + (f.width() == null ? "32-bit" : f.width().spelling())
                            + " slot in " + target);
                }
            }
        }

        private static String describe(List<PtxParam> params) {
            StringBuilder sb = new StringBuilder(params.isEmpty() ? "" : ":");
            for (PtxParam p : params) {
                sb.append("\n    ").append(p.render());
            }
            return sb.toString();
        }
    }
}
