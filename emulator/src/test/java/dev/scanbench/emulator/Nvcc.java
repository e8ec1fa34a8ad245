package dev.scanbench.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles corpus kernels with the real nvcc ({@code -O3 -arch=sm_90a -ptx -lineinfo}) and caches the PTX
 * under target/ptx-cache, keyed by a hash of the source and the flags.
 */
final class Nvcc {
    static final List<String> FLAGS = List.of("-O3", "-arch=sm_90a", "-ptx", "-lineinfo");
    private static final Path CACHE = Path.of("target", "ptx-cache");

    private Nvcc() {
    }

    /** The CUDA source {@code src/test/resources/corpus/<name>}. */
    static String source(String name) throws IOException {
        try (InputStream in = Nvcc.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IOException("no corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** PTX of {@code src/test/resources/corpus/<name>}. */
    static String ptx(String name) throws IOException, InterruptedException {
        String src = source(name);
        String key = hash(src + FLAGS);
        Path out = CACHE.resolve(name.replace(".cu", "") + "-" + key.substring(0, 16) + ".ptx");
        if (Files.exists(out)) {
            return Files.readString(out);
        }
        Files.createDirectories(CACHE);
        Path cu = CACHE.resolve(name);
        Files.writeString(cu, src);
        Path tmp = Files.createTempFile(CACHE, "nvcc", ".ptx");
        List<String> cmd = new java.util.ArrayList<>(List.of("nvcc"));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of(cu.toString(), "-o", tmp.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("nvcc failed for " + name + ":\n" + log);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return Files.readString(out);
    }

    static PtxModule load(String name) throws Exception {
        return Emulator.load(ptx(name));
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
