package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/copy.cu: grid-stride loop, by-value struct parameter, 3-D indices, module variables. */
class CopyCorpusTest {
    @Test
    void gridStrideCopyMovesEveryElement() throws Exception {
        PtxModule m = Nvcc.load("copy.cu");
        int n = 10_007;
        int[] in = new Random(1).ints(n).toArray();
        try (Device dev = new Device()) {
            DevicePointer x = dev.alloc(4L * n);
            DevicePointer y = dev.alloc(4L * n);
            dev.copyIn(x, in);
            LaunchResult r = Run.clean(dev, m, "grid_copy", Dim3.of(7), Dim3.of(128), 0, x, y, n);
            int[] out = new int[n];
            dev.copyOut(y, out);
            assertThat(out).isEqualTo(in);
            assertThat(r.counters().globalBytesRead()).isEqualTo(4L * n);
            assertThat(r.counters().globalBytesWritten()).isEqualTo(4L * n);
        }
    }

    @Test
    void structParameterIsMarshalledFromTheDeclaredParamList() throws Exception {
        PtxModule m = Nvcc.load("copy.cu");
        try (Device dev = new Device()) {
            DevicePointer y = dev.alloc(4L * 100);
            dev.memset(y, (byte) 0, 400);
            Run.clean(dev, m, "struct_param", Dim3.of(2), Dim3.of(64), 0, Args.struct(y, 90, -3));
            int[] out = new int[100];
            dev.copyOut(y, out);
            for (int i = 0; i < 100; i++) {
                assertThat(out[i]).as("out[%d]", i).isEqualTo(i < 90 ? -3 * i : 0);
            }
        }
    }

    @Test
    void threeDimensionalIndicesMatchTheLaunchShape() throws Exception {
        PtxModule m = Nvcc.load("copy.cu");
        Dim3 grid = new Dim3(2, 3, 2);
        Dim3 block = new Dim3(5, 4, 3);
        int total = (int) (grid.count() * block.count());
        try (Device dev = new Device()) {
            DevicePointer y = dev.alloc(4L * total);
            Run.clean(dev, m, "coords", grid, block, 0, y);
            int[] out = new int[total];
            dev.copyOut(y, out);
            int k = 0;
            for (int bz = 0; bz < 2; bz++) {
                for (int by = 0; by < 3; by++) {
                    for (int bx = 0; bx < 2; bx++) {
                        for (int tz = 0; tz < 3; tz++) {
                            for (int ty = 0; ty < 4; ty++) {
                                for (int tx = 0; tx < 5; tx++) {
                                    assertThat(out[k++]).isEqualTo(bz << 24 | by << 16 | tz << 12 | ty << 8 | tx);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void moduleGlobalAndConstVariablesAreInitialised() throws Exception {
        PtxModule m = Nvcc.load("copy.cu");
        try (Device dev = new Device()) {
            DevicePointer y = dev.alloc(4L * 8);
            Run.clean(dev, m, "module_vars", Dim3.of(1), Dim3.of(8), 0, y);
            int[] out = new int[8];
            dev.copyOut(y, out);
            assertThat(out).containsExactly(17, 27, 37, 47, 17, 27, 37, 47);
            dev.copyIn(dev.symbol(m, "counter"), new int[] {100});
            Run.clean(dev, m, "module_vars", Dim3.of(1), Dim3.of(8), 0, y);
            dev.copyOut(y, out);
            assertThat(out[0]).isEqualTo(110);
        }
    }

    @Test
    void wrongArgumentsAreRefusedWithTheParameterName() throws Exception {
        PtxModule m = Nvcc.load("copy.cu");
        try (Device dev = new Device()) {
            DevicePointer y = dev.alloc(64);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> dev.launch(m, "grid_copy", Dim3.of(1), Dim3.of(1), 0, LaunchOptions.defaults(), y, y, 5L))
                    .isInstanceOf(LaunchException.class).hasMessageContaining("grid_copy_param_2");
        }
    }
}
