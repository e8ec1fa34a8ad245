package dev.scanbench.emulator.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.scanbench.emulator.decode.Family;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.IntegerCompare;
import dev.scanbench.emulator.decode.Op;
import dev.scanbench.emulator.decode.Space;
import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates a straight run of integer instructions into one JVM method, as a dynamic binary translator does: the
 * interpreter's dispatch, operand-kind tests and per-instruction loop over the lanes become one loop over the 32
 * lanes whose body is the block, each value kept in a JVM local from the instruction that computes it to the ones
 * that read it, and written to the register file once per lane. The values are those of the interpreter's
 * executors (IntegerUnit, FullWarp) bit for bit: the same formulas on the same stored (width-masked) values, which
 * {@code TranslationTest} checks against the interpreter over the kernel corpus.
 *
 * <p>Only what runs the same way in every lane is translated, for the active lanes of a warp's path (inactive ones
 * are skipped): {@code mov}, {@code add},
 * {@code sub}, {@code mul.lo}, {@code mad.lo}, {@code mul.wide}, {@code mad.wide}, {@code and}, {@code or},
 * {@code xor}, shifts by an immediate, {@code setp} of integers, {@code selp}, {@code cvt} between integer types and
 * {@code cvta}, then optionally the branch that
 * follows; all but setp may be guarded (an inactive lane keeps its register), as long as nothing later in the block
 * rewrites the guard. Nothing in those can fault, touch memory or another lane, so lane order inside a run is
 * unobservable.
 *
 * <p>A trace strings such runs together with the loads, stores and shuffles between them and the branches that
 * guard them, for launches without initcheck or the adversarial policy: each access or shuffle is one call into the
 * interpreter's own unit for the whole warp ({@link BlockContext}), in program order, so what memory, the other
 * warps and the diagnostics see is what the interpreter would do; only the dispatch between the instructions is gone.
 */
public final class BlockCompiler {
    /** Blocks shorter than this are left to the interpreter: a call and a loop would cost more than they save. */
    static final int MIN_ALU = 2;
    /** A block ends here even in a longer run, so that one stays within a scheduling quantum (64). */
    static final int MAX_ALU = 48;

    private static final long[] WIDTH = {0, 0xFFL, 0xFFFFL, 0, 0xFFFFFFFFL, 0, 0, 0, -1L};
    private static final String NAME = "dev/scanbench/emulator/translate/TranslatedBlock";
    private static final String CODE = "dev/scanbench/emulator/translate/BlockCode";

    private BlockCompiler() {
    }

    /**
     * The block starting at {@code pc}, or null when too little there translates.
     *
     * <p>A plain block ({@code memory} false) is a run of at least {@link #MIN_ALU} integer instructions and the
     * branch that may follow it. It ends before a branch target ({@code targets}): lanes that diverged meet again
     * there, and a block that ran past the meeting point could not run until they had. Plain blocks are what runs
     * with initcheck on, which follows them by their registers in and out.
     *
     * <p>A trace ({@code memory} true, for launches without initcheck or the adversary) also takes the loads and
     * stores the memory unit's fast paths serve ({@link BlockContext#memory}), shuffles and branches, and runs past
     * branch targets: while the warp's path agrees (no other split waits inside, which the interpreter checks), a
     * target is only a label, a branch every lane takes or none takes is a jump or nothing, and only one whose lanes
     * diverge, or an access the fast paths cannot serve, stops the trace there for the interpreter. nvcc's guarded
     * loads and stores ({@code @p bra L; ld; L:}) then run without a dispatch each.
     */
    public static Block compile(Insn[] code, boolean[] targets, int pc, boolean memory) {
        int end = memory ? traceEnd(code, pc) : plainEnd(code, targets, pc);
        if (end < 0) {
            return null;
        }
        Generator g = new Generator(code, pc, end);
        byte[] bytes = g.generate();
        try {
            BlockCode bc = (BlockCode) constructor(bytes).invoke(new int[] {g.base0},
                    ints(g.predOrder.keySet()), g.constOrder.keySet().stream().mapToLong(Long::longValue).toArray());
            return new Block(pc, end - pc, bc, ints(g.registersIn), ints(g.predicatesIn), ints(g.registersOut),
                    ints(g.predicatesOut));
        } catch (Throwable e) {
            throw new IllegalStateException("translating the block at pc " + pc + ": " + e, e);
        }
    }

    /** Where a plain block from {@code pc} ends (exclusive, its branch included), or -1 if it would be too short. */
    private static int plainEnd(Insn[] code, boolean[] targets, int pc) {
        int end = pc;
        java.util.Set<Integer> guards = new java.util.HashSet<>();
        while (end < code.length && end - pc < MAX_ALU && translatable(code[end]) && (end == pc || !targets[end])) {
            Insn in = code[end];
            // a guarded instruction's lanes are counted from the guard's final value, so nothing after it rewrites it
            if (rewritesGuard(in, guards)) {
                break;
            }
            if (in.guard >= 0) {
                guards.add(in.guard);
            }
            end++;
        }
        if (end - pc < MIN_ALU) {
            return -1;
        }
        return end < code.length && end - pc < MAX_ALU && isBranch(code[end]) && !targets[end] ? end + 1 : end;
    }

    /** Where a trace from {@code pc} ends (exclusive), or -1 if fewer than two instructions there translate. */
    private static int traceEnd(Insn[] code, int pc) {
        int end = pc;
        while (end < code.length && end - pc < MAX_ALU
                && (translatable(code[end]) || accessible(code[end]) || isBranch(code[end])
                || code[end].op == Op.SHFL)) {
            end++;
        }
        return end - pc >= 2 ? end : -1;
    }

