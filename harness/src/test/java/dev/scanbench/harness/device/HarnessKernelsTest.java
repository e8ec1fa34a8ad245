package dev.scanbench.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.emulator.LaunchOptions;
import dev.scanbench.harness.backend.DeviceBuffer;
import dev.scanbench.harness.backend.emulator.EmulatorBackend;
import dev.scanbench.harness.compile.Artifact;
import dev.scanbench.harness.compile.TestCompilers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** harness_kernels.cu compiled by nvcc and run on the emulator with every diagnostic on. */
class HarnessKernelsTest {
    private static Artifact artifact;

    @BeforeAll
    static void compile() throws Exception {
        artifact = HarnessKernels.compile(TestCompilers.shared());
    }

    private static EmulatorBackend backend() {
        return new EmulatorBackend(LaunchOptions.allChecks());
    }

    @Test
    void everyPatternIsBitIdenticalToTheJavaGenerator() throws Exception {
        // A ragged n over several blocks and n = 1; the next test covers n past the grid cap.
        for (int n : new int[] {1, 5003}) {
            for (InputPattern p : InputPattern.values()) {
                long seed = 0x1234_5678_9ABC_DEF0L ^ n ^ p.ordinal();
                try (EmulatorBackend b = backend(); DeviceBuffer x = b.allocate(4L * n);
                     HarnessKernels k = HarnessKernels.loadKernels(b, artifact)) {
                    k.generate(x, n, seed, p);
                    int[] device = new int[n];
                    b.copyOut(x, device);
                    int[] host = new int[n];
                    p.fill(seed, host);
                    assertThat(device).as("%s, n = %d", p, n).isEqualTo(host);
                }
            }
        }
        assertThat(InputPattern.values()).as("the device codes in harness_kernels.cu").hasSize(6);
    }

    @Test
    void randomIsTheScoringGeneratorAndTheGridStrideCoversLargeN() throws Exception {
        int n = 1024 * 256 + 77;
        try (EmulatorBackend b = new EmulatorBackend(LaunchOptions.defaults()); DeviceBuffer x = b.allocate(4L * n);
             HarnessKernels k = HarnessKernels.loadKernels(b, artifact)) {
            k.generate(x, n, -5L, InputPattern.RANDOM);
            int[] device = new int[n];
            b.copyOut(x, device);
            assertThat(device).isEqualTo(InputGenerator.generate(-5L, n));
        }
    }

    @Test
    void canaryMatchesItsHostDefinition() throws Exception {
        int n = 777;
        try (EmulatorBackend b = backend(); DeviceBuffer y = b.allocate(4L * n);
             HarnessKernels k = HarnessKernels.loadKernels(b, artifact)) {
            k.fillCanary(y, n, 99);
            int[] device = new int[n];
            b.copyOut(y, device);
            for (int i = 0; i < n; i++) {
                assertThat(device[i]).as("canary[%d]", i).isEqualTo(Canary.value(99, i));
            }
            assertThat(device).doesNotHaveDuplicates();
        }
    }

    @Test
    void compareCountsMismatchesAndFindsTheFirst() throws Exception {
        int n = 3000;
        int[] want = InputGenerator.generate(7, n);
        try (EmulatorBackend b = backend(); DeviceBuffer y = b.allocate(4L * n); DeviceBuffer e = b.allocate(4L * n);
             HarnessKernels k = HarnessKernels.loadKernels(b, artifact)) {
            b.copyIn(e, want);
            b.copyIn(y, want);
            assertThat(k.compare(y, e, n)).isEqualTo(new CompareResult(0, -1));
            int[] got = want.clone();
            got[2999] ^= 1;
            got[1234] += 5;
            got[40] = Integer.MIN_VALUE;
            b.copyIn(y, got);
            assertThat(k.compare(y, e, n)).isEqualTo(new CompareResult(3, 40));
            assertThat(k.compare(y, e, 40)).as("only the first 40").isEqualTo(new CompareResult(0, -1));
        }
    }

