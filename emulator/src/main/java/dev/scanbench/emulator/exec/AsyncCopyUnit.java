package dev.scanbench.emulator.exec;

import static java.lang.Integer.numberOfTrailingZeros;

import dev.scanbench.emulator.decode.Insn;
import dev.scanbench.emulator.decode.Space;
import dev.scanbench.emulator.memory.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * cp.async (+ commit / wait groups), cp.async.bulk and mbarrier. Copies into shared memory are deferred
 * until they are waited for (cp.async) or their mbarrier phase completes (bulk), and their destinations are
 * tracked, so that reading them too early is both visible in the data and reported by asynccheck.
 */
final class AsyncCopyUnit {
    private AsyncCopyUnit() {
    }

    static void exec(Machine mc, Warp w, Insn in, int m) {
        switch (in.op) {
            case CP_ASYNC -> cpAsync(mc, w, in, m);
            case CP_ASYNC_COMMIT -> {
                AsyncGroups g = groups(w);
                g.groups.addLast(new ArrayList<>(g.uncommitted));
                g.uncommitted.clear();
            }
            case CP_ASYNC_WAIT -> {
                AsyncGroups g = groups(w);
                if (in.ia == 0) {
                    g.groups.addLast(new ArrayList<>(g.uncommitted));
                    g.uncommitted.clear();
                }
                while (g.groups.size() > in.ia) {
                    complete(mc, w, g.groups.pollFirst());
                }
            }
            case CP_BULK -> bulk(mc, w, in, m);
            case CP_BULK_COMMIT, CP_BULK_WAIT -> { } // shared -> global bulk copies complete when issued
            default -> MbarrierOps.exec(mc, w, in, m);
        }
    }

    static AsyncGroups groups(Warp w) {
        if (w.async == null) {
            w.async = new AsyncGroups();
        }
        return w.async;
    }

    private static void cpAsync(Machine mc, Warp w, Insn in, int m) {
        AsyncGroups g = groups(w);
        for (int k = m; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            if (mc.defs != null) {
                mc.defs.address(w, in, l, in.addr);
                mc.defs.address(w, in, l, in.addr2);
                if ((in.flags & Insn.SRC_SIZE) != 0) {
                    mc.defs.operand(w, in, 1 << l, in.a, "the source size of this ");
                }
            }
            long src = mc.address(w, in, l);
            mc.resolve(w, in, l, Space.GLOBAL, src, in.size, in.size, false);
            long dstAddr = in.off2 + (in.addr2 >= 0 ? w.r[in.addr2 + l] : 0);
            mc.resolve(w, in, l, Space.SHARED, dstAddr, in.size, in.size, true);
            int dst = mc.tOff;
            int srcSize = (in.flags & Insn.SRC_SIZE) != 0 ? (int) Math.min(in.size, Lanes.a(w.r, in, l)) : in.size;
            g.uncommitted.add(new AsyncGroups.Copy(src, dst, in.size, srcSize, in.line));
            w.cta.pending.add(new Cta.PendingRange(dst, dst + in.size, -1, in.line));
        }
    }

    /** Performs the copies of a retired group. */
    static void complete(Machine mc, Warp w, List<AsyncGroups.Copy> copies) {
        Cta cta = w.cta;
        for (AsyncGroups.Copy c : copies) {
            Bytes.markWritten(cta.sharedWritten, c.dst(), c.size());
            if (c.srcSize() > 0) {
                mc.resolve(w, null, -1, Space.GLOBAL, c.src(), c.srcSize(), 1, false);
                System.arraycopy(mc.tBytes, mc.tOff, cta.shared, c.dst(), c.srcSize());
                if (mc.path != null) {
                    mc.path.load(w, mc.tAlloc, mc.tOff, c.srcSize());
                    mc.path.endLoad(w, false);
                }
                if (mc.defs != null) {
                    // the copy carries the source's undefined bytes; the zero fill is defined
                    Bytes.copyShadow(mc.tWritten, mc.tOff, cta.sharedWritten, c.dst(), c.srcSize());
                }
                mc.globalRead += c.srcSize();
            }
            java.util.Arrays.fill(cta.shared, c.dst() + c.srcSize(), c.dst() + c.size(), (byte) 0);
            cta.pending.removeIf(p -> p.start() == c.dst() && p.mbarrier() == -1 && p.line() == c.line());
            mc.progress();
        }
    }