    /** True if the setp writes a predicate that guards an instruction before it ({@code guards}). */
    private static boolean rewritesGuard(Insn in, java.util.Set<Integer> guards) {
        return in.op == Op.SETP && (guards.contains(in.d) || in.d2 >= 0 && guards.contains(in.d2));
    }

    /**
     * A load or store a trace may hand to {@link BlockContext#memory}: one the memory unit's diagnostics-off fast
     * path can serve (global, generic, shared, and parameter loads); local and const accesses always need the
     * general path, so a trace stops before them.
     */
    public static boolean accessible(Insn in) {
        if (in.op != Op.LD && in.op != Op.ST) {
            return false;
        }
        return in.space == Space.GLOBAL || in.space == Space.GENERIC || in.space == Space.SHARED
                || in.space == Space.PARAM && in.op == Op.LD;
    }

    /**
     * The constructor of the class with this bytecode, defined on first use. A block's registers, predicates,
     * immediates and pcs are its instance's fields, not constants in its code, so blocks of one shape (nvcc unrolls
     * loops into many) share one class: the JIT compiles it once, and a shape a spare worker's warm-up ran is
     * compiled already when a candidate's block of that shape comes.
     */
    private static java.lang.invoke.MethodHandle constructor(byte[] bytes) {
        Shape key = new Shape(bytes);
        java.lang.invoke.MethodHandle ctor = SHAPES.get(key);
        if (ctor != null) {
            return ctor;
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
            ctor = hidden.findConstructor(hidden.lookupClass(), java.lang.invoke.MethodType.methodType(void.class,
                    int[].class, int[].class, long[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("defining a translated block: " + e, e);
        }
        if (SHAPES.size() < MAX_SHAPES) {
            java.lang.invoke.MethodHandle first = SHAPES.putIfAbsent(key, ctor);
            return first != null ? first : ctor;
        }
        return ctor;
    }

    /** Classes kept for reuse, at most: beyond it a block's class is its own (and unloaded with it). */
    private static final int MAX_SHAPES = 20_000;
    private static final java.util.concurrent.ConcurrentHashMap<Shape, java.lang.invoke.MethodHandle> SHAPES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A class's bytecode as a map key. */
    private record Shape(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Shape other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    private static int[] ints(java.util.Collection<Integer> c) {
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True if the instruction is one {@link Generator} emits. */
    public static boolean translatable(Insn in) {
        if (in.family == Family.CONVERT.ordinal()) {
            return convertible(in);
        }
        if (in.family != Family.INTEGER.ordinal() || (in.flags & Insn.SAT) != 0) {
            return false;
        }
        if (in.guard >= 0 && in.op == Op.SETP) {
            return false; // a guarded setp keeps the inactive lanes' predicate bits: not emitted
        }
        int size = in.type & 0xF;
        if (size >= WIDTH.length || WIDTH[size] == 0 || (in.type & Insn.FLOAT) != 0) {
            return false;
        }
        return switch (in.op) {
            case MOV, ADD, SUB, MUL_LO, MAD_LO, AND, OR, XOR -> in.d >= 0;
            case MUL_WIDE, MAD_WIDE -> in.d >= 0 && (size == 2 || size == 4);
            case SHL, SHR -> in.d >= 0 && in.b < 0;
            case SETP -> in.d >= 0 && (in.sub >>> 8) == 0 && (in.sub & 0xFF) < IntegerCompare.CODES;
            case SELP -> in.d >= 0 && in.pa >= 0;
            default -> false;
        };
    }

    /** The pcs that some branch jumps to. */
    public static boolean[] targets(Insn[] code) {
        boolean[] t = new boolean[code.length];
        for (Insn in : code) {
            if (in.op == Op.BRA && in.target >= 0 && in.target < code.length) {
                t[in.target] = true;
            }
        }
        return t;
    }

    /** cvt between integer types without saturation, and cvta / cvta.to: what {@link Generator#convert} emits. */
    private static boolean convertible(Insn in) {
        if (in.d < 0 || (in.flags & Insn.SAT) != 0) {
            return false;
        }
        return switch (in.op) {
            case CVTA, CVTA_TO -> validSize(in.type & 0xF);
            case CVT -> (in.type & Insn.FLOAT) == 0 && (in.type2 & Insn.FLOAT) == 0 && validSize(in.type & 0xF)
                    && validSize(in.type2 & 0xF) && validSize(Math.max(in.dSize, in.type & 0xF));
            default -> false;
        };
    }

    private static boolean validSize(int size) {
        return size < WIDTH.length && WIDTH[size] != 0;
    }

    private static boolean isBranch(Insn in) {
        return in.op == Op.BRA && in.target >= 0;
    }

    /**
     * Emits the class of one block. Local 0 is {@code this}, 1 the registers, 2 the predicates, 3 the active lanes,
     * 4 the context, 5 the lane, 6 and 7 the register base and this lane's, 8 the instructions run, 9 the threads
     * run, 11 the active lanes' count; then the block's predicate indices and constants, loaded from the instance's
     * fields ({@code regs}, {@code preds}, {@code consts}) before the code. The code is emitted twice: first to a
     * visitor that drops it, which numbers those values in the order the code uses them, then for real with the
     * loads in front.
     *
     * <p>The code is a sequence of segments, branches and accesses. A segment is a run of integer instructions: one
     * loop over the 32 lanes whose body is the run, each value kept in a JVM local from the instruction that computes
     * it to the ones that read it, and written to the register file once per lane; its predicates are accumulated a
     * lane at a time and stored after the loop, and then its instructions and active lanes are counted. A segment
     * ends where a label (an internal branch's target) or an access or branch comes, and before a setp that rewrites
     * a guard it used (its lanes are counted from the guards' final values).
     */
    private static final class Generator {
        private static final int R = 1;
        private static final int P = 2;
        private static final int MASK = 3;
        private static final int CTX = 4;
        private static final int LANE = 5;
        private static final int BASE0 = 6;
        private static final int LANE_BASE = 7;
        private static final int INSNS = 8;
        private static final int THREADS = 9;
        private static final int COUNT = 11;
        private static final int FIRST_FREE = 12;
        private static final String CONTEXT = "dev/scanbench/emulator/translate/BlockContext";

        private final Insn[] code;
        private final int from;
        private final int to;
        private int nextLocal = FIRST_FREE;
        /** Register lane base -> the long local holding this lane's current value (in the segment being emitted). */
        private final Map<Integer, Integer> regLocal = new LinkedHashMap<>();
        /** Predicate index -> the int local of its latest in-segment version (lanes done so far, this one included). */
        private final Map<Integer, Integer> predVersion = new LinkedHashMap<>();
        /** Predicate index -> the int local holding its value from before the segment. */
        private final Map<Integer, Integer> predBefore = new LinkedHashMap<>();
        /**
         * Address register (lane base) of an access -> the int local that is 1 while an access through it found its
         * lanes evenly spaced and nothing has written it since ({@link BlockContext#memory}'s {@code spaced}).
         */
        private final Map<Integer, Integer> spaced = new HashMap<>();
        /**
         * Lane or clamp register (lane base) of a shfl -> the int local that is 1 while the register holds one value
         * in every active lane: its last write on this path was an unguarded mov of an immediate.
         */
        private final Map<Integer, Integer> uniform = new HashMap<>();
        /** Value registers read from the register file before the block wrote them, and those it writes. */
        final java.util.Set<Integer> registersIn = new java.util.LinkedHashSet<>();
        final java.util.Set<Integer> registersOut = new java.util.LinkedHashSet<>();
        /** Predicates read before the block wrote them (a branch's guard included), and those it writes. */
        final java.util.Set<Integer> predicatesIn = new java.util.LinkedHashSet<>();
        final java.util.Set<Integer> predicatesOut = new java.util.LinkedHashSet<>();
        /**
         * Register lane bases the block uses (in pass one), and the lowest: the code addresses register k's lane as
         * {@code lane + base0 + (k - base0)}, one loop-invariant sum and constant offsets (nvcc's unrolled copies of
         * a body use their registers in the same layout, so they share a class). Predicate indices and constants are
         * numbered by first use -> their local.
         */
        final java.util.Set<Integer> regsUsed = new java.util.TreeSet<>();
        int base0 = -1;
        final Map<Integer, Integer> predOrder = new LinkedHashMap<>();
        final Map<Long, Integer> constOrder = new LinkedHashMap<>();
        private MethodVisitor mv;

        Generator(Insn[] code, int from, int to) {
            this.code = code;
            this.from = from;
            this.to = to;
        }

        byte[] generate() {
            mv = new MethodVisitor(ASM9) { };
            body();
            // the real pass: fields in locals from FIRST_FREE on, the block's own locals after them
            base0 = regsUsed.isEmpty() ? 0 : regsUsed.iterator().next();
            int slot = FIRST_FREE;
            for (Map.Entry<Integer, Integer> e : predOrder.entrySet()) {
                e.setValue(slot++);
            }
            for (Map.Entry<Long, Integer> e : constOrder.entrySet()) {
                e.setValue(slot);
                slot += 2;
            }
            for (java.util.Collection<Integer> c : java.util.List.of(registersIn, registersOut, predicatesIn,
                    predicatesOut)) {
                c.clear();
            }
            nextLocal = slot;

            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, NAME, null, "java/lang/Object", new String[] {CODE});
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "regs", "[I", null, null).visitEnd();
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "preds", "[I", null, null).visitEnd();
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "consts", "[J", null, null).visitEnd();
            MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "([I[I[J)V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
            String[][] fields = {{"regs", "[I"}, {"preds", "[I"}, {"consts", "[J"}};
            for (int i = 0; i < 3; i++) {
                init.visitVarInsn(ALOAD, 0);
                init.visitVarInsn(ALOAD, i + 1);
                init.visitFieldInsn(PUTFIELD, NAME, fields[i][0], fields[i][1]);
            }
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();

            mv = cw.visitMethod(ACC_PUBLIC, "run", "([J[IIL" + CONTEXT + ";)I", null, null);
            mv.visitCode();
            field("regs", "[I", 0, IALOAD, ISTORE, BASE0);
            int k = 0;
            for (int local : predOrder.values()) {
                field("preds", "[I", k++, IALOAD, ISTORE, local);
            }
            k = 0;
            for (int local : constOrder.values()) {
                field("consts", "[J", k++, LALOAD, LSTORE, local);
            }
            body();
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            return cw.toByteArray();
        }

        /** local = this.name[index]. */
        private void field(String name, String type, int index, int load, int store, int local) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, NAME, name, type);
            pushInt(index);
            mv.visitInsn(load);
            mv.visitVarInsn(store, local);
        }

