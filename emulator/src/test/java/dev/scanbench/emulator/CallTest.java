package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.emulator.parse.CallInliner;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Device-function calls and device-side printf on real nvcc output ({@code corpus/calls.cu}): values against
 * the same functions in Java, recursion past the depth limit, printf against Java's formatting of the same
 * values, and the per-launch cap.
 */
class CallTest {
    private static final int N = 96;

    private static int mix(int x, int y) {
        return x * 31 + (y ^ 0x55);
    }

    private static int fact(int n) {
        return n <= 1 ? 1 : n * fact(n - 1);
    }

    private static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    @Test
    void callsReturnWhatTheFunctionsCompute() throws Exception {
        PtxModule m = Nvcc.load("calls.cu");
        int[] in = new int[N];
        for (int i = 0; i < N; i++) {
            in[i] = i * 7919 % 1000 - 300;
        }
        for (boolean initcheck : new boolean[] {false, true}) {
            LaunchOptions opt = initcheck ? LaunchOptions.defaults().withChecks(EnumSet.of(Check.INITCHECK))
                    : LaunchOptions.defaults();
            try (Device dev = new Device()) {
                DevicePointer pin = dev.alloc(4L * N);
                dev.copyIn(pin, in);
                DevicePointer out = dev.alloc(16L * N);
                DevicePointer dout = dev.alloc(8L * N);
                DevicePointer lout = dev.alloc(8L * N);
                LaunchResult r = dev.launch(m, "calls", new Dim3(3, 1, 1), new Dim3(32, 1, 1), 0, opt, pin, out,
                        dout, lout, N);
                assertThat(r.clean()).as(r.diagnostics().toString()).isTrue();
                int[] o = new int[4 * N];
                dev.copyOut(out, o);
                long[] l = new long[N];
                dev.copyOut(lout, l);
                byte[] d = new byte[8 * N];
                dev.copyOut(dout, d);
                java.nio.ByteBuffer db = java.nio.ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < N; i++) {
                    int v = in[i];
                    assertThat(o[4 * i]).as("mix %d", i).isEqualTo(mix(v, i));
                    assertThat(o[4 * i + 1]).as("fact %d", i).isEqualTo(fact(v & 7));
                    assertThat(o[4 * i + 2]).as("fib %d", i).isEqualTo(fib(v & 7));
                    assertThat(o[4 * i + 3]).as("pair.a %d", i).isEqualTo(v + 1);
                    assertThat(l[i]).as("pair.b %d", i).isEqualTo((long) v * 1000000007L);
                    assertThat(db.getDouble(8 * i)).as("scale %d", i).isEqualTo((double) v * 0.25f + 0.5);
                }
            }
        }
    }

    /** walk(next, t) follows next[] from t until -1: chain length t + 1 frames deep. */
    private static LaunchResult walk(int threads, int[] out) throws Exception {
        PtxModule m = Nvcc.load("calls.cu");
        int[] next = new int[32];
        for (int i = 0; i < 32; i++) {
            next[i] = i - 1;
        }
        try (Device dev = new Device()) {
            DevicePointer pn = dev.alloc(4L * 32);
            dev.copyIn(pn, next);
            DevicePointer po = dev.alloc(4L * 32);
            dev.memset(po, (byte) 0, 4L * 32);
            LaunchResult r = dev.launch(m, "deep", new Dim3(1, 1, 1), new Dim3(threads, 1, 1), 0,
                    LaunchOptions.defaults(), pn, po);
            dev.copyOut(po, out);
            return r;
        }
    }

    @Test
    void recursionWithinTheLimitRunsAndPastItFaultsNamingTheFunction() throws Exception {
        int[] out = new int[32];
        // thread t recurses t + 2 frames deep (walk(t) .. walk(-1)): 8 threads need at most 9 frames
        LaunchResult ok = walk(8, out);
        assertThat(ok.clean()).as(ok.diagnostics().toString()).isTrue();
        for (int t = 0; t < 8; t++) {
            int expect = 0;
            for (int i = 0; i <= t; i++) {
                expect = expect * 3 + i; // innermost first: walk(0) = 0, walk(1) = walk(0) * 3 + 1, ...
            }
            assertThat(out[t]).as("walk(%d)", t).isEqualTo(expect);
        }
        LaunchResult deep = walk(32, new int[32]);
        assertThat(deep.status()).isEqualTo(LaunchResult.Status.FAULTED);
        assertThat(deep.diagnostics().toString()).contains("call depth limit exceeded", "_Z4walkPKii",
                "at most " + CallInliner.DEPTH_LIMIT + " nested");
    }

    private static List<PrintfLine> prints(int threads) throws Exception {
        PtxModule m = Nvcc.load("calls.cu");
        int[] in = new int[threads];
        for (int t = 0; t < threads; t++) {
            in[t] = (t * 2654435761L % 2001) > 1000 ? (int) (t * 2654435761L % 2001) - 2001 : (int) (t * 2654435761L
                    % 2001);
        }
        try (Device dev = new Device()) {
            DevicePointer pin = dev.alloc(4L * threads);
            dev.copyIn(pin, in);
            byte[] name = "scan\0".getBytes(StandardCharsets.US_ASCII);
            DevicePointer pname = dev.alloc(name.length);
            dev.copyIn(pname, name);
            LaunchResult r = dev.launch(m, "prints", new Dim3(1, 1, 1), new Dim3(threads, 1, 1), 0,
                    LaunchOptions.defaults(), pin, pname);
            assertThat(r.clean()).as(r.diagnostics().toString()).isTrue();
            if (threads * 3 > LaunchResult.PRINTF_CAP) {
                assertThat(r.printf()).hasSize(LaunchResult.PRINTF_CAP);
                assertThat(r.printfOmitted()).isEqualTo(threads * 3L - LaunchResult.PRINTF_CAP);
                return r.printf();
            }
            assertThat(r.printfOmitted()).isZero();
            List<PrintfLine> lines = r.printf();
            assertThat(lines).hasSize(3 * threads);
            for (int t = 0; t < threads; t++) {
                int v = in[t];
                long big = (long) v * -123456789012L;
                String first = String.format(Locale.ROOT, "t=%d u=%s x=%x X=%X ld=%d lld=%d llu=%s", v,
                        Integer.toUnsignedString(v), v, v, big, big, Long.toUnsignedString(big));
                String second = String.format(Locale.ROOT,
                        "f=%f e=%e g=%s w=[%8.3f] [%-6d] [%+d] [%05d] c=%c s=%s %%", v * 0.5, v * 1e-7,
                        cG(v * 1.0e10), v / 3.0, v, v, v, (char) ('A' + t), "scan");
                Coord tc = new Coord(t, 0, 0);
                List<PrintfLine> mine = lines.stream().filter(l -> l.thread().equals(tc)).toList();
                assertThat(mine).hasSize(3);
                assertThat(mine.get(0).text()).isEqualTo(first);
                assertThat(mine.get(1).text()).isEqualTo(second);
                assertThat(mine.get(2).text()).isEqualTo("p=0x" + Long.toHexString(pin.address()) + " end");
                assertThat(mine.get(0).kernel()).isEqualTo("prints");
                assertThat(mine.get(0).block()).isEqualTo(new Coord(0, 0, 0));
            }
            return lines;
        }
    }

    /** C's %g for the values the test prints: %e with trailing zeros stripped when the exponent is >= 6. */
    private static String cG(double v) {
        if (v == 0) {
            return "0";
        }
        String e = String.format(Locale.ROOT, "%.5e", v);
        int x = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        if (x < -4 || x >= 6) {
            String mant = e.substring(0, e.indexOf('e')).replaceAll("0+$", "").replaceAll("\\.$", "");
            return mant + e.substring(e.indexOf('e'));
        }
        String f = String.format(Locale.ROOT, "%." + (5 - x) + "f", v);
        return f.contains(".") ? f.replaceAll("0+$", "").replaceAll("\\.$", "") : f;
    }

    @Test
    void printfFormatsLikeC() throws Exception {
        List<PrintfLine> lines = prints(40);
        assertThat(lines.get(0).tagged()).startsWith("[printf kernel=prints block=(0,0,0) thread=(0,0,0)] t=0 ");
    }

    @Test
    void printfKeepsTheFirstThousandCallsAndCountsTheRest() throws Exception {
        List<PrintfLine> lines = prints(512);
        assertThat(lines.get(0).text()).startsWith("t=0 ");
    }
}
