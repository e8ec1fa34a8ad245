package dev.scanbench.baseline.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.baseline.input.InputGenerator;
import dev.scanbench.baseline.input.InputPattern;
import dev.scanbench.baseline.npy.NpyFormatException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    /** A hand-built file: magic, version, header text padded like numpy, then {@code dataBytes} bytes. */
    private Path file(String name, int major, String dict, int dataBytes) throws IOException {
        int prefix = major == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        b.put(text);
        for (int i = 0; i < dataBytes / 4; i++) {
            b.putInt(i - 2);
        }
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static String dict(String descr, String fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    }

    private static void assertRejected(Path p, Problem problem, String... fragments) {
        assertThatThrownBy(() -> Npy.readInt32(p)).isInstanceOfSatisfying(NpyFormatException.class, e -> {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.file()).isEqualTo(p);
            assertThat(e.getMessage()).startsWith(p.toString()).contains(fragments);
        });
    }

    @Test
    void roundTripOfSeveralSizesIncludingMoreThanOneBlock() throws IOException {
        for (int n : new int[] {0, 1, 1000, 3_000_001}) {
            int[] x = new int[n];
            InputPattern.EXTREME.fill(n, x);
            Path p = dir.resolve("x" + n + ".npy");
            Npy.writeInt32(p, x);
            assertThat(Npy.readInt32(p)).isEqualTo(x);
            assertThat(Files.size(p) % 4).isZero();
        }
    }

    @Test
    void headerIsAlignedLikeNumpys() {
        byte[] h = Npy.header(3);
        assertThat(h.length).isEqualTo(128);
        assertThat(h[h.length - 1]).isEqualTo((byte) '\n');
        assertThat(new String(h, 10, h.length - 10, StandardCharsets.ISO_8859_1))
                .startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), } ").endsWith(" \n");
    }

    @Test
    void readsVersion2AndFortranOrderFor1D() throws IOException {
        assertThat(Npy.readInt32(file("v2.npy", 2, dict("<i4", "False", "(3,)"), 12))).containsExactly(-2, -1, 0);
        assertThat(Npy.readInt32(file("f.npy", 1, dict("<i4", "True", "(2,)"), 8))).containsExactly(-2, -1);
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("y.npy");
        Npy.writeInt32(p, new int[] {1, 2, 3});
        Npy.writeInt32(p, InputGenerator.generate(1, 10));
        assertThat(Npy.readInt32(p)).isEqualTo(InputGenerator.generate(1, 10));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(p);
        }
    }

    @Test
    void failedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        // The rename cannot replace a non-empty directory: the write fails at its very last step.
        Path target = dir.resolve("out.npy");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");
        assertThatThrownBy(() -> Npy.writeInt32(target, new int[] {1, 2})).isInstanceOf(IOException.class);
        assertThat(target.resolve("keep")).hasContent("x");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void badMagic() throws IOException {
        Path p = dir.resolve("text.npy");
        Files.writeString(p, "hello, world, not numpy");
        assertRejected(p, Problem.BAD_MAGIC, "bad magic", "\\x93NUMPY", "\\x68\\x65");
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertRejected(empty, Problem.BAD_MAGIC, "bad magic");
    }

    @Test
    void unsupportedVersion() throws IOException {
        assertRejected(file("v3.npy", 3, dict("<i4", "False", "(1,)"), 4),
                Problem.UNSUPPORTED_VERSION, "version 3.0", "1.0 and 2.0");
    }

    @Test
    void malformedHeaders() throws IOException {
        assertRejected(file("m1.npy", 1, "{'descr': '<i4', 'shape': (1,), }", 4),
                Problem.MALFORMED_HEADER, "malformed header", "fortran_order");
        assertRejected(file("m2.npy", 1, "{'descr': '<i4' 'fortran_order': False}", 4),
                Problem.MALFORMED_HEADER, "malformed header", "offset 16", "',' expected");
        assertRejected(file("m3.npy", 1, dict("<i4", "Maybe", "(1,)"), 4),
                Problem.MALFORMED_HEADER, "unexpected value");
        assertRejected(file("m4.npy", 1, dict("<i4", "False", "(x,)"), 4),
                Problem.MALFORMED_HEADER, "dimension expected");
    }

    @Test
    void wrongDtypesNameTheDtype() throws IOException {
        assertRejected(file("i8.npy", 1, dict("<i8", "False", "(1,)"), 8),
                Problem.WRONG_DTYPE, "'<i8'", "int32 ('<i4') is required");
        assertRejected(file("f4.npy", 1, dict("<f4", "False", "(1,)"), 4),
                Problem.WRONG_DTYPE, "'<f4'", "int32");
        assertRejected(file("be.npy", 1, dict(">i4", "False", "(1,)"), 4),
                Problem.BIG_ENDIAN, "'>i4'", "big-endian");
    }

    @Test
    void multiDimensionalShapesAreNamed() throws IOException {
        assertRejected(file("2d.npy", 1, dict("<i4", "False", "(2, 3)"), 24),
                Problem.NOT_ONE_DIMENSIONAL, "shape (2, 3)", "2 dimensions");
        assertRejected(file("0d.npy", 1, dict("<i4", "False", "()"), 4),
                Problem.NOT_ONE_DIMENSIONAL, "shape ()", "0 dimensions");
    }

    @Test
    void truncatedOrTrailingDataGivesByteCounts() throws IOException {
        assertRejected(file("short.npy", 1, dict("<i4", "False", "(5,)"), 12),
                Problem.WRONG_DATA_LENGTH, "truncated data", "expected 20 bytes", "found 12 bytes");
        assertRejected(file("long.npy", 1, dict("<i4", "False", "(2,)"), 12),
                Problem.WRONG_DATA_LENGTH, "trailing data", "expected 8 bytes", "found 12 bytes");
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 100, 0, '{'});
        assertRejected(cut, Problem.MALFORMED_HEADER, "header truncated");
        Path absurd = dir.resolve("absurd.npy");
        Files.write(absurd, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, (byte) 0x80, '{'});
        assertRejected(absurd, Problem.MALFORMED_HEADER, "header length 2147483648 bytes is implausible");
    }

    @Test
    void lengthBeyondAJavaArray() throws IOException {
        assertRejected(file("huge.npy", 2, dict("<i4", "False", "(2147483648,)"), 0),
                Problem.TOO_LONG, "2147483648", "largest Java array");
    }
}
