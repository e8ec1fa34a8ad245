package dev.scanbench.emulator.exec;

import static dev.scanbench.emulator.exec.Lanes.WIDTH;
import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.Diagnostic;
import dev.scanbench.emulator.decode.Family;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;
import dev.scanbench.emulator.decode.Space;
import dev.scanbench.emulator.memory.Bytes;
import dev.scanbench.emulator.memory.ShadowOrigins;

/**
 * initcheck as definedness propagation, as Valgrind's memcheck does with its validity bits. An undefined value
 * (a register never written, a shared or global byte never written or poisoned by the host, a shuffle from a
 * lane that is not there) may be copied, shuffled, stored and combined freely: its {@link Shadow} bits follow
 * it, bit-precise through moves, packs, logic, shifts, bit fields and byte permutes, all-or-nothing per lane
 * through arithmetic. It is reported only where it decides something: an address, a branch, the guard of a
 * store, exit, barrier or collective, an atomic's operand or memory, a barrier id, count or collective mask.
 * A value stored to memory carries its undefinedness there; the host asks for it with
 * {@code Device.firstUndefined}, so an output element computed from an undefined value is reported at the
 * store that wrote it, with the origin of the value.
 *
 * <p>{@link #before} runs ahead of every instruction (it sees the sources before a destination overwrites
 * them), {@link #after} commits the register results; the memory, collective and barrier executors call the
 * other methods from their lane loops.
 */
final class Definedness {
    private static final int NONE = 0;
    private static final int VALUE = 1;
    private static final int VECTOR = 2;
    private static final int PRED = 3;
    private static final int LOAD_GUARD = 4;
    /** The destination's lanes become defined (every source was, or the value is the machine's), no per-lane work. */
    private static final int DEFINED = 5;

    private final Machine mc;
    final Origins origins = new Origins();
    /** Per-lane shadow results of the instruction in flight (value destination, or a shuffle's). */
    private final long[] res = new long[32];
    private final long[][] resVector = new long[4][32];
    private int resPred;
    private int pending;
    private int guardUndefined;
    private int resOrigin;
    /** Origin of the last undefined value {@link #loaded} returned. */
    int lastOrigin;

    Definedness(Machine mc) {
        this.mc = mc;
    }

    // ---- every instruction ----