    @Test
    void checksumIsTheKeyedSumAndSeesAnySingleChange() throws Exception {
        int n = 2049;
        int[] x = new int[n];
        InputPattern.EXTREME.fill(3, x);
        try (EmulatorBackend b = backend(); DeviceBuffer d = b.allocate(4L * n);
             HarnessKernels k = HarnessKernels.loadKernels(b, artifact)) {
            b.copyIn(d, x);
            long sum = k.checksum(d, n, 42);
            assertThat(sum).isEqualTo(hostChecksum(x, 42));
            assertThat(k.checksum(d, n, 43)).as("keyed").isNotEqualTo(sum);
            for (int i : new int[] {0, 1000, n - 1}) {
                int[] changed = x.clone();
                changed[i]++;
                b.copyIn(d, changed);
                assertThat(k.checksum(d, n, 42)).as("x[%d] changed", i).isNotEqualTo(sum);
            }
            int[] swapped = x.clone();
            swapped[5] = x[6];
            swapped[6] = x[5];
            b.copyIn(d, swapped);
            assertThat(swapped).isNotEqualTo(x);
            assertThat(k.checksum(d, n, 42)).as("two elements swapped").isNotEqualTo(sum);
        }
    }

    @Test
    void onTheEmulatorTheHarnessWorksInJavaAndGivesWhatItsKernelsGive() throws Exception {
        int n = 4099;
        try (EmulatorBackend b = backend(); DeviceBuffer kx = b.allocate(4L * n); DeviceBuffer hx = b.allocate(4L * n);
             DeviceBuffer ky = b.allocate(4L * (n + 8)); DeviceBuffer hy = b.allocate(4L * (n + 8));
             HarnessKernels kernels = HarnessKernels.loadKernels(b, artifact);
             HarnessKernels host = HarnessKernels.load(b, artifact)) {
            assertThat(b.hostMemory()).isTrue();
            for (InputPattern p : InputPattern.values()) {
                kernels.generate(kx, n, 11 + p.ordinal(), p);
                host.generate(hx, n, 11 + p.ordinal(), p);
                // a spliced tail, counted from its first index
                kernels.generate(kx, 3000, n, 5, InputPattern.EXTREME);
                host.generate(hx, 3000, n, 5, InputPattern.EXTREME);
                assertThat(words(b, hx)).as("%s", p).isEqualTo(words(b, kx));
                assertThat(host.checksum(hx, n, 77)).isEqualTo(kernels.checksum(kx, n, 77));
                assertThat(host.checksum(hx, n - 1, 78)).isEqualTo(kernels.checksum(kx, n - 1, 78));
            }
            b.copyIn(ky, new int[n + 8]);
            b.copyIn(hy, new int[n + 8]);
            kernels.fillCanary(ky, n, 99);
            host.fillCanary(hy, n, 99);
            assertThat(words(b, hy)).as("the canary, and the guard past n left alone").isEqualTo(words(b, ky));
            assertThat(host.compare(hy, ky, n + 8)).isEqualTo(new CompareResult(0, -1));
            int[] changed = words(b, hy);
            changed[7]++;
            changed[n + 3]--;
            b.copyIn(hy, changed);
            assertThat(host.compare(hy, ky, n + 8)).isEqualTo(kernels.compare(hy, ky, n + 8))
                    .isEqualTo(new CompareResult(2, 7));
            assertThat(host.compare(hy, ky, 7)).isEqualTo(new CompareResult(0, -1));
        }
    }

    private static int[] words(EmulatorBackend b, DeviceBuffer d) throws Exception {
        int[] w = new int[(int) (d.bytes() / 4)];
        b.copyOut(d, w);
        return w;
    }

    /** The definition in harness_kernels.cu, written again in Java. */
    private static long hostChecksum(int[] x, long key) {
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += InputGenerator.mix64(InputGenerator.hash64(key, i) + (x[i] & 0xFFFFFFFFL));
        }
        return sum;
    }
}
