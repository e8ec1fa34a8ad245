package dev.scanbench.swdriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real nvcc and ptxas for the tests (this module has no compile cache of its own; the kernels are tiny). */
final class Nvcc {
    private Nvcc() {
    }

    /** {@code nvcc -O3 -arch=sm_90a -ptx}. */
    static String ptx(String cuda) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("swdriver-nvcc-");
        Path cu = dir.resolve("k.cu");
        Files.writeString(cu, cuda);
        run(dir, "nvcc", "-O3", "-arch=sm_90a", "-ptx", cu.toString(), "-o", dir.resolve("k.ptx").toString());
        return Files.readString(dir.resolve("k.ptx"));
    }

    /** {@code ptxas -arch=ARCH} of a PTX. */
    static byte[] cubin(String ptx, String arch) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("swdriver-ptxas-");
        Path p = dir.resolve("k.ptx");
        Files.writeString(p, arch.equals("sm_90a") ? ptx : ptx.replace(".target sm_90a", ".target " + arch));
        run(dir, "ptxas", "-arch=" + arch, "-m64", p.toString(), "-o", dir.resolve("k.cubin").toString());
        return Files.readAllBytes(dir.resolve("k.cubin"));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", c) + " failed:\n" + out);
        }
    }
}