        /** The method's body after the field loads: the counters, then segments, branches and accesses in order. */
        private void body() {
            pushInt(0);
            mv.visitVarInsn(ISTORE, INSNS);
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, THREADS);
            mv.visitVarInsn(ILOAD, MASK);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "bitCount", "(I)I", false);
            mv.visitVarInsn(ISTORE, COUNT);
            spaced.clear();
            uniform.clear();
            for (int pc = from; pc < to; pc++) {
                Insn in = code[pc];
                if (in.op == Op.SHFL) {
                    flag(uniform, in.b);
                    flag(uniform, in.c);
                } else if (accessible(in)) {
                    flag(spaced, in.addr);
                }
            }
            // the targets of forward branches inside the block, where their code continues
            Map<Integer, Label> labels = new HashMap<>();
            for (int pc = from; pc < to; pc++) {
                Insn in = code[pc];
                if (isBranch(in) && in.target > pc && in.target < to) {
                    labels.computeIfAbsent(in.target, t -> new Label());
                }
            }
            int pc = from;
            while (pc < to) {
                Label here = labels.get(pc);
                if (here != null) {
                    mv.visitLabel(here);
                }
                Insn in = code[pc];
                if (isBranch(in)) {
                    branch(in, labels);
                    pc++;
                } else if (in.op == Op.SHFL) {
                    shuffle(in);
                    pc++;
                } else if (accessible(in)) {
                    access(in);
                    pc++;
                } else {
                    int end = segmentEnd(pc, labels);
                    segment(pc, end);
                    pc = end;
                }
            }
            exit(to);
        }

        /** Where the segment of integer instructions from {@code pc} ends (exclusive). */
        private int segmentEnd(int pc, Map<Integer, Label> labels) {
            java.util.Set<Integer> guards = new java.util.HashSet<>();
            int end = pc;
            while (end < to && translatable(code[end]) && (end == pc || !labels.containsKey(end))
                    && !rewritesGuard(code[end], guards)) {
                if (code[end].guard >= 0) {
                    guards.add(code[end].guard);
                }
                end++;
            }
            return end;
        }

        /** One segment: predicates in, the lane loop, predicates out, then its instructions and lanes counted. */
        private void segment(int a, int b) {
            regLocal.clear();
            predVersion.clear();
            predBefore.clear();
            Label body = new Label();
            Label next = new Label();
            // predicates the segment reads before it writes them, and the accumulators of those it writes
            predicatesBefore(a, b);
            Map<Insn, int[]> writes = predicateWrites(a, b);
            pushInt(0);
            mv.visitVarInsn(ISTORE, LANE);
            mv.visitLabel(body);
            // an inactive lane is skipped: nothing it computed could be kept. A full warp's test is loop-invariant,
            // so the JIT keeps a copy of the loop without the per-lane one
            Label active = new Label();
            mv.visitVarInsn(ILOAD, MASK);
            pushInt(-1);
            mv.visitJumpInsn(IF_ICMPEQ, active);
            mv.visitVarInsn(ILOAD, MASK);
            mv.visitVarInsn(ILOAD, LANE);
            mv.visitInsn(IUSHR);
            pushInt(1);
            mv.visitInsn(IAND);
            mv.visitJumpInsn(IFEQ, next);
            mv.visitLabel(active);
            mv.visitVarInsn(ILOAD, LANE);
            mv.visitVarInsn(ILOAD, BASE0);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ISTORE, LANE_BASE);
            for (int pc = a; pc < b; pc++) {
                emit(code[pc], writes.get(code[pc]));
            }
            for (Map.Entry<Integer, Integer> e : regLocal.entrySet()) {
                mv.visitVarInsn(ALOAD, R);
                laneIndex(e.getKey());
                mv.visitVarInsn(LLOAD, e.getValue());
                mv.visitInsn(LASTORE);
            }
            mv.visitLabel(next);
            mv.visitIincInsn(LANE, 1);
            mv.visitVarInsn(ILOAD, LANE);
            pushInt(32);
            mv.visitJumpInsn(IF_ICMPLT, body);
            for (Map.Entry<Integer, Integer> e : predVersion.entrySet()) {
                // p = (p & ~mask) | acc: the accumulator has bits of active lanes only
                mv.visitVarInsn(ALOAD, P);
                predIndex(e.getKey());
                mv.visitVarInsn(ALOAD, P);
                predIndex(e.getKey());
                mv.visitInsn(IALOAD);
                mv.visitVarInsn(ILOAD, MASK);
                pushInt(-1);
                mv.visitInsn(IXOR);
                mv.visitInsn(IAND);
                mv.visitVarInsn(ILOAD, e.getValue());
                mv.visitInsn(IOR);
                mv.visitInsn(IASTORE);
            }
            registersOut.addAll(regLocal.keySet());
            predicatesOut.addAll(predVersion.keySet());
            count(a, b);
            for (int reg : regLocal.keySet()) {
                set(spaced, reg, 0);
                // the segment's last write of the register decides whether it now holds one value in every lane
                Insn last = null;
                for (int pc = a; pc < b; pc++) {
                    if (code[pc].op != Op.SETP && code[pc].d == reg) {
                        last = code[pc];
                    }
                }
                set(uniform, reg, last != null && last.op == Op.MOV && last.guard < 0 && last.a < 0 ? 1 : 0);
            }
        }

        /** A zeroed int local for the register in {@code flags}, if it is one and has none yet. */
        private void flag(Map<Integer, Integer> flags, int reg) {
            if (reg >= 0 && !flags.containsKey(reg)) {
                int local = nextLocal++;
                flags.put(reg, local);
                pushInt(0);
                mv.visitVarInsn(ISTORE, local);
            }
        }

        /** Sets the register's flag in {@code flags}, if it has one, to {@code value}. */
        private void set(Map<Integer, Integer> flags, int reg, int value) {
            Integer local = flags.get(reg);
            if (local != null) {
                pushInt(value);
                mv.visitVarInsn(ISTORE, local);
            }
        }

        /** The registers were written by an access or a shuffle: what was known of their lanes holds no more. */
        private void written(int... regs) {
            for (int reg : regs) {
                set(spaced, reg, 0);
                set(uniform, reg, 0);
            }
        }

        /**
         * A shfl through the context, told whether its lane and clamp registers are known uniform; where its member
         * mask's lanes are not all here, the block stops before it.
         */
        private void shuffle(Insn in) {
            callBack(in, "shuffle", () -> {
                pushInt(1);
                for (int reg : new int[] {in.b, in.c}) {
                    if (reg >= 0) {
                        mv.visitVarInsn(ILOAD, uniform.get(reg));
                        mv.visitInsn(IAND);
                    }
                }
            });
            written(in.d);
        }

        /**
         * Counts a segment as the interpreter does: one warp-instruction each, and as threads the active lanes of each,
         * those of a guarded one from its guard's value now (nothing in the segment rewrote it after its use).
         */
        private void count(int a, int b) {
            mv.visitIincInsn(INSNS, b - a);
            int unguarded = 0;
            mv.visitVarInsn(LLOAD, THREADS);
            for (int pc = a; pc < b; pc++) {
                Insn in = code[pc];
                if (in.guard < 0) {
                    unguarded++;
                    continue;
                }
                guardLanes(in);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "bitCount", "(I)I", false);
                mv.visitInsn(I2L);
                mv.visitInsn(LADD);
            }
            if (unguarded > 0) {
                mv.visitVarInsn(ILOAD, COUNT);
                pushInt(unguarded);
                mv.visitInsn(IMUL);
                mv.visitInsn(I2L);
                mv.visitInsn(LADD);
            }
            mv.visitVarInsn(LSTORE, THREADS);
        }

        /** Pushes the active lanes where the instruction's guard holds: {@code p[guard] (or its complement) & mask}. */
        private void guardLanes(Insn in) {
            mv.visitVarInsn(ALOAD, P);
            predIndex(in.guard);
            mv.visitInsn(IALOAD);
            if (in.guardNeg) {
                pushInt(-1);
                mv.visitInsn(IXOR);
            }
            mv.visitVarInsn(ILOAD, MASK);
            mv.visitInsn(IAND);
        }

        /**
         * A branch, as the interpreter's BRA when every active lane agrees: all take it (a jump to its label inside
         * the block, or the block returns its target) or none does (the code goes on). Lanes that diverge stop the
         * block at the branch, uncounted, for the interpreter to split the warp.
         */
        private void branch(Insn in, Map<Integer, Label> labels) {
            if (in.guard >= 0) {
                if (!predicatesOut.contains(in.guard)) {
                    predicatesIn.add(in.guard);
                }
                int m = nextLocal++;
                guardLanes(in);
                mv.visitVarInsn(ISTORE, m);
                Label notAll = new Label();
                Label none = new Label();
                mv.visitVarInsn(ILOAD, m);
                mv.visitVarInsn(ILOAD, MASK);
                mv.visitJumpInsn(IF_ICMPNE, notAll);
                taken(in, labels);
                mv.visitLabel(notAll);
                mv.visitVarInsn(ILOAD, m);
                mv.visitJumpInsn(IFEQ, none);
                exit(in.pc);
                mv.visitLabel(none);
                mv.visitIincInsn(INSNS, 1);
            } else {
                taken(in, labels);
            }
        }

        /** Every active lane takes the branch: counted, then the jump. */
        private void taken(Insn in, Map<Integer, Label> labels) {
            mv.visitIincInsn(INSNS, 1);
            mv.visitVarInsn(LLOAD, THREADS);
            mv.visitVarInsn(ILOAD, COUNT);
            mv.visitInsn(I2L);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, THREADS);
            Label target = in.target > in.pc ? labels.get(in.target) : null;
            if (target != null) {
                mv.visitJumpInsn(GOTO, target);
            } else {
                exit(in.target);
            }
        }

        /**
         * A load or store through the context; where it cannot run there, the block stops before it. What it found of
         * its address register's spacing is kept for the next access through it, and dropped for a register it loads.
         */
        private void access(Insn in) {
            Integer hint = in.addr >= 0 ? spaced.get(in.addr) : null;
            int t = callBack(in, "memory", () -> {
                if (hint != null) {
                    mv.visitVarInsn(ILOAD, hint);
                } else {
                    pushInt(0);
                }
            });
            if (hint != null) {
                // SPACED is bit 6: the flag, 0 or 1
                mv.visitVarInsn(ILOAD, t);
                pushInt(Integer.numberOfTrailingZeros(BlockContext.SPACED));
                mv.visitInsn(IUSHR);
                mv.visitVarInsn(ISTORE, hint);
            }
            if (in.op == Op.LD) {
                written(in.dv);
            }
        }

        /**
         * Calls the context's {@code method} (pc, active lanes, and the flag {@code flag} pushes) for the instruction;
         * stops the block before it where the answer is -1, and otherwise counts it, its lanes being the answer's low
         * bits (below {@link BlockContext#SPACED}). Returns the local holding the answer.
         */
        private int callBack(Insn in, String method, Runnable flag) {
            int t = nextLocal++;
            Label ran = new Label();
            mv.visitVarInsn(ALOAD, CTX);
            constant(in.pc);
            mv.visitInsn(L2I);
            mv.visitVarInsn(ILOAD, MASK);
            flag.run();
            mv.visitMethodInsn(INVOKEVIRTUAL, CONTEXT, method, "(IIZ)I", false);
            mv.visitVarInsn(ISTORE, t);
            mv.visitVarInsn(ILOAD, t);
            mv.visitJumpInsn(IFGE, ran);
            exit(in.pc);
            mv.visitLabel(ran);
            mv.visitIincInsn(INSNS, 1);
            mv.visitVarInsn(LLOAD, THREADS);
            mv.visitVarInsn(ILOAD, t);
            pushInt(BlockContext.SPACED - 1);
            mv.visitInsn(IAND);
            mv.visitInsn(I2L);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, THREADS);
            return t;
        }

        /** Leaves the counts in the context and returns {@code pc}, where the lanes continue. */
        private void exit(int pc) {
            mv.visitVarInsn(ALOAD, CTX);
            mv.visitVarInsn(ILOAD, INSNS);
            mv.visitFieldInsn(PUTFIELD, CONTEXT, "insns", "I");
            mv.visitVarInsn(ALOAD, CTX);
            mv.visitVarInsn(LLOAD, THREADS);
            mv.visitFieldInsn(PUTFIELD, CONTEXT, "threads", "J");
            constant(pc);
            mv.visitInsn(L2I);
            mv.visitInsn(IRETURN);
        }

        /** Loads, before the loop, each predicate read before the segment writes it. */
        private void predicatesBefore(int a, int b) {
            java.util.Set<Integer> written = new java.util.HashSet<>();
            for (int pc = a; pc < b; pc++) {
                Insn in = code[pc];
                for (int pred : new int[] {in.op == Op.SELP ? in.pa : -1, in.guard}) {
                    if (pred >= 0 && !written.contains(pred) && !predBefore.containsKey(pred)) {
                        if (!predicatesOut.contains(pred)) {
                            predicatesIn.add(pred);
                        }
                        int slot = nextLocal++;
                        predBefore.put(pred, slot);
                        mv.visitVarInsn(ALOAD, P);
                        predIndex(pred);
                        mv.visitInsn(IALOAD);
                        mv.visitVarInsn(ISTORE, slot);
                    }
                }
                if (in.op == Op.SETP) {
                    written.add(in.d);
                    if (in.d2 >= 0) {
                        written.add(in.d2);
                    }
                }
            }
        }

        /** A zeroed accumulator per predicate written, per write: {d's local, d2's local or -1} by instruction. */
        private Map<Insn, int[]> predicateWrites(int a, int b) {
            Map<Insn, int[]> w = new HashMap<>();
            for (int pc = a; pc < b; pc++) {
                Insn in = code[pc];
                if (in.op == Op.SETP) {
                    int[] slots = {nextLocal++, in.d2 >= 0 ? nextLocal++ : -1};
                    for (int s : slots) {
                        if (s >= 0) {
                            pushInt(0);
                            mv.visitVarInsn(ISTORE, s);
                        }
                    }
                    w.put(in, slots);
                }
            }
            return w;
        }

        private void emit(Insn in, int[] predSlots) {
            int size = in.type & 0xF;
            long wm = WIDTH[size];
            switch (in.op) {
                case MOV -> {
                    operand(in.a, in.ia);
                    mask(wm);
                }
                case ADD, SUB, MUL_LO, AND, OR, XOR -> {
                    operand(in.a, in.ia);
                    operand(in.b, in.ib);
                    mv.visitInsn(switch (in.op) {
                        case ADD -> LADD;
                        case SUB -> LSUB;
                        case MUL_LO -> LMUL;
                        case AND -> LAND;
                        case OR -> LOR;
                        default -> LXOR;
                    });
                    mask(wm);
                }
                case MAD_LO -> {
                    operand(in.a, in.ia);
                    operand(in.b, in.ib);
                    mv.visitInsn(LMUL);
                    operand(in.c, in.ic);
                    mv.visitInsn(LADD);
                    mask(wm);
                }
                case MUL_WIDE, MAD_WIDE -> {
                    boolean signed = (in.type & Insn.SIGNED) != 0;
                    operand(in.a, in.ia);
                    extend(size, signed);
                    operand(in.b, in.ib);
                    extend(size, signed);
                    mv.visitInsn(LMUL);
                    if (in.op == Op.MAD_WIDE) {
                        operand(in.c, in.ic);
                        mv.visitInsn(LADD);
                    }
                    mask(WIDTH[Math.min(8, size * 2)]);
                }
                case SHL, SHR -> shift(in, size, wm);
                case SETP -> {
                    setp(in, predSlots);
                    return; // no value register
                }
                case SELP -> selp(in, wm);
                case CVT, CVTA, CVTA_TO -> convert(in);
                default -> throw new IllegalStateException("not translatable: " + in.op);
            }
            if (in.guard >= 0) {
                // an inactive lane keeps the register's value: old ^ ((new ^ old) & -bit)
                int value = nextLocal;
                nextLocal += 2;
                mv.visitVarInsn(LSTORE, value);
                operand(in.d, 0);
                mv.visitInsn(DUP2);
                mv.visitVarInsn(LLOAD, value);
                mv.visitInsn(LXOR);
                pick(in.guard, in.guardNeg);
            }
            store(in.d);
        }

        /**
         * ConvertUnit's integer conversions: cvt extends by the source type, then narrows and extends by the
         * destination type within the register; cvta adds the space's window, cvta.to subtracts it.
         */
        private void convert(Insn in) {
            operand(in.a, in.ia);
            switch (in.op) {
                case CVTA -> {
                    mask(in.space == Space.GLOBAL ? -1L : 0xFFFFFFFFL);
                    pushLong(Space.window(in.space));
                    mv.visitInsn(LADD);
                }
                case CVTA_TO -> {
                    pushLong(Space.window(in.space));
                    mv.visitInsn(LSUB);
                    mask(WIDTH[in.type & 0xF]);
                }
                default -> {
                    extend(in.type2 & 0xF, (in.type2 & Insn.SIGNED) != 0);
                    extend(in.type & 0xF, (in.type & Insn.SIGNED) != 0);
                    mask(WIDTH[Math.max(in.dSize, in.type & 0xF)]);
                }
            }
        }

        /** Shifts by an immediate, as IntegerUnit.shift: amounts are unsigned and clamp at the width. */
        private void shift(Insn in, int size, long wm) {
            long n = in.ib & 0xFFFFFFFFL;
            int bits = size * 8;
            boolean arith = (in.flags & Insn.ARITH) != 0;
            if (in.op == Op.SHR && arith) {
                operand(in.a, in.ia);
                extend(size, true);
                pushInt((int) Math.min(n, 63));
                mv.visitInsn(LSHR);
                mask(wm);
            } else if (n >= bits) {
                pushLong(0);
            } else if (in.op == Op.SHL) {
                operand(in.a, in.ia);
                pushInt((int) n);
                mv.visitInsn(LSHL);
                mask(wm);
            } else {
                operand(in.a, in.ia);
                mask(wm);
                pushInt((int) n);
                mv.visitInsn(LUSHR);
            }
        }

        /**
         * setp: the lane's comparison bit, accumulated into the destination predicate's version (and its complement
         * into the second destination's). cmp indexes eq, ne, lt, le, gt, ge, lo, ls, hi, hs ({@link IntegerCompare}).
         */
        private void setp(Insn in, int[] slots) {
            int cmp = in.sub & 0xFF;
            int size = in.type & 0xF;
            boolean signedType = (in.type & Insn.SIGNED) != 0;
            boolean signedOrder = IntegerCompare.signedOrder(cmp, signedType);
            int bit = nextLocal++;
            if (size != 4 || in.a < 0) {
                // IntegerUnit.setp's general form: keys extended by the type, sign flipped for an unsigned order,
                // compared as longs; the truth's bit (compare + 1) is the result
                long flip = signedOrder ? 0 : Long.MIN_VALUE;
                pushInt(IntegerCompare.truth(cmp));
                operand(in.a, in.ia);
                orderKey(size, signedType, flip);
                operand(in.b, in.ib);
                orderKey(size, signedType, flip);
                mv.visitInsn(LCMP);
                pushInt(1);
                mv.visitInsn(IADD);
                mv.visitInsn(IUSHR);
                pushInt(1);
                mv.visitInsn(IAND);
            } else {
                setp32(in, cmp, signedOrder ? 0 : 0x80000000L);
            }
            mv.visitVarInsn(ISTORE, bit);
            accumulate(slots[0], bit, false);
            predVersion.put(in.d, slots[0]);
            if (in.d2 >= 0) {
                accumulate(slots[1], bit, true);
                predVersion.put(in.d2, slots[1]);
            }
        }

        /**
         * 32-bit setp of a register as IntegerUnit.compare32: each operand's low 32 bits, sign flipped ({@code f})
         * for an unsigned order, sign-extended; lt and gt are the sign of a difference, eq compares the low halves,
         * and ge, le, ne are their complements.
         */
        private void setp32(Insn in, int cmp, long f) {
            switch (cmp) {
                case 0, 1 -> { // eq; ne: bit = ((x | -x) >>> 31) is "the low halves differ"
                    operand(in.a, in.ia);
                    mv.visitInsn(L2I);
                    operand(in.b, in.ib);
                    mv.visitInsn(L2I);
                    mv.visitInsn(IXOR);
                    mv.visitInsn(DUP);
                    mv.visitInsn(INEG);
                    mv.visitInsn(IOR);
                    pushInt(31);
                    mv.visitInsn(IUSHR);
                    if (cmp == 0) {
                        flipBit();
                    }
                }
                case 2, 5, 6, 9 -> { // lt, lo; ge, hs
                    key(in.a, in.ia, f);
                    key(in.b, in.ib, f);
                    mv.visitInsn(LSUB);
                    signBit(cmp == 5 || cmp == 9);
                }
                default -> { // gt, hi; le, ls
                    key(in.b, in.ib, f);
                    key(in.a, in.ia, f);
                    mv.visitInsn(LSUB);
                    signBit(cmp == 3 || cmp == 7);
                }
            }
        }

        /** The value on the stack becomes its setp key: extended by the type (IntegerUnit.key), xor-ed with flip. */
        private void orderKey(int size, boolean signedType, long flip) {
            if (size == 4) {
                if (signedType) {
                    mv.visitInsn(L2I);
                    mv.visitInsn(I2L);
                } else {
                    mask(0xFFFFFFFFL);
                }
            } else {
                extend(size, signedType);
            }
            if (flip != 0) {
                pushLong(flip);
                mv.visitInsn(LXOR);
            }
        }

        /** The long on the stack becomes its sign bit as an int (complemented when asked). */
        private void signBit(boolean complement) {
            pushInt(63);
            mv.visitInsn(LUSHR);
            mv.visitInsn(L2I);
            if (complement) {
                flipBit();
            }
        }

        private void flipBit() {
            pushInt(1);
            mv.visitInsn(IXOR);
        }

        /** Pushes (long) (int) (operand ^ f): the operand's order key. */
        private void key(int reg, long imm, long f) {
            operand(reg, imm);
            if (f != 0) {
                pushLong(f);
                mv.visitInsn(LXOR);
            }
            mv.visitInsn(L2I);
            mv.visitInsn(I2L);
        }

        /** acc |= (bit ^ complement) << lane. */
        private void accumulate(int acc, int bit, boolean complement) {
            mv.visitVarInsn(ILOAD, acc);
            mv.visitVarInsn(ILOAD, bit);
            if (complement) {
                flipBit();
            }
            mv.visitVarInsn(ILOAD, LANE);
            mv.visitInsn(ISHL);
            mv.visitInsn(IOR);
            mv.visitVarInsn(ISTORE, acc);
        }

        /** selp d, a, b, p: b' ^ ((a' ^ b') &amp; -bit), a' and b' width-masked (IntegerUnit.selp). */
        private void selp(Insn in, long wm) {
            int a = nextLocal;
            int b = nextLocal + 2;
            nextLocal += 4;
            operand(in.a, in.ia);
            mask(wm);
            mv.visitVarInsn(LSTORE, a);
            operand(in.b, in.ib);
            mask(wm);
            mv.visitVarInsn(LSTORE, b);
            mv.visitVarInsn(LLOAD, b);
            mv.visitVarInsn(LLOAD, a);
            mv.visitVarInsn(LLOAD, b);
            mv.visitInsn(LXOR);
            pick(in.pa, in.paNeg);
        }

        /**
         * With {@code b} and {@code a ^ b} on the stack, leaves {@code b ^ ((a ^ b) & -bit)}: {@code a} in the lanes
         * where the predicate holds, {@code b} elsewhere (selp, and a guarded write keeping the old value).
         */
        private void pick(int pred, boolean neg) {
            predicateBit(pred, neg);
            mv.visitInsn(I2L);
            mv.visitInsn(LNEG);
            mv.visitInsn(LAND);
            mv.visitInsn(LXOR);
        }

        /** Pushes this lane's bit (0 or 1) of a predicate, negated when asked. */
        private void predicateBit(int pred, boolean neg) {
            Integer v = predVersion.get(pred);
            mv.visitVarInsn(ILOAD, v != null ? v : predBefore.get(pred));
            mv.visitVarInsn(ILOAD, LANE);
            mv.visitInsn(IUSHR);
            pushInt(1);
            mv.visitInsn(IAND);
            if (neg) {
                flipBit();
            }
        }

        /** Pushes a source: this lane's value of the register (its local once the block wrote it), or the immediate. */
        private void operand(int reg, long imm) {
            if (reg < 0) {
                constant(imm);
                return;
            }
            Integer local = regLocal.get(reg);
            if (local != null) {
                mv.visitVarInsn(LLOAD, local);
            } else {
                if (!registersOut.contains(reg)) {
                    registersIn.add(reg);
                }
                mv.visitVarInsn(ALOAD, R);
                laneIndex(reg);
                mv.visitInsn(LALOAD);
            }
        }

        /** Stores the long on the stack as this lane's new value of the register. */
        private void store(int reg) {
            Integer local = regLocal.get(reg);
            if (local == null) {
                local = nextLocal;
                nextLocal += 2;
                regLocal.put(reg, local);
            }
            mv.visitVarInsn(LSTORE, local);
        }

        private void laneIndex(int base) {
            regsUsed.add(base);
            mv.visitVarInsn(ILOAD, LANE_BASE);
            pushInt(base - base0);
            mv.visitInsn(IADD);
        }

        /** Pushes a predicate's index (a field of the instance, in a local). */
        private void predIndex(int pred) {
            mv.visitVarInsn(ILOAD, predOrder.computeIfAbsent(pred, q -> predOrder.size()));
        }

        /** Pushes a long the block's values decide (an immediate, a pc): a field of the instance, in a local. */
        private void constant(long v) {
            mv.visitVarInsn(LLOAD, constOrder.computeIfAbsent(v, c -> constOrder.size()));
        }

        private void mask(long wm) {
            if (wm != -1L) {
                pushLong(wm);
                mv.visitInsn(LAND);
            }
        }

        /** Extends the low {@code size} bytes of the long on the stack by signedness (Lanes.ext). */
        private void extend(int size, boolean signed) {
            if (!signed) {
                mask(WIDTH[size]);
            } else if (size < 8) {
                mv.visitInsn(L2I);
                if (size == 2) {
                    mv.visitInsn(I2S);
                } else if (size == 1) {
                    mv.visitInsn(I2B);
                }
                mv.visitInsn(I2L);
            }
        }

        private void pushInt(int v) {
            if (v >= -1 && v <= 5) {
                mv.visitInsn(ICONST_0 + v);
            } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                mv.visitIntInsn(BIPUSH, v);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                mv.visitIntInsn(SIPUSH, v);
            } else {
                mv.visitLdcInsn(v);
            }
        }

        private void pushLong(long v) {
            if (v == 0L || v == 1L) {
                mv.visitInsn(LCONST_0 + (int) v);
            } else {
                mv.visitLdcInsn(v);
            }
        }
    }
}