    /** Checks what the instruction decides and computes its register results' shadows (committed by after). */
    /**
     * True if a translated block can run in the lanes {@code mask} as far as initcheck is concerned: every register
     * and predicate it reads before writing is defined in those lanes. Then each of its instructions, run here, would
     * find its sources defined and write defined results (and its branch would decide on a defined guard), which is
     * what {@link #blockRan} records; otherwise the interpreter runs it and propagates lane by lane.
     */
    boolean blockDefined(Warp w, dev.scanbench.emulator.translate.Block b, int mask) {
        Shadow s = w.shadow;
        for (int base : b.registersIn) {
            if (!lanesDefined(s, base, mask)) {
                return false;
            }
        }
        for (int pred : b.predicatesIn) {
            if ((s.p[pred] & mask) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records a block's results as defined in the lanes of {@code mask}, as its instructions' commits would have one
     * by one (a guarded instruction's destination is among the block's inputs, so its lanes off the guard were
     * defined already).
     */
    void blockRan(Warp w, dev.scanbench.emulator.translate.Block b, int mask) {
        Shadow s = w.shadow;
        for (int base : b.registersOut) {
            clear(s, base, mask);
        }
        for (int pred : b.predicatesOut) {
            s.p[pred] &= ~mask;
        }
    }

    void before(Warp w, Insn in, int mask, int m) {
        Shadow s = w.shadow;
        int gu = in.guard >= 0 ? s.p[in.guard] & mask : 0;
        guardUndefined = gu;
        pending = NONE;
        switch (in.op) {
            case LD -> pending = gu != 0 ? LOAD_GUARD : NONE;
            case NANOSLEEP, FENCE -> { }
            case CLOCK, ACTIVEMASK, VPRINTF -> pending = DEFINED;
            case BRA -> {
                if (gu != 0) {
                    decides(w, in, numberOfTrailingZeros(gu), "this branch", originOfPred(w, in.guard, in));
                }
            }
            default -> {
                Family f = in.op.family;
                if (f == Family.INTEGER || f == Family.FLOAT || f == Family.CONVERT) {
                    registers(w, in, m, gu);
                } else if (gu != 0) {
                    decides(w, in, numberOfTrailingZeros(gu), "the guard of this " + opcode(in),
                            originOfPred(w, in.guard, in));
                }
            }
        }
    }

    /** Commits the shadows {@link #before} computed, once the instruction has run. */
    void after(Warp w, Insn in, int m) {
        Shadow s = w.shadow;
        int gu = guardUndefined;
        switch (pending) {
            case VALUE -> commit(s, in.d, m, gu, res);
            case VECTOR -> {
                for (int i = 0; i < in.dv.length; i++) {
                    if (in.dv[i] >= 0) {
                        commit(s, in.dv[i], m, gu, resVector[i]);
                    }
                }
            }
            case PRED -> {
                commitPred(s, in.d, m, gu);
                if (in.d2 >= 0) {
                    commitPred(s, in.d2, m, gu);
                }
            }
            case LOAD_GUARD -> {
                // the guard may have been true or false: whatever the destination holds now is undefined
                for (int d : in.dv) {
                    if (d >= 0) {
                        for (int k = gu; k != 0; k &= k - 1) {
                            s.set(d, numberOfTrailingZeros(k), -1L);
                        }
                        s.vo[d >> 5] = originOfPred(w, in.guard, in);
                    }
                }
            }
            case DEFINED -> {
                if (in.op == Op.UNPACK) {
                    for (int d : in.dv) {
                        if (d >= 0) {
                            clear(s, d, m);
                        }
                    }
                } else {
                    clear(s, in.d, m);
                }
            }
            default -> { }
        }
        if (in.op == Op.CARRY && in.dv != null) {
            carryOut(s, in, m | gu);
        }
        pending = NONE;
    }

    /** A carry flag written by add.cc / addc.cc / ...: undefined in a lane exactly where the sum is. */
    private static void carryOut(Shadow s, Insn in, int lanes) {
        int cc = in.dv[0];
        for (int k = lanes; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            s.set(cc, l, s.v[in.d + l] != 0 ? 1 : 0);
        }
        s.vo[cc >> 5] = s.vo[in.d >> 5];
        s.settle(cc);
    }

    private void commit(Shadow s, int d, int m, int gu, long[] values) {
        boolean undefined = false;
        for (int k = m; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            s.set(d, l, values[l]);
            undefined |= values[l] != 0;
        }
        for (int k = gu & ~m; k != 0; k &= k - 1) {
            s.set(d, numberOfTrailingZeros(k), -1L);
            undefined = true;
        }
        if (undefined) {
            s.vo[d >> 5] = resOrigin;
        } else {
            s.settle(d);
        }
    }

    /** Marks lanes {@code m} of the register at {@code d} defined. */
    private static void clear(Shadow s, int d, int m) {
        if (s.defined(d)) {
            return; // every lane already is
        }
        if (m == -1) {
            s.defineAll(d); // a full warp's first write of the register: nothing to scan
            return;
        }
        for (int k = m; k != 0; k &= k - 1) {
            s.v[d + numberOfTrailingZeros(k)] = 0;
        }
        s.settle(d);
    }

    /**
     * True if every source of {@code in} (registers, predicates) is defined in the lanes {@code m}. A register whose
     * other lanes may be undefined (written under divergence, or by a partial warp) is looked at in those lanes
     * only: about one instruction in 25 of a gate, each of which would otherwise take the per-lane propagation.
     */
    private static boolean sourcesDefined(Shadow s, Insn in, int m) {
        if (in.predicateA() ? in.a >= 0 && (s.p[in.a] & m) != 0 : !lanesDefined(s, in.a, m)) {
            return false;
        }
        if (!lanesDefined(s, in.b, m) || !lanesDefined(s, in.c, m) || !lanesDefined(s, in.e, m)) {
            return false;
        }
        if (in.sv != null) {
            for (int base : in.sv) {
                if (!lanesDefined(s, base, m)) {
                    return false;
                }
            }
        }
        return in.pa < 0 || (s.p[in.pa] & m) == 0;
    }

    /** True if the register at lane base {@code base} is defined in the lanes {@code m} (an immediate always is). */
    private static boolean lanesDefined(Shadow s, int base, int m) {
        if (s.defined(base)) {
            return true;
        }
        for (int k = m; k != 0; k &= k - 1) {
            if (s.v[base + numberOfTrailingZeros(k)] != 0) {
                return false;
            }
        }
        return true;
    }

    private void commitPred(Shadow s, int d, int m, int gu) {
        int u = (resPred & m) | gu;
        s.p[d] = (s.p[d] & ~(m | gu)) | u;
        if (u != 0) {
            s.po[d] = resOrigin;
        }
    }

    // ---- register results ----

    private void registers(Warp w, Insn in, int m, int gu) {
        Shadow s = w.shadow;
        if (gu == 0 && sourcesDefined(s, in, m)) {
            // defined in, defined out: no operation here makes an undefined bit from defined ones
            if (in.predicateDest()) {
                resPred = 0;
                pending = PRED;
            } else if (in.op == Op.UNPACK || in.d >= 0) {
                pending = DEFINED;
            }
            return;
        }
        boolean undefined = false;
        if (in.op == Op.UNPACK) {
            int bits = in.size * 8;
            for (int k = m; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                long ua = in.a >= 0 ? s.v[in.a + l] : 0;
                for (int i = 0; i < in.dv.length; i++) {
                    resVector[i][l] = (ua >>> (i * bits)) & WIDTH[in.size];
                    undefined |= resVector[i][l] != 0;
                }
            }
            pending = VECTOR;
        } else if (in.predicateDest()) {
            int u = 0;
            for (int k = m; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                if (predicate(w, in, l)) {
                    u |= 1 << l;
                }
            }
            resPred = u;
            undefined = u != 0;
            pending = PRED;
        } else if (in.d >= 0) {
            for (int k = m; k != 0; k &= k - 1) {
                int l = numberOfTrailingZeros(k);
                res[l] = value(w, in, l);
                undefined |= res[l] != 0;
            }
            pending = VALUE;
        }
        if (undefined) {
            resOrigin = sourceOrigin(w, in, m);
        } else if (gu != 0) {
            resOrigin = originOfPred(w, in.guard, in);
        }
    }

    /** The undefined bits of a value result in lane {@code l}. */
    private long value(Warp w, Insn in, int l) {
        long[] v = w.shadow.v;
        long[] r = w.r;
        int size = in.type & 0xF;
        long wm = size == 0 ? -1L : WIDTH[size];
        long ua = in.a >= 0 ? v[in.a + l] : 0;
        long ub = in.b >= 0 ? v[in.b + l] : 0;
        long uc = in.c >= 0 ? v[in.c + l] : 0;
        long ue = in.e >= 0 ? v[in.e + l] : 0;
        switch (in.op) {
            case MOV:
                return ua & wm;
            case MOV_SYMBOL:
                return 0;
            case PACK: {
                long u = 0;
                int bits = in.size * 8;
                for (int i = 0; i < in.sv.length; i++) {
                    if (in.sv[i] >= 0) {
                        u |= (v[in.sv[i] + l] & WIDTH[in.size]) << (i * bits);
                    }
                }
                return u;
            }
            case AND: {
                long x = Lanes.a(r, in, l);
                long y = Lanes.b(r, in, l);
                // a defined zero on either side makes the bit defined
                return (ua | ub) & (ua | x) & (ub | y) & wm;
            }
            case OR: {
                long x = Lanes.a(r, in, l);
                long y = Lanes.b(r, in, l);
                return (ua | ub) & (ua | ~x) & (ub | ~y) & wm;
            }
            case XOR:
                return (ua | ub) & wm;
            case NOT:
                return ua & wm;
            case ADD, SUB: {
                if ((in.flags & Insn.SAT) != 0) {
                    return ((ua | ub) & wm) != 0 ? wm : 0;
                }
                long u = (ua | ub) & wm;
                return (u | -u) & wm; // a carry spreads an undefined bit upward only
            }
            case SHL, SHR: {
                if ((ub & 0xFFFFFFFFL) != 0) {
                    return wm;
                }
                long n = Lanes.b(r, in, l) & 0xFFFFFFFFL;
                int bits = size * 8;
                if (in.op == Op.SHL) {
                    return n >= bits ? 0 : (ua << n) & wm;
                }
                if ((in.flags & Insn.ARITH) != 0) {
                    return (Lanes.sext(ua, size) >> Math.min(n, 63)) & wm;
                }
                return n >= bits ? 0 : (ua & wm) >>> n;
            }
            case BFE:
                if (((ub | uc) & 0xFF) != 0) {
                    return wm;
                }
                return BitOps.bfe(ua & wm, (int) (Lanes.b(r, in, l) & 0xFF), (int) (Lanes.c(r, in, l) & 0xFF),
                        size * 8 - 1, (in.type & Insn.SIGNED) != 0) & wm;
            case BFI:
                if (((uc | ue) & 0xFF) != 0) {
                    return wm;
                }
                return BitOps.bfi(ua, ub & wm, (int) (Lanes.c(r, in, l) & 0xFF), (int) (Lanes.e(r, in, l) & 0xFF),
                        size * 8 - 1) & wm;
            case PRMT:
                if ((uc & 0xFFFF) != 0) {
                    return wm;
                }
                return BitOps.prmt(ua, ub, Lanes.c(r, in, l)) & wm;
            case LOP3:
                return ue != 0 ? wm : (ua | ub | uc) & wm;
            case SELP, FSELP: {
                boolean pick = ((in.paNeg ? ~w.p[in.pa] : w.p[in.pa]) >>> l & 1) != 0;
                if ((w.shadow.p[in.pa] >>> l & 1) != 0) {
                    // an undefined choice between two equal defined values is still that value
                    boolean same = ua == 0 && ub == 0 && ((Lanes.a(r, in, l) ^ Lanes.b(r, in, l)) & wm) == 0;
                    return same ? 0 : wm;
                }
                return (pick ? ua : ub) & wm;
            }
            case CVT:
                return convert(in, ua);
            case MUL_WIDE, MAD_WIDE:
                return ((ua | ub) & wm) != 0 || uc != 0 ? WIDTH[Math.min(8, size * 2)] : 0;
            default:
                return ((ua | ub) & wm) != 0 || (uc | ue) != 0 ? -1L : 0;
        }
    }

    /** cvt: integer widths are followed bit by bit (a sign extension spreads an undefined sign bit). */
    private static long convert(Insn in, long ua) {
        int st = in.type2;
        int dt = in.type;
        long out = WIDTH[Math.max(in.dSize, dt & 0xF)];
        if (((st | dt) & Insn.FLOAT) != 0 || (in.flags & Insn.SAT) != 0) {
            return (ua & WIDTH[st & 0xF]) != 0 ? out : 0;
        }
        return extend(extend(ua, st), dt) & out;
    }

    private static long extend(long u, int type) {
        int size = type & 0xF;
        if ((type & Insn.SIGNED) != 0 && size < 8 && (u >>> (size * 8 - 1) & 1) != 0) {
            return u | ~WIDTH[size];
        }
        return u & WIDTH[size];
    }

    /** True if a predicate result is undefined in lane {@code l}. */
    private static boolean predicate(Warp w, Insn in, int l) {
        Shadow s = w.shadow;
        long[] r = w.r;
        switch (in.op) {
            case SETP, FSETP: {
                int size = in.type & 0xF;
                long wm = WIDTH[size];
                long u = ((in.a >= 0 ? s.v[in.a + l] : 0) | (in.b >= 0 ? s.v[in.b + l] : 0)) & wm;
                boolean undefined = u != 0;
                int cmp = in.sub & 0xFF;
                if (undefined && in.op == Op.SETP && cmp <= 1) {
                    // (in)equality is decided as soon as one defined bit differs
                    undefined = ((Lanes.a(r, in, l) ^ Lanes.b(r, in, l)) & ~u & wm) == 0;
                }
                if ((in.sub >>> 8) != 0 && (s.p[in.pa] >>> l & 1) != 0) {
                    undefined = true;
                }
                return undefined;
            }
            case PRED_MOV:
                return in.pa >= 0 && (s.p[in.pa] >>> l & 1) != 0;
            case PRED_NOT:
                return (s.p[in.pa] >>> l & 1) != 0;
            case PRED_AND, PRED_OR, PRED_XOR: {
                int ux = s.p[in.pa] >>> l & 1;
                int uy = s.p[in.a] >>> l & 1;
                int x = w.p[in.pa] >>> l & 1;
                int y = w.p[in.a] >>> l & 1;
                int u = switch (in.op) {
                    case PRED_AND -> (ux | uy) & (ux | x) & (uy | y);
                    case PRED_OR -> (ux | uy) & (ux | (x ^ 1)) & (uy | (y ^ 1));
                    default -> ux | uy;
                };
                return u != 0;
            }
            default:
                return in.a >= 0 && s.v[in.a + l] != 0; // isspacep
        }
    }

    // ---- memory ----

    /** Reports an address register that is undefined in lane {@code l}. */
    void address(Warp w, Insn in, int l, int base) {
        if (base >= 0 && w.shadow.v[base + l] != 0) {
            decidesByRegister(w, in, l, "the address of this " + opcode(in), base);
        }
    }

    /**
     * Reports a uniform operand (barrier id, thread count, member mask, size) undefined in a lane of {@code m}.
     *
     * @param what the operand, completed by the opcode only when there is something to report (this runs on
     *             every collective and barrier): e.g. {@code "the member mask of this "}
     */
    void operand(Warp w, Insn in, int m, int base, String what) {
        if (w.shadow.defined(base)) {
            return;
        }
        for (int k = m; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            if (w.shadow.v[base + l] != 0) {
                decidesByRegister(w, in, l, what + opcode(in), base);
                return;
            }
        }
    }

    /**
     * The undefined bits of {@code size} bytes just resolved by {@link Machine#resolve} at {@code off}, as a
     * register of width {@code regMask} receives them ({@code signed}: sign-extended); sets {@link #lastOrigin}.
     */
    long loaded(Warp w, Insn in, long addr, int off, int size, boolean signed, long regMask) {
        long[] written = mc.tWritten;
        if (written == null) {
            return 0; // parameters
        }
        long u = Bytes.undefinedBits(written, off, size);
        if (u == 0) {
            return 0;
        }
        if (signed && size < 8 && (u >>> (size * 8 - 1) & 1) != 0) {
            u |= ~WIDTH[size];
        }
        int first = Long.numberOfTrailingZeros(u) / 8;
        lastOrigin = memoryOrigin(in, addr + first, off + first);
        return u & regMask;
    }

    /** The origin of an undefined byte at {@code off} in the memory {@link Machine#resolve} found. */
    private int memoryOrigin(Insn in, long addr, int off) {
        ShadowOrigins known = mc.tOrigins;
        ShadowOrigins.Range range = known != null ? known.find(off) : null;
        int space = mc.tSpace;
        String label = mc.tAlloc != null ? mc.tAlloc.label : null;
        return origins.of(new MemoryKey(in.pc, range), () -> {
            String at = switch (space) {
                case Space.SHARED -> "shared offset " + off;
                case Space.LOCAL -> "local offset " + (off % Math.max(1, mc.prog.localBytes()));
                default -> "0x" + Long.toHexString(addr) + (range == null && label != null ? " (" + label + ")" : "");
            };
            String what = range != null ? range.origin() + ", at " + at
                    : "never-written " + Space.name(space) + " memory at " + at;
            return what + ", loaded by " + where(in);
        });
    }

    private record MemoryKey(int pc, ShadowOrigins.Range range) { }

    private record StoreKey(int pc, int origin) { }

    /**
     * Marks {@code size} bytes just written at {@code off} defined, or undefined where the stored value's shadow
     * {@code u} has undefined bits (recording where that value came from, for later loads and the host).
     */
    void stored(Warp w, Insn in, int lane, int off, int size, long u, int origin) {
        long[] written = mc.tWritten;
        if (written == null) {
            return;
        }
        if (u == 0) {
            Bytes.markWritten(written, off, size);
            return;
        }
        StoredValue sv = storedValue(w, in, lane, origin);
        for (int i = 0; i < size; i++) {
            if ((u >>> (8 * i) & 0xFF) != 0) {
                Bytes.markUndefined(written, off + i, 1);
                if (mc.tOrigins != null) {
                    mc.tOrigins.add(off + i, off + i + 1, sv.text, sv.store);
                }
            } else {
                Bytes.markWritten(written, off + i, 1);
            }
        }
    }

    /** What a store of an undefined value left in memory: its location and the value's origin. */
    private record StoredValue(String text, Diagnostic store) { }

    private final java.util.Map<StoreKey, StoredValue> storedValues = new java.util.HashMap<>();

    private StoredValue storedValue(Warp w, Insn in, int lane, int origin) {
        return storedValues.computeIfAbsent(new StoreKey(in.pc, origin), k -> {
            Diagnostic at = mc.rep.diagnostic(Check.INITCHECK, true, w, lane, in, "");
            String text = "an undefined value stored by " + at.kernel() + " block " + at.block() + " thread "
                    + at.thread() + " at " + where(in) + " (" + origins.text(origin) + ")";
            return new StoredValue(text, at);
        });
    }

    /** The shadow of a store's source {@code base} (a register lane base, -1 for an immediate) in lane l. */
    static long sourceBits(Warp w, int base, int l, int size) {
        return base >= 0 ? w.shadow.v[base + l] & WIDTH[size] : 0;
    }

    /** The origin of register {@code base}'s undefined bits (made if it was never written). */
    int originOfRegister(Warp w, int base, Insn in) {
        int reg = base >> 5;
        int o = w.shadow.vo[reg];
        if (o != Origins.NEVER_WRITTEN) {
            return o;
        }
        int decoded = mc.decoded.code()[in.pc].decodedBase(in, base) >> 5;
        String name = mc.decoded.regNames()[decoded];
        return origins.of("reg:" + decoded, () -> "register " + name + " was never written in this thread (first read at "
                + where(in) + ")");
    }

    int originOfPred(Warp w, int p, Insn in) {
        int o = w.shadow.po[p];
        return o != Origins.NEVER_WRITTEN ? o : origins.of("pred:" + p, () -> "a predicate register never written in"
                + " this thread (first read at " + where(in) + ")");
    }

    /** The origin of the first source of {@code in} that is undefined in some lane of {@code m}. */
    private int sourceOrigin(Warp w, Insn in, int m) {
        Shadow s = w.shadow;
        int[] bases = {in.predicateA() ? -1 : in.a, in.b, in.c, in.e};
        for (int base : bases) {
            if (base >= 0 && undefinedIn(s, base, m)) {
                return originOfRegister(w, base, in);
            }
        }
        if (in.sv != null) {
            for (int base : in.sv) {
                if (base >= 0 && undefinedIn(s, base, m)) {
                    return originOfRegister(w, base, in);
                }
            }
        }
        if (in.pa >= 0 && (s.p[in.pa] & m) != 0) {
            return originOfPred(w, in.pa, in);
        }
        if (in.predicateA() && (s.p[in.a] & m) != 0) {
            return originOfPred(w, in.a, in);
        }
        return origins.of("unknown", () -> "an undefined value");
    }

    private static boolean undefinedIn(Shadow s, int base, int m) {
        for (int k = m; k != 0; k &= k - 1) {
            if (s.v[base + numberOfTrailingZeros(k)] != 0) {
                return true;
            }
        }
        return false;
    }

    // ---- reports ----

    /** Reports an undefined value deciding something: {@code what} names the decision ("the address of this ld"). */
    void decides(Warp w, Insn in, int lane, String what, int origin) {
        mc.rep.report(Check.INITCHECK, true, w, lane, in, what + " depends on an undefined value: "
                + origins.text(origin));
    }

    /** Reports an undefined value deciding something, the origin taken from register {@code base}. */
    void decidesByRegister(Warp w, Insn in, int lane, String what, int base) {
        decides(w, in, lane, what, originOfRegister(w, base, in));
    }

    /** Reports an undefined predicate {@code p} deciding something. */
    void decidesByPredicate(Warp w, Insn in, int lane, String what, int p) {
        decides(w, in, lane, what, originOfPred(w, p, in));
    }

    static String opcode(Insn in) {
        String t = in.text.strip();
        if (t.startsWith("@")) {
            int sp = t.indexOf(' ');
            t = sp > 0 ? t.substring(sp + 1).strip() : t;
        }
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
            end++;
        }
        return t.substring(0, end);
    }

    static String where(Insn in) {
        return "PTX line " + in.line + (in.source != null ? " (" + in.source + ")" : "");
    }
}
