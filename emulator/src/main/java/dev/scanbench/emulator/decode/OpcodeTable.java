package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.List;
import java.util.Set;

/**
 * PTX spelling -> {@link Op}: one entry per opcode, each listing the qualifiers it accepts. A qualifier not
 * listed makes the instruction unsupported, so nothing with unknown semantics ever runs.
 */
final class OpcodeTable {
    private static final Set<String> INT_TYPES = Set.of("u16", "u32", "u64", "s16", "s32", "s64", "b16", "b32",
            "b64");
    private static final Set<String> SCOPES = Set.of("cta", "gpu", "sys", "cluster");
    private static final Set<String> CACHE = Set.of("ca", "cg", "cs", "lu", "cv", "wb", "wt", "nc",
            "L1::evict_normal", "L1::evict_unchanged", "L1::evict_first", "L1::evict_last", "L1::no_allocate",
            "L2::evict_normal", "L2::evict_first", "L2::evict_last", "L2::64B", "L2::128B", "L2::256B",
            "L2::cache_hint", "weak");

    private OpcodeTable() {
    }

    static void decode(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        for (String m : at.mods()) {
            if (TypeCodes.isUnsupportedType(m)) {
                throw new UnsupportedPtxException(at.line(), at.text(), "type ." + m);
            }
        }
        switch (at.opcode()) {
            case "mov" -> mov(in, at, ops);
            case "add", "sub", "mul", "mad", "div", "rem", "abs", "neg", "min", "max", "fma", "sqrt", "rcp" -> {
                if (at.has("cc")) {
                    CarryDecoder.decode(in, at, ops);
                } else {
                    arith(in, at, ops);
                }
            }
            case "addc", "subc", "madc", "mul24", "mad24" -> CarryDecoder.decode(in, at, ops);
            case "vadd4", "vsub4", "vavrg4", "vabsdiff4", "vmin4", "vmax4", "vset4", "vadd2", "vsub2", "vavrg2",
                    "vabsdiff2", "vmin2", "vmax2", "vset2" -> VideoDecoder.decode(in, at, ops);
            case "match", "elect" -> MatchDecoder.decode(in, at, ops);
            case "popc", "clz", "brev", "bfind", "not", "cnot" -> unary(in, at, ops);
            case "and", "or", "xor" -> logic(in, at, ops);
            case "shl", "shr" -> shift(in, at, ops);
            case "sad" -> {
                allow(at, INT_TYPES);
                in.type = type(at, INT_TYPES);
                in.op = Op.SAD;
                in.d = ops.dest(Decoder.operand(at, 0), at);
                for (int i = 0; i < 3; i++) {
                    ops.source(in, i, Decoder.operand(at, i + 1), in.type, at);
                }
            }
            case "shf" -> {
                allow(at, Set.of("l", "r", "wrap", "clamp", "b32"));
                in.type = 4;
                in.op = Op.SHF;
                in.sub = (at.has("r") ? 1 : 0) | (at.has("clamp") ? 2 : 0);
                in.d = ops.dest(Decoder.operand(at, 0), at);
                for (int i = 0; i < 3; i++) {
                    ops.source(in, i, Decoder.operand(at, i + 1), 4, at);
                }
            }
            case "bfe", "bfi", "fns", "prmt", "lop3" -> bitfield(in, at, ops);
            case "setp" -> CompareDecoder.setp(in, at, ops);
            case "selp" -> CompareDecoder.selp(in, at, ops);
            case "cvt" -> CompareDecoder.cvt(in, at, ops);
            case "cvta", "isspacep" -> CompareDecoder.cvta(in, at, ops);
            case "ld", "ldu", "st" -> MemoryDecoder.ldst(in, at, ops);
            case "atom", "red" -> MemoryDecoder.atom(in, at, ops);
            case "bra", "ret", "exit", "trap", "nanosleep", "membar", "fence" -> control(in, at, ops);
            case "call", "vprintf" -> CallDecoder.decode(in, at, ops);
            case "prefetch", "prefetchu" -> {
                // cache hints have no functional effect; the address is not even required to be valid
                allow(at, Set.of("global", "local", "L1", "L2", "L2::evict_last", "L2::evict_normal"));
                in.op = Op.FENCE;
            }
            case "createpolicy" -> {
                // an L2 eviction policy for .L2::cache_hint accesses: an opaque value the emulator ignores
                allow(at, Set.of("fractional", "L2::evict_last", "L2::evict_normal", "L2::evict_first",
                        "L2::evict_unchanged", "b64"));
                in.op = Op.MOV;
                in.type = 8;
                in.d = ops.dest(Decoder.operand(at, 0), at);
                in.a = -1;
                in.ia = 0;
            }
            case "shfl", "vote", "redux", "activemask" -> SyncDecoder.collective(in, at, ops);
            case "bar", "barrier" -> SyncDecoder.barrier(in, at, ops);
            case "cp", "mbarrier" -> SyncDecoder.async(in, at, ops);
            default -> throw new UnsupportedPtxException(at.line(), at.text(), "opcode " + at.opcode());
        }
    }

