package dev.scanbench.benchmarks.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles a benchmark kernel with the real nvcc (sm_90a, -O3, -lineinfo) into a temporary directory. */
final class KernelSource {
    private KernelSource() {
    }

    static String ptx(String resource) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("scanbench-bench");
        Path cu = dir.resolve(resource);
        try (InputStream in = KernelSource.class.getResourceAsStream("/kernels/" + resource)) {
            if (in == null) {
                throw new IOException("missing kernel resource " + resource);
            }
            Files.write(cu, in.readAllBytes());
        }
        Path ptx = dir.resolve("out.ptx");
        Process p = new ProcessBuilder(List.of("nvcc", "-O3", "-arch=sm_90a", "-ptx", "-lineinfo", cu.toString(), "-o",
                ptx.toString())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("nvcc failed: " + log);
        }
        return Files.readString(ptx);
    }
}
