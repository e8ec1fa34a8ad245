package dev.scanbench.emulator.decode;

import dev.scanbench.emulator.UnsupportedPtxException;
import dev.scanbench.emulator.parse.Instruction;
import dev.scanbench.emulator.parse.Operand;
import java.util.List;
import java.util.Set;

/** Warp collectives, CTA barriers, cp.async / cp.async.bulk and mbarrier spellings. */
final class SyncDecoder {
    /** shfl modes: up, down, bfly, idx. */
    static final List<String> SHFL = List.of("up", "down", "bfly", "idx");
    /** vote modes: all, any, uni, ballot. */
    static final List<String> VOTE = List.of("all", "any", "uni", "ballot");
    /** redux / bar.red operations. */
    static final List<String> REDUX = List.of("add", "min", "max", "and", "or", "xor", "popc");
    /** mbarrier wait sub-code flag: the third operand is a phase parity (else a state token). */
    static final int PARITY = 1;

    private SyncDecoder() {
    }

    static void collective(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        switch (at.opcode()) {
            case "shfl" -> {
                OpcodeTable.allow(at, Set.of("sync", "up", "down", "bfly", "idx", "b32"));
                requireSync(at);
                in.op = Op.SHFL;
                in.type = 4;
                in.sub = mode(at, SHFL);
                Operand d = Decoder.operand(at, 0);
                if (d instanceof Operand.Pair pair) {
                    in.d = ops.dest(pair.first(), at);
                    in.d2 = ops.pred(pair.second().name(), at);
                } else {
                    in.d = ops.dest(d, at);
                }
                for (int i = 0; i < 4; i++) {
                    ops.source(in, i, Decoder.operand(at, i + 1), 4, at);
                }
            }
            case "vote" -> {
                OpcodeTable.allow(at, Set.of("sync", "all", "any", "uni", "ballot", "pred", "b32"));
                requireSync(at);
                in.op = Op.VOTE;
                in.sub = mode(at, VOTE);
                Operand d = Decoder.operand(at, 0);
                if (in.sub == 3) {
                    in.d = ops.dest(d, at);
                } else {
                    in.d = ops.pred(((Operand.Reg) d).name(), at);
                }
                Operand.Reg p = (Operand.Reg) Decoder.operand(at, 1);
                in.pa = ops.pred(p.name(), at);
                in.paNeg = p.negated();
                ops.source(in, 0, Decoder.operand(at, 2), 4, at);
            }
            case "redux" -> {
                OpcodeTable.allow(at, Set.of("sync", "add", "min", "max", "and", "or", "xor", "u32", "s32", "b32"));
                requireSync(at);
                in.op = Op.REDUX;
                in.type = OpcodeTable.type(at, Set.of("u32", "s32", "b32"));
                in.sub = mode(at, REDUX);
                in.d = ops.dest(Decoder.operand(at, 0), at);
                ops.source(in, 0, Decoder.operand(at, 1), 4, at);
                ops.source(in, 1, Decoder.operand(at, 2), 4, at);
            }
            default -> {
                OpcodeTable.allow(at, Set.of("b32"));
                in.op = Op.ACTIVEMASK;
                in.d = ops.dest(Decoder.operand(at, 0), at);
            }
        }
    }

    private static void requireSync(Instruction at) throws UnsupportedPtxException {
        if (!at.has("sync")) {
            throw new UnsupportedPtxException(at.line(), at.text(), "non-.sync warp collective (pre-Volta form)");
        }
    }

    private static int mode(Instruction at, List<String> modes) throws UnsupportedPtxException {
        for (String m : at.mods()) {
            if (modes.contains(m)) {
                return modes.indexOf(m);
            }
        }
        throw new UnsupportedPtxException(at.line(), at.text(), "missing mode qualifier");
    }

