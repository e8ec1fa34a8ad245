package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.List;
import java.util.Set;

/** ld / ldu / st / atom / red spellings. */
final class MemoryDecoder {
    /** Atomic operation codes, in the order {@code AtomicUnit} switches on. */
    static final List<String> ATOM_OPS = List.of("add", "exch", "cas", "min", "max", "inc", "dec", "and", "or",
            "xor");
    private static final Set<String> TYPES = Set.of("u8", "s8", "b8", "u16", "s16", "b16", "u32", "s32", "b32",
            "u64", "s64", "b64", "f32", "f64");

    private MemoryDecoder() {
    }

    static void ldst(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        boolean load = !at.opcode().equals("st");
        Set<String> allowed = OpcodeTable.union(TYPES, "global", "shared", "shared::cta", "shared::cluster", "local",
                "param", "param::entry", "const", "volatile", "relaxed", "acquire", "release", "v2", "v4");
        allowed = OpcodeTable.union(allowed, OpcodeTable.scopes().toArray(new String[0]));
        allowed = OpcodeTable.union(allowed, OpcodeTable.cache().toArray(new String[0]));
        OpcodeTable.allow(at, allowed);
        in.op = load ? Op.LD : Op.ST;
        in.type = OpcodeTable.type(at, TYPES);
        in.size = Insn.bytes(in.type);
        in.space = at.opcode().equals("ldu") ? Space.GLOBAL : Space.GENERIC;
        for (String m : at.mods()) {
            switch (m) {
                case "volatile", "relaxed", "acquire" -> in.flags |= Insn.STRONG;
                case "release" -> in.flags |= Insn.STRONG | Insn.RELEASE;
                case "v2" -> in.vec = 2;
                case "v4" -> in.vec = 4;
                default -> {
                    if (Space.parse(m) >= 0) {
                        in.space = Space.parse(m);
                    }
                }
            }
        }
        if (in.space == Space.CONST) {
            in.space = Space.GLOBAL; // const variables live in global allocations
        }
        if (load && at.has("release") || !load && (at.has("acquire") || at.has("nc"))) {
            throw new UnsupportedPtxException(at.line(), at.text(), "ordering qualifier for this direction");
        }
        int policyOperand = at.has("L2::cache_hint") ? 1 : 0;
        if (at.operands().size() != 2 + policyOperand) {
            throw new UnsupportedPtxException(at.line(), at.text(), "operand count");
        }
        Operand data = Decoder.operand(at, load ? 0 : 1);
        ops.address(in, 0, Decoder.operand(at, load ? 1 : 0), in.space, at);
        if (load) {
            if (data instanceof Operand.Vec v) {
                check(v.elements().size() == in.vec, at);
                in.dv = new int[in.vec];
                for (int i = 0; i < in.vec; i++) {
                    in.dv[i] = ops.dest(v.elements().get(i), at);
                }
                in.dSize = sizeOf(v.elements().get(0), ops, in);
            } else {
                check(in.vec == 1, at);
                in.dv = new int[] {ops.dest(data, at)};
                in.dSize = sizeOf(data, ops, in);
            }
        } else {
            if (data instanceof Operand.Vec v) {
                check(v.elements().size() == in.vec, at);
                OpcodeTable.vectorSources(in, v, at, ops, in.size);
            } else {
                check(in.vec == 1, at);
                OpcodeTable.vectorSources(in, new Operand.Vec(List.of(data)), at, ops, in.size);
            }
        }
    }

    private static int sizeOf(Operand o, Operands ops, Insn in) {
        return o instanceof Operand.Reg r ? ops.regSize(r.name()) : in.size;
    }

    private static void check(boolean ok, Instruction at) throws UnsupportedPtxException {
        if (!ok) {
            throw new UnsupportedPtxException(at.line(), at.text(), "vector width does not match the operand");
        }
    }

    static void atom(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        boolean red = at.opcode().equals("red");
        Set<String> allowed = OpcodeTable.union(Set.of("b32", "b64", "u32", "u64", "s32", "s64", "f32", "f64"),
                "global", "shared", "shared::cta", "relaxed", "acquire", "release", "acq_rel", "L2::cache_hint");
        allowed = OpcodeTable.union(allowed, OpcodeTable.scopes().toArray(new String[0]));
        allowed = OpcodeTable.union(allowed, ATOM_OPS.toArray(new String[0]));
        OpcodeTable.allow(at, allowed);
        in.op = red ? Op.RED : Op.ATOM;
        in.type = OpcodeTable.type(at, Set.of("b32", "b64", "u32", "u64", "s32", "s64", "f32", "f64"));
        in.size = Insn.bytes(in.type);
        in.space = Space.GENERIC;
        in.sub = -1;
        for (String m : at.mods()) {
            if (Space.parse(m) >= 0) {
                in.space = Space.parse(m);
            }
            if (ATOM_OPS.contains(m)) {
                in.sub = ATOM_OPS.indexOf(m);
            }
            if (m.equals("release") || m.equals("acq_rel")) {
                in.flags |= Insn.RELEASE;
            }
        }
        if (in.sub < 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "missing atomic operation");
        }
        String opName = ATOM_OPS.get(in.sub);
        if ((in.type & Insn.FLOAT) != 0 && !opName.equals("add") && !opName.equals("exch")) {
            throw new UnsupportedPtxException(at.line(), at.text(), "float atomic " + opName);
        }
        if (red && (opName.equals("exch") || opName.equals("cas"))) {
            throw new UnsupportedPtxException(at.line(), at.text(), "red." + opName);
        }
        int k = 0;
        if (!red) {
            in.dv = new int[] {ops.dest(Decoder.operand(at, k++), at)};
            in.dSize = in.size;
        }
        ops.address(in, 0, Decoder.operand(at, k++), in.space, at);
        ops.source(in, 0, Decoder.operand(at, k++), in.type, at);
        if (opName.equals("cas")) {
            ops.source(in, 1, Decoder.operand(at, k++), in.type, at);
        }
        int policy = at.has("L2::cache_hint") ? 1 : 0;
        if (at.operands().size() != k + policy) {
            throw new UnsupportedPtxException(at.line(), at.text(), "operand count");
        }
    }
}
