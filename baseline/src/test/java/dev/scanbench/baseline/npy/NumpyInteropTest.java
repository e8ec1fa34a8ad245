package dev.scanbench.baseline.npy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanbench.baseline.oracle.ParallelOracle;
import dev.scanbench.baseline.oracle.SequentialOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bit-exact exchange with real numpy, and the oracle checked against an independent numpy implementation. */
class NumpyInteropTest {

    /** numpy writes x: mostly the task range, some full-range int32 values so sums wrap around. */
    private static final String WRITE_INPUT = String.join("\n",
            "import sys, numpy as np",
            "rng = np.random.default_rng(int(sys.argv[2]))",
            "n = int(sys.argv[3])",
            "x = rng.integers(-10, 10, size=n, dtype=np.int32)",
            "wide = rng.random(n) < 0.05",
            "x[wide] = rng.integers(-2**31, 2**31, size=int(wide.sum()), dtype=np.int64).astype(np.int32)",
            "x[1] = np.iinfo(np.int32).min; x[2] = np.iinfo(np.int32).max",
            "np.save(sys.argv[1], x)",
            "np.lib.format.write_array(open(sys.argv[1] + '.v2', 'wb'), x, version=(2, 0))");

    /** The definition in numpy, vectorised and independent of the Java code: cumsum of the selected values. */
    private static final String CHECK_OUTPUT = String.join("\n",
            "import sys, numpy as np",
            "x = np.load(sys.argv[1]); y = np.load(sys.argv[2])",
            "assert x.dtype == np.int32 and y.dtype == np.int32 and x.shape == y.shape, (x.dtype, y.dtype)",
            "pos = (x > 0).astype(np.int64)",
            "odd_before = (np.cumsum(pos) - pos) % 2 == 1",
            "expected = np.cumsum(np.where(odd_before, x.astype(np.int64), 0))",
            "expected = (expected & 0xFFFFFFFF).astype(np.uint32).view(np.int32)",
            "bad = np.flatnonzero(expected != y)",
            "if bad.size: sys.exit(f'MISMATCH at {bad[0]}: numpy {expected[bad[0]]} java {y[bad[0]]}')",
            "np.save(sys.argv[3], y)",
            "print('OK', y.size)");

    @TempDir
    Path dir;

    @Test
    void numpyInputJavaScanNumpyCheck() throws Exception {
        int n = 1_000_003;
        Path x = dir.resolve("x.npy");
        PythonNumpy.runScript(WRITE_INPUT, x.toString(), "77", Integer.toString(n));

        int[] input = Npy.readInt32(x);
        assertThat(input).hasSize(n);
        assertThat(input[1]).isEqualTo(Integer.MIN_VALUE);
        assertThat(input[2]).isEqualTo(Integer.MAX_VALUE);
        assertThat(Npy.readInt32(Path.of(x + ".v2"))).isEqualTo(input);

        int[] output = new ParallelOracle(3, 1000).scan(input);
        assertThat(output).isEqualTo(new SequentialOracle().scan(input));
        Path y = dir.resolve("y.npy");
        Npy.writeInt32(y, output);

        Path resaved = dir.resolve("y_numpy.npy");
        String out = PythonNumpy.runScript(CHECK_OUTPUT, x.toString(), y.toString(), resaved.toString());
        assertThat(out.strip()).isEqualTo("OK " + n);
        // numpy.save of the same array produces the same bytes as our writer.
        assertThat(Files.readAllBytes(y)).isEqualTo(Files.readAllBytes(resaved));
    }
}