    /** A warp that exits has its outstanding copies completed, as the hardware does. */
    static void flush(Machine mc, Warp w) {
        if (w.async == null) {
            return;
        }
        while (!w.async.groups.isEmpty()) {
            complete(mc, w, w.async.groups.pollFirst());
        }
        complete(mc, w, w.async.uncommitted);
        w.async.uncommitted.clear();
    }

    private static void bulk(Machine mc, Warp w, Insn in, int m) {
        Cta cta = w.cta;
        for (int k = m; k != 0; k &= k - 1) {
            int l = numberOfTrailingZeros(k);
            if (mc.defs != null) {
                mc.defs.operand(w, in, 1 << l, in.a, "the size of this ");
                mc.defs.address(w, in, l, in.addr);
                mc.defs.address(w, in, l, in.addr2);
                mc.defs.address(w, in, l, in.addr3);
            }
            int size = (int) Lanes.a(w.r, in, l);
            long src = mc.address(w, in, l);
            long dstAddr = in.off2 + (in.addr2 >= 0 ? w.r[in.addr2 + l] : 0);
            if ((size & 15) != 0) {
                mc.fail(w, in, l, "bulk copy size " + size + " is not a multiple of 16");
            }
            if (in.space == Space.SHARED) {
                mc.resolve(w, in, l, Space.GLOBAL, src, size, 16, false);
                byte[] srcBytes = mc.tBytes;
                int srcOff = mc.tOff;
                long[] srcWritten = mc.tWritten;
                if (mc.path != null) {
                    mc.path.load(w, mc.tAlloc, srcOff, size); // the issuing warp stands for the waiting ones
                    mc.path.endLoad(w, false);
                }
                mc.resolve(w, in, l, Space.SHARED, dstAddr, size, 16, true);
                int dst = mc.tOff;
                long mbAddr = in.off3 + (in.addr3 >= 0 ? w.r[in.addr3 + l] : 0);
                mc.resolve(w, in, l, Space.SHARED, mbAddr, 8, 8, true);
                Mbarrier mb = MbarrierOps.find(mc, w, in, l, mc.tOff);
                byte[] snapshot = java.util.Arrays.copyOfRange(srcBytes, srcOff, srcOff + size);
                long[] defined = null;
                if (mc.defs != null) {
                    defined = new long[size / 64 + 2];
                    Bytes.copyShadow(srcWritten, srcOff, defined, 0, size);
                }
                long[] shadow = defined;
                Cta.PendingRange range = new Cta.PendingRange(dst, dst + size, mc.tOff, in.line);
                cta.pending.add(range);
                mb.onComplete.add(() -> {
                    System.arraycopy(snapshot, 0, cta.shared, dst, size);
                    if (shadow != null) {
                        Bytes.copyShadow(shadow, 0, cta.sharedWritten, dst, size);
                    } else {
                        Bytes.markWritten(cta.sharedWritten, dst, size);
                    }
                });
                mc.globalRead += size;
                mb.tx -= size;
                if (mb.tryComplete()) {
                    mc.progress();
                }
            } else {
                mc.resolve(w, in, l, Space.SHARED, src, size, 16, false);
                byte[] srcBytes = mc.tBytes;
                int srcOff = mc.tOff;
                long[] srcWritten = mc.tWritten;
                mc.resolve(w, in, l, Space.GLOBAL, dstAddr, size, 16, true);
                System.arraycopy(srcBytes, srcOff, mc.tBytes, mc.tOff, size);
                if (mc.path != null) {
                    mc.path.store(w, mc.tAlloc, mc.tOff, size);
                }
                if (mc.defs != null) {
                    Bytes.copyShadow(srcWritten, srcOff, mc.tWritten, mc.tOff, size);
                } else {
                    Bytes.markWritten(mc.tWritten, mc.tOff, size);
                }
                mc.globalWritten += size;
                mc.progress();
            }
        }
    }
}
