package dev.scanbench.emulator.exec;

import dev.scanbench.emulator.Coord;
import dev.scanbench.emulator.LaunchResult;
import dev.scanbench.emulator.PrintfLine;
import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Space;

/**
 * Device-side printf: {@code vprintf(fmt, args)} as nvcc calls it. The format is a C string at a generic
 * address (a {@code .global} or {@code .const} string); the arguments are packed in the thread's local memory,
 * each aligned to its size: 4 bytes for {@code int}, {@code char} and {@code short} conversions, 8 for
 * {@code long}, {@code long long}, pointers, {@code %s} and every floating conversion (float arguments are
 * promoted to double). The result is what CUDA documents: the number of arguments parsed (0 without any),
 * -1 for a null format.
 */
final class Vprintf {
    /** The longest format or {@code %s} string read (a missing terminator must not run through memory). */
    private static final int MAX_STRING = 4096;

    private Vprintf() {
    }

    static void exec(Machine mc, Warp w, Insn in, int m) {
        for (int k = m; k != 0; k &= k - 1) {
            int lane = Integer.numberOfTrailingZeros(k);
            long fmt = in.a >= 0 ? w.r[in.a + lane] : in.ia;
            long args = in.b >= 0 ? w.r[in.b + lane] : in.ib;
            int ret;
            if (fmt == 0) {
                ret = -1;
            } else {
                Args reader = new Args(mc, w, in, lane, args);
                String text = format(cString(mc, w, in, lane, fmt), reader);
                ret = reader.count;
                record(mc, w, lane, text);
            }
            if (in.d >= 0) {
                w.r[in.d + lane] = ret & 0xFFFFFFFFL;
            }
        }
    }

    private static void record(Machine mc, Warp w, int lane, String text) {
        if (mc.printf.size() >= LaunchResult.PRINTF_CAP) {
            mc.printfOmitted++;
            return;
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        int t = w.index * 32 + lane;
        int bx = mc.block.x();
        int by = mc.block.y();
        Coord thread = new Coord(t % bx, t / bx % by, t / (bx * by));
        mc.printf.add(new PrintfLine(mc.prog.name(), w.cta.coord, thread, text));
    }

    private static String cString(Machine mc, Warp w, Insn in, int lane, long addr) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MAX_STRING; i++) {
            int c = (int) read(mc, w, in, lane, addr + i, 1);
            if (c == 0) {
                break;
            }
            sb.append((char) (c & 0xFF));
        }
        return sb.toString();
    }

    private static long read(Machine mc, Warp w, Insn in, int lane, long addr, int size) {
        mc.resolve(w, in, lane, Space.GENERIC, addr, size, 1, false);
        long v = 0;
        for (int b = size - 1; b >= 0; b--) {
            v = v << 8 | (mc.tBytes[mc.tOff + b] & 0xFF);
        }
        return v;
    }

    /** Reads packed arguments in order; counts them. */
    static class Args {
        private final Machine mc;
        private final Warp w;
        private final Insn in;
        private final int lane;
        private final long base;
        private long off;
        int count;

        Args(Machine mc, Warp w, Insn in, int lane, long base) {
            this.mc = mc;
            this.w = w;
            this.in = in;
            this.lane = lane;
            this.base = base;
        }

        long next(int size) {
            off = (off + size - 1) / size * size;
            long v = read(mc, w, in, lane, base + off, size);
            off += size;
            count++;
            return v;
        }

        String string(long addr) {
            return addr == 0 ? "(null)" : cString(mc, w, in, lane, addr);
        }
    }

    /** Formats {@code fmt} as C's printf does, taking each conversion's argument from {@code args}. */
    static String format(String fmt, Args args) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < fmt.length()) {
            char ch = fmt.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            int start = i - 1;
            String flags = "";
            while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                flags += fmt.charAt(i++);
            }
            int width = -1;
            if (i < fmt.length() && fmt.charAt(i) == '*') {
                i++;
                width = (int) args.next(4);
                if (width < 0) {
                    flags += "-";
                    width = -width;
                }
            } else {
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    width = Math.max(width, 0) * 10 + fmt.charAt(i++) - '0';
                }
            }
            int prec = -1;
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                prec = 0;
                if (i < fmt.length() && fmt.charAt(i) == '*') {
                    i++;
                    prec = (int) args.next(4);
                } else {
                    while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                        prec = prec * 10 + fmt.charAt(i++) - '0';
                    }
                }
            }
            int size = 4;
            while (i < fmt.length() && "hlLqjzt".indexOf(fmt.charAt(i)) >= 0) {
                char l = fmt.charAt(i++);
                if (l != 'h') {
                    size = 8;
                }
            }
            if (i >= fmt.length()) {
                out.append(fmt, start, i);
                break;
            }
            char conv = fmt.charAt(i++);
            out.append(PrintfFormat.conversion(conv, flags, width, prec, size, args, fmt.substring(start, i)));
        }
        return out.toString();
    }
}