    /** Rejects any qualifier outside {@code allowed} (types are checked separately by the caller). */
    static void allow(Instruction at, Set<String> allowed) throws UnsupportedPtxException {
        for (String m : at.mods()) {
            if (!allowed.contains(m)) {
                throw new UnsupportedPtxException(at.line(), at.text(), "qualifier ." + m + " of " + at.opcode());
            }
        }
    }

    static int type(Instruction at, Set<String> allowedTypes) throws UnsupportedPtxException {
        int t = -1;
        for (String m : at.mods()) {
            if (TypeCodes.of(m) >= 0) {
                if (!allowedTypes.contains(m)) {
                    throw new UnsupportedPtxException(at.line(), at.text(), "type ." + m + " for " + at.opcode());
                }
                t = TypeCodes.of(m);
            }
        }
        if (t < 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "missing type qualifier");
        }
        return t;
    }

    static Set<String> union(Set<String> a, String... more) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(List.of(more));
        return s;
    }

    private static void mov(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        int t = type(at, union(INT_TYPES, "pred", "f32", "f64", "u8", "s8", "b8"));
        allow(at, union(INT_TYPES, "pred", "f32", "f64", "u8", "s8", "b8"));
        in.type = t;
        Operand d = Decoder.operand(at, 0);
        Operand s = Decoder.operand(at, 1);
        if ((t & Insn.PRED) != 0) {
            in.op = Op.PRED_MOV;
            in.d = ops.pred(((Operand.Reg) d).name(), at);
            if (s instanceof Operand.Imm imm) {
                in.ia = imm.bits() != 0 ? -1 : 0;
            } else {
                in.pa = ops.pred(((Operand.Reg) s).name(), at);
                in.paNeg = ((Operand.Reg) s).negated();
            }
            return;
        }
        if (s instanceof Operand.Reg r && (r.name().startsWith("%clock") || r.name().startsWith("%globaltimer"))) {
            in.op = Op.CLOCK;
            in.d = ops.dest(d, at);
            in.sub = r.name().equals("%clock") || r.name().endsWith("_lo") ? 4 : 8;
            return;
        }
        if (s instanceof Operand.Vec v) {
            in.op = Op.PACK;
            in.d = ops.dest(d, at);
            vectorSources(in, v, at, ops, Insn.bytes(t) / v.elements().size());
            return;
        }
        if (d instanceof Operand.Vec v) {
            in.op = Op.UNPACK;
            in.dv = new int[v.elements().size()];
            for (int i = 0; i < in.dv.length; i++) {
                in.dv[i] = ops.dest(v.elements().get(i), at);
            }
            in.size = Insn.bytes(t) / in.dv.length;
            ops.source(in, 0, s, t, at);
            return;
        }
        in.d = ops.dest(d, at);
        if (s instanceof Operand.Sym sym && ops.moduleVars.containsKey(sym.name())) {
            in.op = Op.MOV_SYMBOL;
            in.sym = ops.moduleVars.get(sym.name());
            return;
        }
        in.op = Op.MOV;
        ops.source(in, 0, s, t, at);
    }

    static void vectorSources(Insn in, Operand.Vec v, Instruction at, Operands ops, int elemSize)
            throws UnsupportedPtxException {
        int n = v.elements().size();
        in.sv = new int[n];
        in.siv = new long[n];
        in.size = elemSize;
        for (int i = 0; i < n; i++) {
            Insn tmp = new Insn();
            ops.source(tmp, 0, v.elements().get(i), elemSize, at);
            in.sv[i] = tmp.a;
            in.siv[i] = tmp.ia;
        }
    }

    private static void arith(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String op = at.opcode();
        boolean isFloat = at.has("f32") || at.has("f64");
        if (isFloat) {
            FloatDecoder.decode(in, at, ops);
            return;
        }
        switch (op) {
            case "add", "sub" -> {
                allow(at, union(INT_TYPES, "sat"));
                in.op = op.equals("add") ? Op.ADD : Op.SUB;
                if (at.has("sat")) {
                    in.flags |= Insn.SAT;
                }
            }
            case "mul", "mad" -> {
                allow(at, union(INT_TYPES, "lo", "hi", "wide"));
                boolean mul = op.equals("mul");
                in.op = at.has("hi") ? (mul ? Op.MUL_HI : Op.MAD_HI)
                        : at.has("wide") ? (mul ? Op.MUL_WIDE : Op.MAD_WIDE) : (mul ? Op.MUL_LO : Op.MAD_LO);
            }
            case "div", "rem", "min", "max", "abs", "neg" -> {
                allow(at, INT_TYPES);
                in.op = switch (op) {
                    case "div" -> Op.DIV;
                    case "rem" -> Op.REM;
                    case "min" -> Op.MIN;
                    case "max" -> Op.MAX;
                    case "abs" -> Op.ABS;
                    default -> Op.NEG;
                };
            }
            default -> throw new UnsupportedPtxException(at.line(), at.text(), op + " on integer types");
        }
        in.type = type(at, INT_TYPES);
        int srcType = in.type;
        int nsrc = switch (in.op) {
            case ABS, NEG -> 1;
            case MAD_LO, MAD_HI, MAD_WIDE -> 3;
            default -> 2;
        };
        in.d = ops.dest(Decoder.operand(at, 0), at);
        for (int i = 0; i < nsrc; i++) {
            int t = (i == 2 && in.op == Op.MAD_WIDE) ? (Insn.bytes(srcType) * 2) | (srcType & Insn.SIGNED) : srcType;
            ops.source(in, i, Decoder.operand(at, i + 1), t, at);
        }
    }

    private static void unary(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String op = at.opcode();
        if ((op.equals("not") || op.equals("cnot")) && at.has("pred")) {
            allow(at, Set.of("pred"));
            in.op = Op.PRED_NOT;
            in.d = ops.pred(((Operand.Reg) Decoder.operand(at, 0)).name(), at);
            in.pa = ops.pred(((Operand.Reg) Decoder.operand(at, 1)).name(), at);
            return;
        }
        allow(at, union(INT_TYPES, "shiftamt"));
        in.type = type(at, INT_TYPES);
        in.op = switch (op) {
            case "popc" -> Op.POPC;
            case "clz" -> Op.CLZ;
            case "brev" -> Op.BREV;
            case "bfind" -> Op.BFIND;
            case "not" -> Op.NOT;
            default -> Op.CNOT;
        };
        if (at.has("shiftamt")) {
            in.flags |= Insn.SHIFTAMT;
        }
        in.d = ops.dest(Decoder.operand(at, 0), at);
        ops.source(in, 0, Decoder.operand(at, 1), in.type, at);
    }

    private static void logic(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String op = at.opcode();
        if (at.has("pred")) {
            allow(at, Set.of("pred"));
            in.op = op.equals("and") ? Op.PRED_AND : op.equals("or") ? Op.PRED_OR : Op.PRED_XOR;
            in.d = ops.pred(((Operand.Reg) Decoder.operand(at, 0)).name(), at);
            in.pa = ops.pred(((Operand.Reg) Decoder.operand(at, 1)).name(), at);
            in.a = ops.pred(((Operand.Reg) Decoder.operand(at, 2)).name(), at);
            return;
        }
        allow(at, INT_TYPES);
        in.type = type(at, INT_TYPES);
        in.op = op.equals("and") ? Op.AND : op.equals("or") ? Op.OR : Op.XOR;
        in.d = ops.dest(Decoder.operand(at, 0), at);
        ops.source(in, 0, Decoder.operand(at, 1), in.type, at);
        ops.source(in, 1, Decoder.operand(at, 2), in.type, at);
    }

    private static void shift(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        allow(at, INT_TYPES);
        in.type = type(at, INT_TYPES);
        in.op = at.opcode().equals("shl") ? Op.SHL : Op.SHR;
        if (in.op == Op.SHR && (in.type & Insn.SIGNED) != 0) {
            in.flags |= Insn.ARITH;
        }
        in.d = ops.dest(Decoder.operand(at, 0), at);
        ops.source(in, 0, Decoder.operand(at, 1), in.type, at);
        ops.source(in, 1, Decoder.operand(at, 2), 4, at);
    }

    private static void bitfield(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String op = at.opcode();
        allow(at, INT_TYPES);
        in.type = type(at, INT_TYPES);
        in.op = switch (op) {
            case "bfe" -> Op.BFE;
            case "bfi" -> Op.BFI;
            case "fns" -> Op.FNS;
            case "prmt" -> Op.PRMT;
            default -> Op.LOP3;
        };
        in.d = ops.dest(Decoder.operand(at, 0), at);
        int n = at.operands().size() - 1;
        for (int i = 0; i < n; i++) {
            ops.source(in, i, Decoder.operand(at, i + 1), i == 0 || (i == 1 && in.op != Op.BFE) ? in.type : 4, at);
        }
        int expected = switch (in.op) {
            case BFE, FNS, PRMT -> 3;
            default -> 4;
        };
        if (n != expected) {
            throw new UnsupportedPtxException(at.line(), at.text(), op + " with " + n + " sources");
        }
    }

    private static void control(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        switch (at.opcode()) {
            case "bra" -> {
                allow(at, Set.of("uni"));
                in.op = Op.BRA;
                in.target = ops.label(Decoder.operand(at, 0), at);
            }
            case "ret", "exit" -> {
                allow(at, Set.of("uni"));
                in.op = Op.EXIT;
            }
            case "trap" -> {
                allow(at, Set.of());
                in.op = Op.TRAP;
            }
            case "nanosleep" -> {
                allow(at, Set.of("u32"));
                in.op = Op.NANOSLEEP;
                ops.source(in, 0, Decoder.operand(at, 0), 4, at);
            }
            default -> {
                // every ordering is sequentially consistent here: a single deterministic interleaving
                allow(at, union(SCOPES, "gl", "sc", "acq_rel", "acquire", "release", "proxy", "async", "alias",
                        "shared::cta", "shared::cluster", "global", "mbarrier_init", "async.shared::cta"));
                in.op = Op.FENCE;
                // device-wide ordering (__threadfence): what a publisher issues before its flag store
                boolean device = at.has("gl") || at.has("sys") || at.has("gpu");
                boolean memory = at.opcode().equals("membar") || at.has("sc") || at.has("acq_rel")
                        || at.has("release");
                if (device && memory && !at.has("proxy")) {
                    in.flags |= Insn.RELEASE;
                }
            }
        }
        if (!at.opcode().equals("bra") && !at.opcode().equals("nanosleep") && !at.operands().isEmpty()) {
            throw new UnsupportedPtxException(at.line(), at.text(), at.opcode() + " with operands");
        }
    }

    static Set<String> scopes() {
        return SCOPES;
    }

    static Set<String> cache() {
        return CACHE;
    }

}
