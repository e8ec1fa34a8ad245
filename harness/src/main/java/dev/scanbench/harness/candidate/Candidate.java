package dev.scanbench.harness.candidate;

import dev.scanbench.harness.compile.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kernel file as read, once: what the plan parser and the compiler both see, so the file cannot change
 * between the two reads (a candidate swapping its plan after compilation, or an editor saving mid-run).
 *
 * @param path  the path as the user gave it
 * @param kind  what the extension says the file is
 * @param bytes the file's content
 */
public record Candidate(Path path, CandidateKind kind, byte[] bytes) {

    public Candidate {
        bytes = bytes.clone();
    }

    /**
     * Reads a kernel file.
     *
     * @throws UnsupportedCandidateException when the extension is none of .cu, .ptx, .cubin, .py
     * @throws IOException                   when the file cannot be read
     */
    public static Candidate read(Path path) throws IOException, UnsupportedCandidateException {
        CandidateKind kind = CandidateKind.of(path.getFileName().toString()).orElseThrow(
                () -> new UnsupportedCandidateException(path + ": unknown kernel file type; the workbench takes"
                        + " .cu (CUDA C++), .ptx, .cubin (CUDA backend only) and .py (Triton)"));
        return new Candidate(path, kind, Files.readAllBytes(path));
    }

    /** A copy of the content. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The content as UTF-8 text (for .cu, .ptx and .py). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** SHA-256 (hex) of the content, as the score log records it. */
    public String contentHash() {
        return kind == CandidateKind.CUBIN ? Sha256.hex(bytes) : Sha256.hex(text());
    }
}
