package dev.scanbench.harness.plan;

import java.util.Locale;

/** The line-comment marker that carries {@code @plan} directives in each kind of kernel file. */
public enum CommentStyle {
    /** {@code //} comments: CUDA C++ and PTX. */
    SLASHES("//"),
    /** {@code #} comments: Triton Python. */
    HASH("#");

    private final String marker;

    CommentStyle(String marker) {
        this.marker = marker;
    }

    /** The comment marker, e.g. {@code //}. */
    public String marker() {
        return marker;
    }

    /**
     * The style for a kernel file name: {@code #} for {@code .py}, {@code //} for {@code .cu}, {@code .cuh} and
     * {@code .ptx}.
     *
     * @throws IllegalArgumentException for any other extension (such files carry no plan comments)
     */
    public static CommentStyle forFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py")) {
            return HASH;
        }
        if (lower.endsWith(".cu") || lower.endsWith(".cuh") || lower.endsWith(".ptx")) {
            return SLASHES;
        }
        throw new IllegalArgumentException(fileName + ": no @plan comment syntax for this file type"
                + " (expected .cu, .cuh, .ptx or .py)");
    }
}