    static void barrier(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        if (at.has("warp")) {
            OpcodeTable.allow(at, Set.of("warp", "sync"));
            in.op = Op.BAR_WARP;
            ops.source(in, 0, Decoder.operand(at, 0), 4, at);
            return;
        }
        OpcodeTable.allow(at, Set.of("cta", "sync", "aligned", "arrive", "red", "popc", "and", "or", "u32", "pred"));
        int k = 0;
        if (at.has("red")) {
            in.op = Op.BAR_RED;
            in.sub = at.has("popc") ? 6 : at.has("and") ? 3 : 4;
            Operand d = Decoder.operand(at, k++);
            if (in.sub == 6) {
                in.d = ops.dest(d, at);
            } else {
                in.d = ops.pred(((Operand.Reg) d).name(), at);
                in.type = Insn.PRED;
            }
        } else {
            in.op = at.has("arrive") ? Op.BAR_ARRIVE : Op.BAR_SYNC;
        }
        ops.source(in, 0, Decoder.operand(at, k++), 4, at);
        int remaining = at.operands().size() - k - (in.op == Op.BAR_RED ? 1 : 0);
        if (remaining == 1) {
            ops.source(in, 1, Decoder.operand(at, k++), 4, at);
        } else if (remaining != 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "operand count");
        } else {
            in.b = -1;
            in.ib = -1; // no thread count: every thread of the CTA
        }
        if (in.op == Op.BAR_ARRIVE && in.ib == -1 && in.b < 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "bar.arrive without a thread count");
        }
        if (in.op == Op.BAR_RED) {
            Operand.Reg c = (Operand.Reg) Decoder.operand(at, k);
            in.pa = ops.pred(c.name(), at);
            in.paNeg = c.negated();
        }
    }

    static void async(Insn in, Instruction at, Operands ops) throws UnsupportedPtxException {
        if (at.opcode().equals("mbarrier")) {
            MbarrierDecoder.decode(in, at, ops);
            return;
        }
        if (!at.has("async")) {
            throw new UnsupportedPtxException(at.line(), at.text(), "cp without .async");
        }
        if (at.has("tensor") || at.has("multicast::cluster") || at.has("prefetch") || at.has("reduce")) {
            throw new UnsupportedPtxException(at.line(), at.text(), "tensor / multicast / reduce bulk copies");
        }
        if (at.has("commit_group")) {
            OpcodeTable.allow(at, Set.of("async", "bulk", "commit_group"));
            in.op = at.has("bulk") ? Op.CP_BULK_COMMIT : Op.CP_ASYNC_COMMIT;
            return;
        }
        if (at.has("wait_group") || at.has("wait_all")) {
            OpcodeTable.allow(at, Set.of("async", "bulk", "wait_group", "wait_all", "read"));
            in.op = at.has("bulk") ? Op.CP_BULK_WAIT : Op.CP_ASYNC_WAIT;
            in.ia = at.has("wait_all") ? 0 : ((Operand.Imm) Decoder.operand(at, 0)).bits();
            return;
        }
        Set<String> cacheMods = Set.of("L2::cache_hint", "L2::64B", "L2::128B", "L2::256B");
        if (at.has("bulk")) {
            OpcodeTable.allow(at, OpcodeTable.union(cacheMods, "async", "bulk", "shared::cluster", "shared::cta",
                    "global", "mbarrier::complete_tx::bytes", "bulk_group"));
            in.op = Op.CP_BULK;
            boolean toShared = at.mods().indexOf("global") > at.mods().indexOf("shared::cluster")
                    && at.mods().indexOf("global") > at.mods().indexOf("shared::cta");
            in.space = toShared ? Space.SHARED : Space.GLOBAL; // destination space
            if (toShared && !at.has("mbarrier::complete_tx::bytes")) {
                throw new UnsupportedPtxException(at.line(), at.text(), "bulk copy to shared without mbarrier");
            }
            ops.address(in, 1, Decoder.operand(at, 0), in.space, at); // destination -> addr2
            ops.address(in, 0, Decoder.operand(at, 1), toShared ? Space.GLOBAL : Space.SHARED, at);
            ops.source(in, 0, Decoder.operand(at, 2), 4, at);
            if (toShared) {
                in.flags |= Insn.MBAR;
                ops.address(in, 2, Decoder.operand(at, 3), Space.SHARED, at);
            }
            return;
        }
        OpcodeTable.allow(at, OpcodeTable.union(cacheMods, "async", "ca", "cg", "shared", "shared::cta", "global"));
        in.op = Op.CP_ASYNC;
        ops.address(in, 1, Decoder.operand(at, 0), Space.SHARED, at); // destination
        ops.address(in, 0, Decoder.operand(at, 1), Space.GLOBAL, at); // source
        Operand size = Decoder.operand(at, 2);
        if (!(size instanceof Operand.Imm imm) || (imm.bits() != 4 && imm.bits() != 8 && imm.bits() != 16)) {
            throw new UnsupportedPtxException(at.line(), at.text(), "cp.async size must be 4, 8 or 16");
        }
        in.size = (int) imm.bits();
        int extra = at.operands().size() - 3 - (at.has("L2::cache_hint") ? 1 : 0);
        if (extra == 1) {
            in.flags |= Insn.SRC_SIZE;
            ops.source(in, 0, Decoder.operand(at, 3), 4, at);
        } else if (extra != 0) {
            throw new UnsupportedPtxException(at.line(), at.text(), "operand count");
        }
    }
}
