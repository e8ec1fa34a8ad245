package dev.scanbench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** corpus/async.cu: cp.async groups and bulk copies with mbarrier completion. */
class AsyncCorpusTest {
    @Test
    void cpAsyncStagesLandBeforeTheirWait() throws Exception {
        PtxModule m = Nvcc.load("async.cu");
        int[] v = new Random(12).ints(512).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * 512);
            DevicePointer out = dev.alloc(4L * 256);
            dev.copyIn(in, v);
            Run.clean(dev, m, "cp_async_stages", Dim3.of(1), Dim3.of(256), 0, in, out);
            int[] o = new int[256];
            dev.copyOut(out, o);
            for (int t = 0; t < 256; t++) {
                assertThat(o[t]).isEqualTo(v[(t + 1) & 255] + v[256 + ((t + 3) & 255)]);
            }
        }
    }

    @Test
    void bulkCopiesCompleteOnTheMbarrierAndStoreBack() throws Exception {
        PtxModule m = Nvcc.load("async.cu");
        int blocks = 3;
        int[] v = new Random(13).ints(1024 * blocks).toArray();
        try (Device dev = new Device()) {
            DevicePointer in = dev.alloc(4L * v.length);
            DevicePointer out = dev.alloc(4L * v.length);
            DevicePointer echo = dev.alloc(4L * v.length);
            dev.copyIn(in, v);
            Run.clean(dev, m, "tma_bulk", Dim3.of(blocks), Dim3.of(128), 0, in, out, echo);
            int[] o = new int[v.length];
            int[] e = new int[v.length];
            dev.copyOut(out, o);
            dev.copyOut(echo, e);
            for (int b = 0; b < blocks; b++) {
                for (int k = 0; k < 1024; k++) {
                    assertThat(o[b * 1024 + k]).isEqualTo(v[b * 1024 + 1023 - k] * 2);
                }
            }
            assertThat(e).isEqualTo(v);
        }
    }
}
