package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.List;
import java.util.Set;

/**
 * The SIMD video instructions {@code vadd4 vsub4 vavrg4 vabsdiff4 vmin4 vmax4 vset4} and their 2-lane forms, in
 * the spelling nvcc's headers emit: {@code vop4.dtype.atype.btype{.sat} d, a, b, c} (secondary merge with c) and
 * {@code vop4.dtype.atype.btype.add d, a, b, c} (accumulate into c); {@code vset4.atype.btype.cmp{.add}}. Only
 * the default selectors are taken (a's elements, b's elements, every destination element): an operand selector or
 * destination mask ({@code %r1.b0}, {@code d.h1}) makes the instruction unsupported.
 *
 * <p>{@link Insn#sub}: bits 0-2 the operation ({@link #KINDS}), bits 4-7 the vset comparison ({@link #CMPS}), bit 8
 * two 16-bit elements instead of four bytes, bit 9 the {@code .add} accumulate, bits 10 / 11 / 12 a / b / d signed;
 * {@link Insn#SAT} for {@code .sat}.
 */
final class VideoDecoder {
    /** Operations, in sub-code order. */
    static final List<String> KINDS = List.of("vadd", "vsub", "vavrg", "vabsdiff", "vmin", "vmax", "vset");
    /** vset comparisons, in sub-code order. */
    static final List<String> CMPS = List.of("eq", "ne", "lt", "le", "gt", "ge");
    static final int HALVES = 1 << 8;
    static final int ACCUMULATE = 1 << 9;
    static final int A_SIGNED = 1 << 10;
    static final int B_SIGNED = 1 << 11;
    static final int D_SIGNED = 1 << 12;

    private VideoDecoder() {
    }

    static void decode(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String name = at.opcode();
        int kind = KINDS.indexOf(name.substring(0, name.length() - 1));
        boolean set = kind == 6;
        OpcodeTable.allow(at, set ? OpcodeTable.union(Set.of("u32", "s32", "add"), CMPS.toArray(new String[0]))
                : Set.of("u32", "s32", "sat", "add"));
        List<String> types = at.mods().stream().filter(m -> m.equals("u32") || m.equals("s32")).toList();
        int wanted = set ? 2 : 3;
        if (types.size() != wanted) {
            throw new UnsupportedPtxException(at.line(), at.text(), name + " needs " + wanted + " type qualifiers");
        }
        int sub = kind | (name.endsWith("2") ? HALVES : 0) | (at.has("add") ? ACCUMULATE : 0);
        int t = set ? 0 : 1;
        if (!set && types.get(0).equals("s32")) {
            sub |= D_SIGNED;
        }
        sub |= types.get(t).equals("s32") ? A_SIGNED : 0;
        sub |= types.get(t + 1).equals("s32") ? B_SIGNED : 0;
        if (set) {
            int cmp = -1;
            for (String m : at.mods()) {
                if (CMPS.contains(m)) {
                    cmp = CMPS.indexOf(m);
                }
            }
            if (cmp < 0) {
                throw new UnsupportedPtxException(at.line(), at.text(), "vset without a comparison");
            }
            sub |= cmp << 4;
        }
        if (at.has("sat")) {
            if (at.has("add")) {
                throw new UnsupportedPtxException(at.line(), at.text(), ".sat with the .add accumulate");
            }
            in.flags |= Insn.SAT;
        }
        if (at.operands().size() != 4) {
            throw new UnsupportedPtxException(at.line(), at.text(), name + " with " + at.operands().size()
                    + " operands");
        }
        for (int i = 0; i < 4; i++) {
            if (at.operands().get(i) instanceof Operand.Reg r && r.name().indexOf('.') > 0) {
                String what = i == 0 ? "destination mask " : "operand selector ";
                throw new UnsupportedPtxException(at.line(), at.text(), what + r.name().substring(r.name().indexOf('.'))
                        + " (only the default selectors run)");
            }
        }
        in.op = Op.VIDEO;
        in.sub = sub;
        in.type = 4;
        in.d = ops.dest(Decoder.operand(at, 0), at);
        if (in.d < 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "sink destination");
        }
        for (int i = 0; i < 3; i++) {
            ops.source(in, i, Decoder.operand(at, i + 1), 4, at);
        }
    }
}
