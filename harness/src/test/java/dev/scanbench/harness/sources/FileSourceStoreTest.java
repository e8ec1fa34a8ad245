package dev.scanbench.harness.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.compile.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content-addressed source store: one object per content, checked on every read, repaired on put. */
class FileSourceStoreTest {
    private static final byte[] KERNEL = "extern \"C\" __global__ void k() {}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theSameSourceIsStoredOnceUnderItsHashAndReadsBack() throws Exception {
        FileSourceStore store = new FileSourceStore(dir.resolve("s.jsonl.sources"));

        StoredSource first = store.put("a.cu", KERNEL);
        StoredSource second = store.put("renamed.cu", KERNEL);

        assertThat(first.sha256()).isEqualTo(Sha256.hex(KERNEL)).isEqualTo(second.sha256());
        assertThat(first.bytes()).isEqualTo(KERNEL.length);
        try (Stream<Path> files = Files.walk(store.directory())) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(store.objectFile(first.sha256()));
        }
        assertThat(store.read(first.sha256())).hasValueSatisfying(b -> assertThat(b).isEqualTo(KERNEL));
        assertThat(store.objectFile(first.sha256()).getParent().getFileName().toString())
                .isEqualTo(first.sha256().substring(0, 2));
    }

    @Test
    void anEditedObjectIsCaughtOnReadAndRepairedByTheNextPut() throws Exception {
        FileSourceStore store = new FileSourceStore(dir);
        String hash = store.put("a.cu", KERNEL).sha256();
        Files.writeString(store.objectFile(hash), "// edited\n");

        assertThatThrownBy(() -> store.read(hash)).isInstanceOf(SourceCorruptedException.class)
                .hasMessageContaining(hash).hasMessageContaining("edited or damaged");

        store.put("a.cu", KERNEL);
        assertThat(store.read(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(KERNEL));
    }

    @Test
    void aMissingObjectIsEmptyAndANameThatIsNotAHashIsRefused() throws Exception {
        FileSourceStore store = new FileSourceStore(dir);

        assertThat(store.read("0".repeat(64))).isEmpty();
        assertThatThrownBy(() -> store.read("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
