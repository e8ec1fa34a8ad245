package dev.scanbench.sandbox.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed entries: what the store wrote comes back; anything else, however plausible, does not. */
class SealedStoreTest {
    private static final String KEY = "a".repeat(64);

    @TempDir
    Path dir;

    private static Map<String, byte[]> files(String ptx) {
        return Map.of("kernel.ptx", ptx.getBytes(StandardCharsets.UTF_8), "meta.json",
                "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Optional<Map<String, byte[]>> entry, String name) {
        return new String(entry.orElseThrow().get(name), StandardCharsets.UTF_8);
    }

    @Test
    void whatWasStoredLoadsBack() throws Exception {
        SealedStore store = new SealedStore(dir);
        store.store(KEY, files(".entry compare"));

        assertThat(text(store.load(KEY), "kernel.ptx")).isEqualTo(".entry compare");
        assertThat(text(new SealedStore(dir).load(KEY), "meta.json")).as("another instance, same key file")
                .isEqualTo("{\"ok\":true}");
        assertThat(store.load("b".repeat(64))).isEmpty();
    }

    @Test
    void anEditedFileIsNeverServedAndTheEntryIsRemoved() throws Exception {
        SealedStore store = new SealedStore(dir);
        store.store(KEY, files(".entry compare"));
        Files.writeString(dir.resolve(KEY).resolve("kernel.ptx"), ".entry always_equal");

        assertThat(store.load(KEY)).isEmpty();
        assertThat(dir.resolve(KEY)).doesNotExist();
    }

    @Test
    void anEntryWrittenWithoutTheKeyIsNeverServedEvenWithConsistentHashes() throws Exception {
        SealedStore store = new SealedStore(dir);
        store.store(KEY, files(".entry compare"));
        // A forger who cannot read the key: a perfectly formed entry, its "seal" the plain SHA-256 of its parts.
        Path forged = Files.createDirectory(dir.resolve("c".repeat(64)));
        Files.writeString(forged.resolve("kernel.ptx"), ".entry always_equal");
        Files.writeString(forged.resolve("seal"), SealedStore.sha256Hex(".entry always_equal".getBytes()) + "\n");

        assertThat(store.load("c".repeat(64))).isEmpty();
    }

    @Test
    void addedOrRemovedFilesBreakTheSeal() throws Exception {
        SealedStore store = new SealedStore(dir);
        store.store(KEY, files("x"));
        Files.writeString(dir.resolve(KEY).resolve("extra.ptx"), "y");
        assertThat(store.load(KEY)).isEmpty();

        store.store(KEY, files("x"));
        Files.delete(dir.resolve(KEY).resolve("meta.json"));
        assertThat(store.load(KEY)).isEmpty();
    }

    @Test
    void anEntryMovedFromAnotherStoreDoesNotCount() throws Exception {
        SealedStore other = new SealedStore(dir.resolve("other"));
        other.store(KEY, files("theirs"));
        SealedStore mine = new SealedStore(dir.resolve("mine"));
        mine.store("d".repeat(64), files("mine"));
        Files.move(dir.resolve("other").resolve(KEY), dir.resolve("mine").resolve(KEY));

        assertThat(mine.load(KEY)).isEmpty();
    }

    @Test
    void theKeyIsReadableByItsOwnerOnlyAndALeakedKeyIsReplaced() throws Exception {
        SealedStore store = new SealedStore(dir);
        store.store(KEY, files("x"));
        Path keyFile = dir.resolve(".seal-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        SealedStore reopened = new SealedStore(dir);
        assertThat(reopened.load(KEY)).as("sealed under a key others could read").isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void namesThatCouldEscapeTheFolderAreRefused() {
        SealedStore store = new SealedStore(dir);
        assertThatThrownBy(() -> store.load("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.store(KEY, Map.of("../x", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.store(KEY, Map.of("seal", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
