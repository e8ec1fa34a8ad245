package dev.scanbench.baseline.npy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .npy} file that is not a 1-D little-endian int32 array in format version 1.0 or 2.0. The message names
 * the file and the exact problem; {@link #problem()} classifies it for callers that react differently.
 */
public final class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** The file does not start with {@code \x93NUMPY}. */
        BAD_MAGIC,
        /** A format version other than 1.0 or 2.0. */
        UNSUPPORTED_VERSION,
        /** The header is not a dict with exactly the keys descr, fortran_order and shape. */
        MALFORMED_HEADER,
        /** An element type other than int32. */
        WRONG_DTYPE,
        /** int32, but big-endian. */
        BIG_ENDIAN,
        /** Not one-dimensional. */
        NOT_ONE_DIMENSIONAL,
        /** Fewer or more data bytes than the shape requires. */
        WRONG_DATA_LENGTH,
        /** More elements than a Java array holds. */
        TOO_LONG
    }

    private final transient Path file;
    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param file    the file being read
     * @param problem the kind of problem
     * @param detail  what exactly is wrong, in words
     */
    public NpyFormatException(Path file, Problem problem, String detail) {
        super(file + ": " + detail);
        this.file = file;
        this.problem = problem;
    }

    /**
     * The file that was being read.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * What kind of problem the file has.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
