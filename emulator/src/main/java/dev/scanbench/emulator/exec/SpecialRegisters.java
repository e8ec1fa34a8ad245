package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.decode.Program;

/** Fills the registers that hold special registers (%tid, %ctaid, %laneid, %envreg, ...) of a new warp. */
final class SpecialRegisters {
    /** Streaming multiprocessors reported by %nsmid (an H100 SXM has 132). */
    static final int SMS = 132;

    private SpecialRegisters() {
    }

    static void fill(Machine mc, Warp w) {
        int bx = mc.block.x();
        int by = mc.block.y();
        for (Program.SpecialSlot s : mc.prog.specials()) {
            int base = s.reg() * 32;
            long[] r = w.r;
            switch (s.kind()) {
                // per-lane values
                case TID_X, TID_Y, TID_Z, LANEID, LANEMASK_EQ, LANEMASK_LT, LANEMASK_LE, LANEMASK_GT, LANEMASK_GE -> {
                    for (int lane = 0; lane < 32; lane++) {
                        int t = w.index * 32 + lane;
                        long v = switch (s.kind()) {
                            case TID_X -> t % bx;
                            case TID_Y -> (t / bx) % by;
                            case TID_Z -> t / (bx * by);
                            case LANEID -> lane;
                            case LANEMASK_EQ -> 1L << lane;
                            case LANEMASK_LT -> (1L << lane) - 1;
                            case LANEMASK_LE -> (2L << lane) - 1;
                            case LANEMASK_GT -> ~((2L << lane) - 1);
                            default -> ~((1L << lane) - 1);
                        };
                        r[base + lane] = v & 0xFFFFFFFFL;
                    }
                }
                // the same in every lane of the warp
                default -> {
                    long v = switch (s.kind()) {
                        case NTID_X -> bx;
                        case NTID_Y -> by;
                        case NTID_Z -> mc.block.z();
                        case CTAID_X -> w.cta.coord.x();
                        case CTAID_Y -> w.cta.coord.y();
                        case CTAID_Z -> w.cta.coord.z();
                        case NCTAID_X -> mc.grid.x();
                        case NCTAID_Y -> mc.grid.y();
                        case NCTAID_Z -> mc.grid.z();
                        case WARPID -> w.index;
                        case NWARPID -> 64;
                        case SMID -> w.cta.linear % SMS;
                        case NSMID -> SMS;
                        case GRIDID -> 1;
                        case ENVREG -> s.envreg() < mc.envreg.length ? mc.envreg[s.envreg()] : 0;
                        case DYNAMIC_SMEM_SIZE -> mc.dynamicShared;
                        case TOTAL_SMEM_SIZE -> mc.sharedBytes;
                        case CLUSTER_NCTARANK -> 1;
                        default -> 0;
                    };
                    java.util.Arrays.fill(r, base, base + 32, v & 0xFFFFFFFFL);
                }
            }
            if (w.shadow != null) {
                java.util.Arrays.fill(w.shadow.v, s.reg() * 32, s.reg() * 32 + 32, 0L);
            }
        }
    }
}
