package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.List;
import java.util.Set;

/** setp / selp / cvt / cvta / isspacep spellings. */
final class CompareDecoder {
    /** Comparison codes, in the order {@code IntegerUnit} and {@code FloatUnit} switch on. */
    static final List<String> CMP = List.of("eq", "ne", "lt", "le", "gt", "ge", "lo", "ls", "hi", "hs", "equ", "neu",
            "ltu", "leu", "gtu", "geu", "num", "nan");
    private static final Set<String> TYPES = Set.of("u16", "u32", "u64", "s16", "s32", "s64", "b16", "b32", "b64",
            "f32", "f64");
    /** Boolean combine codes stored in the high bits of {@code sub}. */
    static final int BOOL_AND = 1 << 8;
    static final int BOOL_OR = 2 << 8;
    static final int BOOL_XOR = 3 << 8;

    private CompareDecoder() {
    }

    static void setp(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        Set<String> allowed = OpcodeTable.union(TYPES, CMP.toArray(new String[0]));
        allowed = OpcodeTable.union(allowed, "and", "or", "xor", "ftz");
        OpcodeTable.allow(at, allowed);
        in.type = OpcodeTable.type(at, TYPES);
        boolean isFloat = (in.type & Insn.FLOAT) != 0;
        in.op = isFloat ? Op.FSETP : Op.SETP;
        int cmp = -1;
        for (String m : at.mods()) {
            if (CMP.contains(m)) {
                cmp = CMP.indexOf(m);
            }
        }
        if (cmp < 0 || (!isFloat && cmp >= 10)) {
            throw new UnsupportedPtxException(at.line(), at.text(), "comparison for this type");
        }
        in.sub = cmp;
        if (at.has("ftz")) {
            in.flags |= Insn.FTZ;
        }
        Operand d = Decoder.operand(at, 0);
        if (d instanceof Operand.Pair pair) {
            in.d = ops.pred(pair.first().name(), at);
            in.d2 = ops.pred(pair.second().name(), at);
        } else {
            in.d = ops.pred(((Operand.Reg) d).name(), at);
        }
        ops.source(in, 0, Decoder.operand(at, 1), in.type, at);
        ops.source(in, 1, Decoder.operand(at, 2), in.type, at);
        boolean combine = at.has("and") || at.has("or") || at.has("xor");
        if (combine) {
            in.sub |= at.has("and") ? BOOL_AND : at.has("or") ? BOOL_OR : BOOL_XOR;
            Operand.Reg c = (Operand.Reg) Decoder.operand(at, 3);
            in.pa = ops.pred(c.name(), at);
            in.paNeg = c.negated();
        } else if (at.operands().size() > 3) {
            throw new UnsupportedPtxException(at.line(), at.text(), "setp with a fourth operand but no bool op");
        }
    }

    static void selp(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        OpcodeTable.allow(at, TYPES);
        in.type = OpcodeTable.type(at, TYPES);
        in.op = Op.SELP;
        in.d = ops.dest(Decoder.operand(at, 0), at);
        ops.source(in, 0, Decoder.operand(at, 1), in.type, at);
        ops.source(in, 1, Decoder.operand(at, 2), in.type, at);
        Operand.Reg p = (Operand.Reg) Decoder.operand(at, 3);
        in.pa = ops.pred(p.name(), at);
        in.paNeg = p.negated();
    }

    /** Rounding sub-codes: 0 nearest-even, 1 toward zero, 2 down, 3 up; +4 = round to integral value. */
    static void cvt(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        Set<String> allowed = OpcodeTable.union(TYPES, "u8", "s8", "rn", "rz", "rm", "rp", "rni", "rzi", "rmi",
                "rpi", "ftz", "sat");
        OpcodeTable.allow(at, allowed);
        int[] types = TypeCodes.all(at.mods());
        if (types.length != 2) {
            throw new UnsupportedPtxException(at.line(), at.text(), "cvt needs a destination and a source type");
        }
        in.op = Op.CVT;
        in.type = types[0];
        in.type2 = types[1];
        int rnd = 0;
        boolean integral = false;
        for (String m : at.mods()) {
            switch (m) {
                case "rz" -> rnd = 1;
                case "rm" -> rnd = 2;
                case "rp" -> rnd = 3;
                case "rni" -> integral = true;
                case "rzi" -> { rnd = 1; integral = true; }
                case "rmi" -> { rnd = 2; integral = true; }
                case "rpi" -> { rnd = 3; integral = true; }
                case "sat" -> in.flags |= Insn.SAT;
                case "ftz" -> in.flags |= Insn.FTZ;
                default -> { }
            }
        }
        boolean dstF = (in.type & Insn.FLOAT) != 0;
        boolean srcF = (in.type2 & Insn.FLOAT) != 0;
        if (dstF && !integral && rnd != 0 && !(srcF && Insn.bytes(in.type) > Insn.bytes(in.type2))) {
            throw new UnsupportedPtxException(at.line(), at.text(), "directed rounding to a float type");
        }
        if ((in.flags & Insn.SAT) != 0 && dstF) {
            throw new UnsupportedPtxException(at.line(), at.text(), ".sat to a float type");
        }
        in.sub = rnd | (integral ? 4 : 0);
        Operand d = Decoder.operand(at, 0);
        in.d = ops.dest(d, at);
        in.dSize = d instanceof Operand.Reg r ? ops.regSize(r.name()) : Insn.bytes(in.type);
        ops.source(in, 0, Decoder.operand(at, 1), in.type2, at);
    }

    static void cvta(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        OpcodeTable.allow(at, Set.of("to", "global", "shared", "shared::cta", "shared::cluster", "local", "param",
                "const", "u32", "u64"));
        int space = -1;
        for (String m : at.mods()) {
            if (Space.parse(m) >= 0) {
                space = Space.parse(m);
            }
        }
        if (space < 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "missing state space");
        }
        in.space = space;
        if (at.opcode().equals("isspacep")) {
            in.op = Op.ISSPACEP;
            in.d = ops.pred(((Operand.Reg) Decoder.operand(at, 0)).name(), at);
            ops.source(in, 0, Decoder.operand(at, 1), 8, at);
            return;
        }
        in.type = OpcodeTable.type(at, Set.of("u32", "u64"));
        in.op = at.has("to") ? Op.CVTA_TO : Op.CVTA;
        in.d = ops.dest(Decoder.operand(at, 0), at);
        Operand s = Decoder.operand(at, 1);
        if (s instanceof Operand.Sym sym && ops.moduleVars.containsKey(sym.name())) {
            throw new UnsupportedPtxException(at.line(), at.text(), "cvta of a module variable symbol");
        }
        ops.source(in, 0, s, in.type, at);
    }
}
