package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import java.util.Set;

/**
 * Carry chains ({@code add.cc addc{.cc} sub.cc subc{.cc} mad{.lo,.hi}.cc madc{.lo,.hi}{.cc}}, .u32 / .s32 / .u64 /
 * .s64) and the 24-bit multiplies {@code mul24.{lo,hi}} / {@code mad24.{lo,hi}{.sat}} (.u32 / .s32).
 *
 * <p>The carry flag (CC.CF) is per-thread state. It is held in a hidden value register of its own,
 * {@link Operands#carryFlag} ({@code %cc}): a carry-in reads it as source {@link Insn#e}, a carry-out writes it
 * as the single element of {@link Insn#dv}. So the liveness packing, the loop and poll analyses and initcheck see
 * it as the register it is, and a chain survives the packing like any other value. For subtraction the flag is the
 * borrow ({@code subc: d = a - (b + CF)}).
 *
 * <p>{@link Insn#sub} of {@link Op#CARRY}: bits 0-1 add / sub / mad.lo / mad.hi, bit 4 carry-in. Of MUL24 / MAD24:
 * 1 for .hi.
 */
final class CarryDecoder {
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MAD_LO = 2;
    static final int MAD_HI = 3;
    static final int CARRY_IN = 16;
    private static final Set<String> TYPES = Set.of("u32", "s32", "u64", "s64");

    private CarryDecoder() {
    }

    static void decode(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String op = at.opcode();
        if (op.equals("mul24") || op.equals("mad24")) {
            mul24(in, at, ops);
            return;
        }
        boolean mad = op.startsWith("mad");
        OpcodeTable.allow(at, mad ? OpcodeTable.union(TYPES, "cc", "lo", "hi") : OpcodeTable.union(TYPES, "cc"));
        in.type = OpcodeTable.type(at, TYPES);
        int kind;
        if (mad) {
            if (at.has("lo") == at.has("hi")) {
                throw new UnsupportedPtxException(at.line(), at.text(), op + " needs one of .lo / .hi");
            }
            kind = at.has("hi") ? MAD_HI : MAD_LO;
        } else {
            kind = op.startsWith("add") ? ADD : SUB;
        }
        boolean carryIn = op.endsWith("c");
        in.op = Op.CARRY;
        in.sub = kind | (carryIn ? CARRY_IN : 0);
        in.d = ops.dest(Decoder.operand(at, 0), at);
        if (in.d < 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "sink destination");
        }
        int n = mad ? 3 : 2;
        if (at.operands().size() != n + 1) {
            throw new UnsupportedPtxException(at.line(), at.text(), op + " with " + at.operands().size() + " operands");
        }
        for (int i = 0; i < n; i++) {
            ops.source(in, i, Decoder.operand(at, i + 1), in.type, at);
        }
        int cc = ops.carryFlag();
        if (carryIn) {
            in.e = cc;
        }
        if (at.has("cc")) {
            in.dv = new int[] {cc};
        }
    }

    private static void mul24(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        boolean mad = at.opcode().equals("mad24");
        OpcodeTable.allow(at, mad ? Set.of("lo", "hi", "sat", "u32", "s32") : Set.of("lo", "hi", "u32", "s32"));
        in.type = OpcodeTable.type(at, Set.of("u32", "s32"));
        if (at.has("lo") == at.has("hi")) {
            throw new UnsupportedPtxException(at.line(), at.text(), at.opcode() + " needs one of .lo / .hi");
        }
        if (at.has("sat")) {
            if (!at.has("hi") || (in.type & Insn.SIGNED) == 0) {
                throw new UnsupportedPtxException(at.line(), at.text(), ".sat is only mad24.hi.sat.s32");
            }
            in.flags |= Insn.SAT;
        }
        in.op = mad ? Op.MAD24 : Op.MUL24;
        in.sub = at.has("hi") ? 1 : 0;
        in.d = ops.dest(Decoder.operand(at, 0), at);
        int n = mad ? 3 : 2;
        if (at.operands().size() != n + 1) {
            throw new UnsupportedPtxException(at.line(), at.text(), at.opcode() + " with " + at.operands().size()
                    + " operands");
        }
        for (int i = 0; i < n; i++) {
            ops.source(in, i, Decoder.operand(at, i + 1), in.type, at);
        }
    }
}
