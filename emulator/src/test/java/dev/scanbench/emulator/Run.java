package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: launch with every diagnostic on and require a clean completion. */
final class Run {
    private Run() {
    }

    static LaunchResult clean(Device dev, PtxModule m, String entry, Dim3 grid, Dim3 block, int smem,
            Object... args) throws Exception {
        return cleanWith(dev, m, entry, grid, block, smem, LaunchOptions.allChecks(), args);
    }

    static LaunchResult cleanWith(Device dev, PtxModule m, String entry, Dim3 grid, Dim3 block, int smem,
            LaunchOptions opt, Object... args) throws Exception {
        LaunchResult r = dev.launch(m, entry, grid, block, smem, opt, args);
        assertThat(r.diagnostics()).as("diagnostics of " + entry).isEmpty();
        assertThat(r.status()).isEqualTo(LaunchResult.Status.COMPLETED);
        return r;
    }
}
