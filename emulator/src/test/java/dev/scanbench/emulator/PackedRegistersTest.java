package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the packed register file: without initcheck the emulator runs each kernel with its
 * virtual registers packed into few slots. Every kernel here must write exactly the same bytes as the
 * one-slot-per-register run (which the corpus tests check against Java).
 */
class PackedRegistersTest {
    /** A buffer argument: its initial contents (null = an output of {@code bytes} bytes). */
    private record Buf(int[] init, int bytes) { }

    private static List<byte[]> run(String file, String entry, Dim3 grid, Dim3 block, int smem, boolean packed,
            Object... args) throws Exception {
        PtxModule m = Nvcc.load(file);
        LaunchOptions opt = packed ? LaunchOptions.defaults()
                : LaunchOptions.defaults().withChecks(EnumSet.of(Check.INITCHECK));
        List<byte[]> out = new ArrayList<>();
        try (Device dev = new Device()) {
            Object[] real = new Object[args.length];
            List<DevicePointer> bufs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Buf b) {
                    DevicePointer p = dev.alloc(b.bytes());
                    dev.memset(p, (byte) 0, b.bytes());
                    if (b.init() != null) {
                        dev.copyIn(p, b.init());
                    }
                    bufs.add(p);
                    real[i] = p;
                } else {
                    real[i] = args[i];
                }
            }
            LaunchMode mode = entry.equals("grid_sync") ? new LaunchMode(true, 0) : LaunchMode.PLAIN;
            LaunchResult r = dev.launch(m, entry, grid, block, smem, opt, mode, real);
            assertThat(r.status()).as(entry).isEqualTo(LaunchResult.Status.COMPLETED);
            for (DevicePointer p : bufs) {
                byte[] b = new byte[(int) p.size()];
                dev.copyOut(p, b);
                out.add(b);
            }
        }
        return out;
    }

    private static void same(String file, String entry, Dim3 grid, Dim3 block, int smem, Object... args)
            throws Exception {
        List<byte[]> full = run(file, entry, grid, block, smem, false, args);
        List<byte[]> packed = run(file, entry, grid, block, smem, true, args);
        for (int i = 0; i < full.size(); i++) {
            assertThat(packed.get(i)).as("%s buffer %d", entry, i).isEqualTo(full.get(i));
        }
    }

    private static Buf in(int n, long seed) {
        return new Buf(new Random(seed).ints(n, -1000, 1000).toArray(), 4 * n);
    }

    private static Buf out(int bytes) {
        return new Buf(null, bytes);
    }

    @Test
    void packedRunsWriteTheSameBytes() throws Exception {
        same("intops.cu", "intops", Dim3.of(3), Dim3.of(128), 0, new Buf(IntegerCorpusTest.inputs(1), 1200),
                new Buf(IntegerCorpusTest.inputs(2), 1200), out(4 * 24 * 300), out(8 * 3 * 300), 300);
        same("warp.cu", "shuffles", Dim3.of(2), Dim3.of(64), 0, in(128, 3), out(4 * 8 * 128));
        same("warp.cu", "diverge_converge", Dim3.of(1), Dim3.of(64), 0, in(64, 15), out(256));
        same("warp.cu", "vec4", Dim3.of(2), Dim3.of(32), 0, in(200, 4), out(800), 50);
        same("smem.cu", "block_scan", Dim3.of(3), Dim3.of(256), 1024, in(768, 5), out(4 * 768), out(24));
        same("smem.cu", "generic_shared", Dim3.of(1), Dim3.of(64), 0, in(64, 6), out(256), 1);
        same("floats.cu", "floats", Dim3.of(2), Dim3.of(128), 0, in(256, 7), in(256, 8), out(32 * 256),
                out(16 * 256), 256);
        same("qualifiers.cu", "bit_ops", Dim3.of(1), Dim3.of(32), 0, in(64, 9), out(4 * 8 * 32));
        same("qualifiers.cu", "cub_block_scan", Dim3.of(3), Dim3.of(128), 0, in(1536, 10), out(4 * 1536));
        same("async.cu", "cp_async_stages", Dim3.of(1), Dim3.of(256), 0, in(512, 11), out(1024));
        same("async.cu", "tma_bulk", Dim3.of(2), Dim3.of(128), 0, in(2048, 12), out(8192), out(8192));
        same("misc.cu", "misc", Dim3.of(1), Dim3.of(64), 0, in(64, 14), out(8 * 16 * 64));
        same("sched.cu", "grid_sync", Dim3.of(4), Dim3.of(64), 0, out(1024), 256);
        same("lookback.cu", "lookback_scan", Dim3.of(5), Dim3.of(256), 0, in(2048 * 5 - 7, 13),
                out(4 * (2048 * 5 - 7)), out(40), out(4), 2048 * 5 - 7);
    }

    @Test
    void packingShrinksTheRegisterFile() throws Exception {
        var prog = Nvcc.load("lookback.cu");
        // the packed register file of the look-back scan is a fraction of nvcc's virtual registers
        assertThat(prog.registerSlots("lookback_scan", true)).isLessThan(prog.registerSlots("lookback_scan", false) / 3);
    }

    /**
     * A reused register file clears only what a thread may see before writing it ({@code Program.readFirst}): here
     * %r3, written only under a guard. The first launch leaves 777 in its slot in every warp; the second, whose
     * guard holds nowhere, runs on those warps' register files and must still read the zero a new one holds.
     */
    @Test
    void aRegisterReadBeforeItIsWrittenStartsAtZeroInAReusedRegisterFile() throws Exception {
        PtxModule m = Emulator.load("""
                .version 9.0
                .target sm_90a
                .address_size 64
                .visible .entry k(.param .u64 out, .param .u32 flag)
                {
                    .reg .pred %p<2>;
                    .reg .b32 %r<5>;
                    .reg .b64 %rd<5>;
                    ld.param.u64 %rd1, [out];
                    ld.param.u32 %r1, [flag];
                    mov.u32 %r2, %tid.x;
                    mov.u32 %r4, %ctaid.x;
                    mad.lo.s32 %r2, %r4, 64, %r2;
                    setp.ne.u32 %p1, %r1, 0;
                    @%p1 mov.u32 %r3, 777;
                    cvta.to.global.u64 %rd2, %rd1;
                    mul.wide.u32 %rd3, %r2, 4;
                    add.s64 %rd4, %rd2, %rd3;
                    st.global.u32 [%rd4], %r3;
                    ret;
                }
                """);
        int threads = 8 * 64;
        try (Device dev = new Device()) {
            DevicePointer out = dev.alloc(4L * threads);
            int[] got = new int[threads];
            for (int flag : new int[] {1, 0}) {
                LaunchResult r = dev.launch(m, "k", Dim3.of(8), Dim3.of(64), 0, LaunchOptions.defaults(), out, flag);
                assertThat(r.status()).isEqualTo(LaunchResult.Status.COMPLETED);
                dev.copyOut(out, got);
                assertThat(got).as("flag %d", flag).containsOnly(flag == 1 ? 777 : 0);
            }
        }
    }
}
