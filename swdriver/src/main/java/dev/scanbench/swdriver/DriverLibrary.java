package dev.scanbench.swdriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds {@code libcuda.so.1}. The build puts it on the class path ({@code dev/scanbench/swdriver/native}); run from
 * a build tree it is loaded where it lies, so a sandbox that binds the build outputs read-only can load it; from a
 * jar it is loaded from beside the jar when the build placed a copy there, else extracted once into the temporary
 * directory, named by its content hash.
 */
final class DriverLibrary {
    static final String FILE = "libcuda.so.1";
    private static final String RESOURCE = "native/" + FILE;

    private DriverLibrary() {
    }

    static Path locate() {
        String override = System.getenv(SoftwareDriver.LIBRARY_ENV);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(SoftwareDriver.LIBRARY_ENV + "=" + override + " is not a file");
            }
            return p;
        }
        URL url = SoftwareDriver.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the software CUDA driver is not built into this class path (no "
                    + RESOURCE + "); build the project with Maven, which compiles it with gcc");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            byte[] bytes;
            try (InputStream in = url.openStream()) {
                bytes = in.readAllBytes();
            }
            Path beside = besideJar();
            if (beside != null && Files.isRegularFile(beside) && Files.size(beside) == bytes.length
                    && hash(Files.readAllBytes(beside)).equals(hash(bytes))) {
                return beside;
            }
            return extract(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the software CUDA driver: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path besideJar() {
        try {
            Path jar = Path.of(SoftwareDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? jar.resolveSibling(FILE) : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    private static Path extract(byte[] bytes) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "workbench-swdriver-" + hash(bytes).substring(0, 16));
        Path target = dir.resolve(FILE);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return target;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, FILE, ".partial");
        Files.write(partial, bytes);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
