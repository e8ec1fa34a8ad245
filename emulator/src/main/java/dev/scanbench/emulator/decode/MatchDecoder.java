package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.Set;

/**
 * {@code match.any.sync.b32/b64 d, a, membermask}, {@code match.all.sync.b32/b64 d{|p}, a, membermask} and
 * {@code elect.sync d|p, membermask} (d may be the sink {@code _}). The member mask is source b of match, source a
 * of elect; {@link Insn#sub} of {@link Op#MATCH} is 0 for any, 1 for all; {@link Insn#d2} the predicate or -1.
 */
final class MatchDecoder {
    private MatchDecoder() {
    }

    static void decode(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        if (!at.has("sync")) {
            throw new UnsupportedPtxException(at.line(), at.text(), "non-.sync warp collective (pre-Volta form)");
        }
        Operand d = Decoder.operand(at, 0);
        if (at.opcode().equals("elect")) {
            OpcodeTable.allow(at, Set.of("sync"));
            in.op = Op.ELECT;
            if (!(d instanceof Operand.Pair pair)) {
                throw new UnsupportedPtxException(at.line(), at.text(), "elect.sync needs a d|p destination");
            }
            in.d = pair.first().name().equals("_") ? -1 : ops.dest(pair.first(), at);
            in.d2 = ops.pred(pair.second().name(), at);
            in.type = 4;
            ops.source(in, 0, Decoder.operand(at, 1), 4, at);
            return;
        }
        OpcodeTable.allow(at, Set.of("sync", "any", "all", "b32", "b64"));
        if (at.has("any") == at.has("all")) {
            throw new UnsupportedPtxException(at.line(), at.text(), "match needs one of .any / .all");
        }
        in.op = Op.MATCH;
        in.sub = at.has("all") ? 1 : 0;
        in.type = OpcodeTable.type(at, Set.of("b32", "b64"));
        if (d instanceof Operand.Pair pair) {
            if (in.sub == 0) {
                throw new UnsupportedPtxException(at.line(), at.text(), "match.any with a predicate destination");
            }
            in.d = ops.dest(pair.first(), at);
            in.d2 = ops.pred(pair.second().name(), at);
        } else {
            in.d = ops.dest(d, at);
        }
        if (in.d < 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "sink destination");
        }
        ops.source(in, 0, Decoder.operand(at, 1), in.type, at);
        ops.source(in, 1, Decoder.operand(at, 2), 4, at);
    }
}
