package dev.scanbench.baseline.npy;

import dev.scanbench.baseline.npy.NpyFormatException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes 1-D little-endian int32 arrays in numpy's {@code .npy} format (versions 1.0 and 2.0), the
 * exchange format for inputs and outputs. Data moves in bulk through a direct buffer, so 400 MB files take
 * about as long as the disk needs. Files written here are byte-identical to {@code numpy.save} of the same
 * {@code int32} array.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the start of the data to this many bytes. */
    private static final int ALIGN = 64;
    /** numpy pads the shape so a later append can grow the header in place; copied so files match. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Headers of 1-D arrays are under 200 bytes; a much larger declared length is a corrupt file. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** Bytes moved per bulk transfer: large enough for full disk speed, small enough to stay in cache. */
    private static final int BLOCK_BYTES = 1 << 22;

    private Npy() {
    }

    /**
     * Reads a 1-D int32 array.
     *
     * @param file the {@code .npy} file
     * @return its elements
     * @throws NpyFormatException if the file is not a 1-D little-endian int32 array in format 1.0 or 2.0
     * @throws IOException        if the file cannot be read
     */
    public static int[] readInt32(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, prefix, 0);
            checkMagic(file, prefix);
            if (prefix.position() < 10) {
                throw new NpyFormatException(file, Problem.MALFORMED_HEADER,
                        "header truncated: the file ends after " + prefix.position() + " bytes");
            }
            int major = prefix.get(6) & 0xFF;
            int minor = prefix.get(7) & 0xFF;
            long headerLength;
            int prefixLength;
            if (major == 1 && minor == 0) {
                headerLength = prefix.getShort(8) & 0xFFFF;
                prefixLength = 10;
            } else if (major == 2 && minor == 0) {
                headerLength = prefix.getInt(8) & 0xFFFF_FFFFL;
                prefixLength = 12;
            } else {
                throw new NpyFormatException(file, Problem.UNSUPPORTED_VERSION,
                        "format version " + major + "." + minor + " is not supported (1.0 and 2.0 are)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new NpyFormatException(file, Problem.MALFORMED_HEADER, "header length " + headerLength
                        + " bytes is implausible for a 1-D array (at most " + MAX_HEADER_BYTES + " accepted)");
            }
            if (prefix.position() < prefixLength || prefixLength + headerLength > size) {
                throw new NpyFormatException(file, Problem.MALFORMED_HEADER, "header truncated: it declares "
                        + headerLength + " bytes after offset " + prefixLength + " but the file has " + size);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(ch, header, prefixLength);
            long n = NpyHeader.elementCount(file, new String(header.array(), StandardCharsets.ISO_8859_1));
            long dataStart = prefixLength + headerLength;
            long expected = n * Integer.BYTES;
            long actual = size - dataStart;
            if (actual != expected) {
                throw new NpyFormatException(file, Problem.WRONG_DATA_LENGTH, (actual < expected
                        ? "truncated data: " : "trailing data: ") + "expected " + expected + " bytes for "
                        + n + " int32 elements, found " + actual + " bytes after the header");
            }
            int[] values = new int[(int) n];
            readData(ch, dataStart, values);
            return values;
        }
    }

    /**
     * Writes a 1-D int32 array, atomically: the data goes to a temporary file in the same folder, which is then
     * renamed over {@code file}, so a failure never leaves a partial output.
     *
     * @param file   the {@code .npy} file to create or replace
     * @param values the elements
     * @throws IOException if writing or renaming fails; {@code file} is then unchanged
     */
    public static void writeInt32(Path file, int[] values) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(header(values.length)));
                writeData(ch, values);
                ch.force(true); // the rename must not become durable before the data
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** The version 1.0 header numpy writes for a 1-D {@code <i4} array of length n. */
    static byte[] header(long n) {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + n + ",), }";
        StringBuilder b = new StringBuilder(dict);
        b.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(n).length()));
        int unpadded = MAGIC.length + 2 + 2 + b.length() + 1;
        b.append(" ".repeat(ALIGN - unpadded % ALIGN)).append('\n');
        byte[] text = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    private static void checkMagic(Path file, ByteBuffer prefix) throws NpyFormatException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= prefix.position() || prefix.get(i) != MAGIC[i]) {
                StringBuilder found = new StringBuilder();
                for (int j = 0; j < Math.min(prefix.position(), MAGIC.length); j++) {
                    found.append(String.format("\\x%02x", prefix.get(j)));
                }
                throw new NpyFormatException(file, Problem.BAD_MAGIC,
                        "not a .npy file: bad magic, expected \\x93NUMPY, found '" + found + "'");
            }
        }
    }

    private static void readData(FileChannel ch, long start, int[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long position = start;
        int done = 0;
        while (done < values.length) {
            int count = Math.min(values.length - done, BLOCK_BYTES / Integer.BYTES);
            buf.clear().limit(count * Integer.BYTES);
            readFully(ch, buf, position);
            buf.flip();
            buf.asIntBuffer().get(values, done, count);
            position += (long) count * Integer.BYTES;
            done += count;
        }
    }

    private static void writeData(FileChannel ch, int[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < values.length) {
            int count = Math.min(values.length - done, BLOCK_BYTES / Integer.BYTES);
            buf.clear();
            buf.asIntBuffer().put(values, done, count);
            buf.limit(count * Integer.BYTES);
            writeFully(ch, buf);
            done += count;
        }
    }

    /** Reads until {@code buf} is full or the file ends; the caller checks how much arrived. */
    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) {
                return;
            }
            p += r;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
