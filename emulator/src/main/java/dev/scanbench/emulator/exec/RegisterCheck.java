package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Check;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Op;

/**
 * initcheck for registers: every value register carries the mask of lanes in which it was written; reading
 * it in a lane where it was not is reported with the register's name.
 */
final class RegisterCheck {
    private RegisterCheck() {
    }

    static void check(Machine mc, Warp w, Insn in, int m) {
        int[] def = w.defined;
        boolean predA = in.op == Op.PRED_AND || in.op == Op.PRED_OR || in.op == Op.PRED_XOR;
        if (!predA) {
            use(mc, w, in, m, in.a);
        }
        use(mc, w, in, m, in.b);
        use(mc, w, in, m, in.c);
        use(mc, w, in, m, in.e);
        use(mc, w, in, m, in.addr);
        use(mc, w, in, m, in.addr2);
        use(mc, w, in, m, in.addr3);
        if (in.sv != null) {
            for (int s : in.sv) {
                use(mc, w, in, m, s);
            }
        }
        if (in.d >= 0 && !predDest(in)) {
            def[in.d >> 5] |= m;
        }
        if (in.dv != null) {
            for (int d : in.dv) {
                if (d >= 0) {
                    def[d >> 5] |= m;
                }
            }
        }
    }

    private static void use(Machine mc, Warp w, Insn in, int m, int base) {
        if (base < 0) {
            return;
        }
        int missing = m & ~w.defined[base >> 5];
        if (missing != 0) {
            int lane = Integer.numberOfTrailingZeros(missing);
            mc.rep.report(Check.INITCHECK, true, w, lane, in, "read of register " + mc.prog.regNames()[base >> 5]
                    + " that was never written in this thread");
            w.defined[base >> 5] |= missing; // report each register once per lane group
        }
    }

    static boolean predDest(Insn in) {
        return switch (in.op) {
            case SETP, FSETP, PRED_MOV, PRED_NOT, PRED_AND, PRED_OR, PRED_XOR, ISSPACEP, MBAR_WAIT -> true;
            case VOTE -> in.sub != 3;
            case BAR_RED -> in.sub != 6;
            default -> false;
        };
    }
}
