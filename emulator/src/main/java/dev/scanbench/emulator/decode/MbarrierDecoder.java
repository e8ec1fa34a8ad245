package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.Set;

/** mbarrier spellings: init, arrive (+expect_tx), expect_tx, try_wait / test_wait (parity or token), inval. */
final class MbarrierDecoder {
    private static final Set<String> COMMON = Set.of("shared", "shared::cta", "b64", "release", "acquire", "relaxed",
            "cta", "cluster");

    private MbarrierDecoder() {
    }

    static void decode(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        String kind = at.mods().isEmpty() ? "" : at.mods().get(0);
        in.space = at.has("shared") || at.has("shared::cta") ? Space.SHARED : Space.GENERIC;
        switch (kind) {
            case "init" -> {
                OpcodeTable.allow(at, OpcodeTable.union(COMMON, "init"));
                in.op = Op.MBAR_INIT;
                ops.address(in, 0, Decoder.operand(at, 0), in.space, at);
                ops.source(in, 0, Decoder.operand(at, 1), 4, at);
            }
            case "inval" -> {
                OpcodeTable.allow(at, OpcodeTable.union(COMMON, "inval"));
                in.op = Op.MBAR_INVAL;
                ops.address(in, 0, Decoder.operand(at, 0), in.space, at);
            }
            case "expect_tx" -> {
                OpcodeTable.allow(at, OpcodeTable.union(COMMON, "expect_tx"));
                in.op = Op.MBAR_EXPECT_TX;
                ops.address(in, 0, Decoder.operand(at, 0), in.space, at);
                ops.source(in, 0, Decoder.operand(at, 1), 4, at);
            }
            case "arrive" -> {
                OpcodeTable.allow(at, OpcodeTable.union(COMMON, "arrive", "expect_tx"));
                in.op = Op.MBAR_ARRIVE;
                in.sub = at.has("expect_tx") ? 1 : 0;
                in.d = ops.dest(Decoder.operand(at, 0), at);
                ops.address(in, 0, Decoder.operand(at, 1), in.space, at);
                if (at.operands().size() > 2) {
                    // expect_tx: transaction bytes; plain arrive: arrival count
                    ops.source(in, 0, Decoder.operand(at, 2), 4, at);
                } else if (in.sub == 1) {
                    throw new UnsupportedPtxException(at.line(), at.text(), "arrive.expect_tx without tx count");
                } else {
                    in.ia = 1;
                }
            }
            case "try_wait", "test_wait" -> {
                OpcodeTable.allow(at, OpcodeTable.union(COMMON, "try_wait", "test_wait", "parity"));
                in.op = Op.MBAR_WAIT;
                in.sub = at.has("parity") ? SyncDecoder.PARITY : 0;
                in.d = ops.pred(((Operand.Reg) Decoder.operand(at, 0)).name(), at);
                ops.address(in, 0, Decoder.operand(at, 1), in.space, at);
                ops.source(in, 0, Decoder.operand(at, 2), 8, at);
            }
            default -> throw new UnsupportedPtxException(at.line(), at.text(), "mbarrier." + kind);
        }
    }
}
