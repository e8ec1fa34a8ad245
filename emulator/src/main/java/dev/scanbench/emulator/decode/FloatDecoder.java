package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import java.util.Set;

/**
 * Float arithmetic spellings. Only IEEE round-to-nearest forms are accepted: the approximate forms
 * ({@code .approx}, {@code div.full}) have hardware-specific results the emulator cannot reproduce exactly,
 * and directed rounding of arithmetic is not implemented; both are rejected.
 */
final class FloatDecoder {
    private FloatDecoder() {
    }

    static void decode(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String op = at.opcode();
        Set<String> allowed = Set.of("rn", "ftz", "f32", "f64");
        OpcodeTable.allow(at, allowed);
        in.type = OpcodeTable.type(at, Set.of("f32", "f64"));
        if (at.has("ftz")) {
            in.flags |= Insn.FTZ;
        }
        boolean rn = at.has("rn");
        int nsrc = 2;
        switch (op) {
            case "add" -> in.op = Op.FADD;
            case "sub" -> in.op = Op.FSUB;
            case "mul" -> in.op = Op.FMUL;
            case "fma", "mad" -> {
                in.op = Op.FFMA;
                nsrc = 3;
                if (!rn) {
                    throw new UnsupportedPtxException(at.line(), at.text(), op + " without .rn");
                }
            }
            case "div", "sqrt", "rcp" -> {
                if (!rn) {
                    throw new UnsupportedPtxException(at.line(), at.text(),
                            op + " without .rn (approximate forms are not reproducible)");
                }
                in.op = op.equals("div") ? Op.FDIV : op.equals("sqrt") ? Op.FSQRT : Op.FRCP;
                nsrc = op.equals("div") ? 2 : 1;
            }
            case "abs", "neg" -> {
                in.op = op.equals("abs") ? Op.FABS : Op.FNEG;
                nsrc = 1;
            }
            case "min", "max" -> in.op = op.equals("min") ? Op.FMIN : Op.FMAX;
            default -> throw new UnsupportedPtxException(at.line(), at.text(), op + " on float types");
        }
        in.d = ops.dest(Decoder.operand(at, 0), at);
        for (int i = 0; i < nsrc; i++) {
            ops.source(in, i, Decoder.operand(at, i + 1), in.type, at);
        }
    }
}
