package dev.scanbench.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One file a compiler read, by the path its user knows and the SHA-256 of its content.
 *
 * @param path   the path (the candidate's own as given; the others beside it, e.g. {@code kernels/inc/tile.cuh})
 * @param sha256 lowercase hex SHA-256 of the file's bytes
 */
public record SourceDigest(String path, String sha256) {

    /** @return the digest of {@code content} under {@code path} */
    public static SourceDigest of(String path, byte[] content) {
        return new SourceDigest(path, sha256(content));
    }

    /**
     * The one hash that stands for a set of sources (the candidate first): the candidate's own SHA-256 when it is
     * the only file, else the SHA-256 of their {@code sha256sum} listing ({@code "<sha256>  <path>\n"} per file,
     * in this order), which {@code sha256sum FILE... | sha256sum} reproduces when run where the paths hold.
     */
    public static String combined(List<SourceDigest> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sources");
        }
        if (sources.size() == 1) {
            return sources.get(0).sha256();
        }
        StringBuilder listing = new StringBuilder();
        for (SourceDigest s : sources) {
            listing.append(s.sha256()).append("  ").append(s.path()).append('\n');
        }
        return sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
