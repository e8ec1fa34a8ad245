package dev.scanbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code --json-file}: the result document written to a file whole, so that a reader (a scoring service waiting
 * for its child) sees either nothing or all of it.
 */
final class JsonFile {
    private JsonFile() {
    }

    /**
     * Checks before any work that the file can be written where asked.
     *
     * @throws CliFailure (usage) when its folder does not exist or the path is a folder
     */
    static void checkWritable(Path file) throws CliFailure {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent)) {
            throw new CliFailure(ExitCode.USAGE, "--json-file " + file + ": "
                    + (Files.isDirectory(file) ? "is a folder" : "its folder does not exist"));
        }
    }

    /** Writes {@code doc} to a temporary sibling and renames it to {@code file}. */
    static void write(Path file, JsonNode doc) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.writeString(tmp, Json.MAPPER.writeValueAsString(doc) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
