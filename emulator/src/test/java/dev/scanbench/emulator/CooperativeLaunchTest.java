package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** H100 occupancy, cooperative launches (corpus/sched.cu's grid_sync) and residency by occupancy. */
class CooperativeLaunchTest {

    @Test
    void occupancyMatchesHandComputedH100Cases() {
        // 64 registers x 32 lanes = 2048 per warp: 65536 / 2048 = 32 warps, 8 warps per CTA -> 4
        assertThat(Occupancy.of(64, 0, 256)).extracting(Occupancy::ctasPerSm, Occupancy::limit)
                .containsExactly(4, "registers");
        // 40 registers: 1280 per warp (a multiple of 256): 51 warps -> 6 CTAs of 8 warps
        assertThat(Occupancy.of(40, 96, 256).ctasPerSm()).isEqualTo(6);
        // 33 registers: 1056 rounds up to 1280 per warp, as 40 does
        assertThat(Occupancy.of(33, 0, 256).ctasPerSm()).isEqualTo(6);
        // 48 KiB + 1 KiB reserved = 50176 B per CTA: 233472 / 50176 -> 4 (threads would allow 16)
        assertThat(Occupancy.of(32, 48 * 1024, 128)).extracting(Occupancy::ctasPerSm, Occupancy::limit)
                .containsExactly(4, "shared memory");
        // 100 B of shared memory rounds to 1152 B per CTA with the reserve: 233472 / 1152 = 202, above 32 anyway
        assertThat(Occupancy.of(16, 100, 32)).extracting(Occupancy::ctasPerSm, Occupancy::limit)
                .containsExactly(32, "CTA slots");
        // 1024 threads: 2048 / 1024 = 2 (16 registers would allow 4)
        assertThat(Occupancy.of(16, 0, 1024)).extracting(Occupancy::ctasPerSm, Occupancy::limit)
                .containsExactly(2, "threads");
        // 96 threads are 3 warps: 64 / 3 = 21 (2048 / 96 would be 21 too; the warp count is what is allocated)
        assertThat(Occupancy.of(0, 0, 96).ctasPerSm()).isEqualTo(21);
        // 255 registers round to 8192 per warp: 8 warps per SM, fewer than one CTA of 32 warps
        assertThat(Occupancy.of(255, 0, 1024).ctasPerSm()).isZero();
        assertThat(Occupancy.of(64, 0, 256).residentCtas()).isEqualTo(4 * 132);
    }

    @Test
    void cooperativeGridSyncWithinOccupancyCompletes() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        int n = 4 * 64;
        try (Device dev = new Device()) {
            DevicePointer a = dev.alloc(4L * n);
            LaunchResult r = dev.launch(m, "grid_sync", Dim3.of(4), Dim3.of(64), 0, LaunchOptions.allChecks(),
                    new LaunchMode(true, 0), a, n);
            assertThat(r.diagnostics()).isEmpty();
            assertThat(r.status()).isEqualTo(LaunchResult.Status.COMPLETED);
            int[] o = new int[n];
            dev.copyOut(a, o);
            assertThat(o).containsOnly(2);
        }
    }

    @Test
    void gridSyncInAPlainLaunchFaultsSayingItNeedsACooperativeLaunch() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        try (Device dev = new Device()) {
            DevicePointer a = dev.alloc(4L * 256);
            LaunchResult r = dev.launch(m, "grid_sync", Dim3.of(4), Dim3.of(64), 0, LaunchOptions.defaults(), a, 256);
            assertThat(r.status()).isEqualTo(LaunchResult.Status.FAULTED);
            assertThat(r.diagnostics()).filteredOn(Diagnostic::error).first().extracting(Diagnostic::message)
                    .asString().contains("trap executed").contains("only a cooperative launch has")
                    .contains("`cooperative` on its @plan launch line");
        }
    }

    @Test
    void cooperativeGridBeyondOccupancyIsRefusedWithTheNumbers() throws Exception {
        PtxModule m = Nvcc.load("sched.cu");
        try (Device dev = new Device()) {
            DevicePointer a = dev.alloc(4L * 265 * 1024);
            // 1024 threads: 2 CTAs per SM, 264 on the device
            assertThatThrownBy(() -> dev.launch(m, "grid_sync", Dim3.of(265), Dim3.of(1024), 0,
                    LaunchOptions.defaults(), new LaunchMode(true, 16), a, 265 * 1024))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageContaining("265 blocks")
                    .hasMessageContaining("2 CTAs per SM x 132 SMs = 264")
                    .hasMessageContaining("limited by threads")
                    .hasMessageContaining("16 registers per thread");
        }
    }

    @Test
    void manyCtasKeepStateOnlyForTheResidentOnes() throws Exception {
        PtxModule m = Nvcc.load("copy.cu");
        int ctas = 20_000;
        int n = 32 * ctas;
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * n);
            DevicePointer out = dev.alloc(4L * n);
            int[] x = new int[n];
            for (int i = 0; i < n; i++) {
                x[i] = i * 7 - 3;
            }
            dev.copyIn(in, x);
            // 100 KiB of dynamic shared memory: 2 CTAs per SM by shared memory, 264 resident; all 20,000 at once
            // would need 2 GB of shared memory
            LaunchResult r = dev.launch(m, "grid_copy", Dim3.of(ctas), Dim3.of(32), 100 * 1024,
                    LaunchOptions.defaults().withOccupancyResidency(), LaunchMode.PLAIN, in, out, n);
            assertThat(r.status()).isEqualTo(LaunchResult.Status.COMPLETED);
            assertThat(r.counters().ctas()).isEqualTo(ctas);
            assertThat(r.counters().peakResidentCtas()).isEqualTo(264);
            int[] y = new int[n];
            dev.copyOut(out, y);
            assertThat(y).isEqualTo(x);
        }
    }
}
