package dev.scanbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSourcesTest {
    @TempDir
    Path dir;

    /** A toy language: every line "use NAME" refers to NAME, from the referring file's folder, then the root's. */
    private static List<List<Path>> uses(Path root, String relative, String text) {
        Path from = root.resolve(relative).getParent();
        List<List<Path>> refs = new ArrayList<>();
        text.lines().filter(l -> l.startsWith("use ")).map(l -> l.substring(4))
                .forEach(n -> refs.add(List.of(from.resolve(n), root.resolve(n))));
        return refs;
    }

    private byte[] write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void referencesAreFollowedRecursivelyOnceEachInTheOrderFound() throws Exception {
        byte[] main = write("k.src", "use a\nuse sub/b\nuse a\nuse k.src\nuse missing\n");
        write("a", "use sub/b\n");
        write("sub/b", "use c\n");      // from sub/ first: sub/c
        write("sub/c", "nothing\n");
        write("c", "not this one\n");

        SourceFiles files = LocalSources.collect("k.src", main, dir, LocalSourcesTest::uses);

        assertThat(files.files()).extracting(SourceFiles.SourceFile::path).containsExactly("k.src", "a", "sub/b", "sub/c");
    }

    @Test
    void aFileOutsideTheFolderIsNeverTakenThroughDotDotOrALink(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret"), "use nothing\n");
        Files.createSymbolicLink(dir.resolve("link"), outside.resolve("secret"));
        byte[] main = write("k.src", "use ../" + outside.getFileName() + "/secret\nuse link\n");

        SourceFiles files = LocalSources.collect("k.src", main, dir, LocalSourcesTest::uses);

        assertThat(files.files()).extracting(SourceFiles.SourceFile::path).containsExactly("k.src");
    }

    @Test
    void moreFilesThanTheSandboxTakesAreRefused() throws Exception {
        StringBuilder main = new StringBuilder();
        for (int i = 0; i <= SandboxDefaults.MAX_SOURCE_FILES; i++) {
            write("f" + i, "x\n");
            main.append("use f").append(i).append('\n');
        }
        byte[] text = write("k.src", main.toString());

        assertThatThrownBy(() -> LocalSources.collect("k.src", text, dir, LocalSourcesTest::uses))
                .isInstanceOf(LocalSources.TooManyFiles.class).hasMessageContaining(SandboxDefaults.MAX_SOURCE_FILES + " files");
    }

    @Test
    void withoutAFolderOnlyTheCandidateIsThere() throws Exception {
        SourceFiles files = LocalSources.collect("k.src", "use a\n".getBytes(StandardCharsets.UTF_8), null,
                LocalSourcesTest::uses);
        assertThat(files.files()).hasSize(1);
    }
}
