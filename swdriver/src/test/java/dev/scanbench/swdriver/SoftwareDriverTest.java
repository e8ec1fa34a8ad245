package dev.scanbench.swdriver;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchCooperativeKernel;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleLoadDataJIT;
import static jcuda.driver.JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver through JCuda, as the workbench uses it: the H100's rules and codes, memory, launches, the model clock. */
class SoftwareDriverTest {
    private static String ptx;
    private static byte[] cubin;
    private static CUdevice device;
    private static CUstream stream;

    @BeforeAll
    static void open() throws Exception {
        SoftwareDriver.install();
        JCudaDriver.setExceptionsEnabled(false);
        ptx = Nvcc.ptx(Kernels.SOURCE);
        cubin = Nvcc.cubin(ptx, "sm_90a");
        ok(cuInit(0));
        device = new CUdevice();
        ok(cuDeviceGet(device, 0));
        CUcontext context = new CUcontext();
        ok(cuDevicePrimaryCtxRetain(context, device));
        ok(cuCtxSetCurrent(context));
        stream = new CUstream();
        ok(cuStreamCreate(stream, 0));
    }

    private static void ok(int result) {
        assertThat(CUresult.stringFor(result)).as(SoftwareDriver.takeNote().orElse("")).isEqualTo("CUDA_SUCCESS");
    }

    private static int attribute(int attribute) {
        int[] v = new int[1];
        ok(cuDeviceGetAttribute(v, attribute, device));
        return v[0];
    }

    private static CUfunction function(CUmodule module, String name) {
        CUfunction f = new CUfunction();
        ok(cuModuleGetFunction(f, module, name));
        return f;
    }

    private static CUmodule loadPtx(String text) {
        CUmodule m = new CUmodule();
        ok(cuModuleLoadData(m, (text + "\0").getBytes(StandardCharsets.UTF_8)));
        return m;
    }

    @Test
    void everySymbolJCudaImportsIsExported() throws Exception {
        Set<String> imports = new TreeSet<>();
        try (InputStream in = SoftwareDriver.class.getResourceAsStream("native/imports.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(imports::add);
        }
        Process nm = new ProcessBuilder("nm", "-D", "--defined-only", SoftwareDriver.install().toString()).start();
        Set<String> exported = new TreeSet<>();
        new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).forEach(exported::add);
        assertThat(nm.waitFor()).isZero();
        assertThat(imports).hasSizeGreaterThan(300);
        assertThat(exported).containsAll(imports);
    }

    @Test
    void itPresentsAnH100SxmAndSaysItIsSimulated() {
        byte[] name = new byte[256];
        ok(cuDeviceGetName(name, name.length, device));
        assertThat(new String(name, StandardCharsets.US_ASCII)).startsWith("NVIDIA H100").contains("simulated");
        int[] version = new int[1];
        ok(cuDriverGetVersion(version));
        assertThat(version[0]).isEqualTo(13000);
        assertThat(attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)).isEqualTo(132);
        assertThat(attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE)).isEqualTo(50 << 20);
        assertThat(attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK)).isEqualTo(48 * 1024);
        assertThat(attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN)).isEqualTo(227 * 1024);
        assertThat(attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)).isEqualTo(9);
        assertThat(attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)).isZero();
        assertThat(SoftwareDriver.active()).isTrue();
    }

    /** Copies x in, runs scale between two events, copies y out: returns the event time. */
    private static float runScale(CUfunction scale, int[] x, int[] y) {
        int n = x.length;
        CUdeviceptr dx = new CUdeviceptr();
        CUdeviceptr dy = new CUdeviceptr();
        ok(cuMemAlloc(dx, 4L * n));
        ok(cuMemAlloc(dy, 4L * n));
        ok(cuMemcpyHtoD(dx, Pointer.to(x), 4L * n));
        CUevent start = new CUevent();
        CUevent end = new CUevent();
        ok(cuEventCreate(start, 0));
        ok(cuEventCreate(end, 0));
        ok(cuEventRecord(start, stream));
        Pointer params = Pointer.to(Pointer.to(dx), Pointer.to(dy), Pointer.to(new int[] {n}), Pointer.to(new int[] {3}));
        ok(cuLaunchKernel(scale, (n + 255) / 256, 1, 1, 256, 1, 1, 0, stream, params, null));
        ok(cuEventRecord(end, stream));
        ok(cuStreamSynchronize(stream));
        float[] ms = new float[1];
        ok(cuEventElapsedTime(ms, start, end));
        ok(cuMemcpyDtoH(Pointer.to(y), dy, 4L * n));
        ok(JCudaDriver.cuMemFree(dx));
        ok(JCudaDriver.cuMemFree(dy));
        return ms[0];
    }

    @Test
    void kernelsRunFromPtxAndFromTheCubinWithItsRegisteredPtxOnADeterministicModelClock() {
        int[] x = new int[4096];
        Arrays.setAll(x, i -> i % 20 - 10);
        int[] want = Arrays.stream(x).map(v -> v * 3).toArray();
        int[] y = new int[x.length];
        float fromPtx = runScale(function(loadPtx(ptx), "scale"), x, y);
        assertThat(y).isEqualTo(want);

        SoftwareDriver.registerSource(cubin, ptx);
        CUmodule m = new CUmodule();
        ok(cuModuleLoadData(m, cubin));
        Arrays.fill(y, 0);
        float fromCubin = runScale(function(m, "scale"), x, y);
        assertThat(y).isEqualTo(want);
        // The model: a 2.5 us launch plus 32 KiB of traffic at 2.9 TB/s, identical every time.
        assertThat(fromCubin).isEqualTo(fromPtx);
        assertThat((double) fromPtx).isCloseTo((2500 + 2 * 4 * 4096 / 2900.0) / 1e6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theCubinsOwnRegisterCountAndStaticSharedMemoryAreReported() {
        SoftwareDriver.registerSource(cubin, ptx);
        CUmodule m = new CUmodule();
        ok(cuModuleLoadData(m, cubin));
        CUfunction f = function(m, "big_static");
        int[] v = new int[1];
        ok(JCudaDriver.cuFuncGetAttribute(v, CUfunction_attribute.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES, f));
        assertThat(v[0]).isEqualTo(40960);
        ok(JCudaDriver.cuFuncGetAttribute(v, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, f));
        assertThat(v[0]).as("what is left of 48 KiB").isEqualTo(48 * 1024 - 40960);
        ok(JCudaDriver.cuFuncGetAttribute(v, CUfunction_attribute.CU_FUNC_ATTRIBUTE_NUM_REGS, f));
        assertThat(v[0]).isBetween(1, 64);
    }

    @Test
    void launchesOutsideSm90sLimitsFailWithTheDriversCodes() {
        CUmodule m = loadPtx(ptx);
        CUfunction scale = function(m, "scale");
        CUfunction big = function(m, "big_static");
        CUdeviceptr y = new CUdeviceptr();
        ok(cuMemAlloc(y, 4096 * 4));
        Pointer one = Pointer.to(Pointer.to(y));
        Pointer four = Pointer.to(Pointer.to(y), Pointer.to(y), Pointer.to(new int[] {0}), Pointer.to(new int[] {0}));
        assertThat(cuLaunchKernel(scale, 1, 1, 1, 1025, 1, 1, 0, stream, four, null)).isEqualTo(CUresult.CUDA_ERROR_INVALID_VALUE);
        assertThat(cuLaunchKernel(scale, 1, 1, 1, 1, 1, 65, 0, stream, four, null)).isEqualTo(CUresult.CUDA_ERROR_INVALID_VALUE);
        assertThat(cuLaunchKernel(scale, 1, 65536, 1, 32, 1, 1, 0, stream, four, null)).isEqualTo(CUresult.CUDA_ERROR_INVALID_VALUE);
        assertThat(cuLaunchKernel(scale, 0, 1, 1, 32, 1, 1, 0, stream, four, null)).isEqualTo(CUresult.CUDA_ERROR_INVALID_VALUE);
        // 40 KiB static + 10 KiB dynamic passes the 48 KiB default: refused until the kernel opts in.
        assertThat(cuLaunchKernel(big, 1, 1, 1, 32, 1, 1, 10 * 1024, stream, one, null)).isEqualTo(CUresult.CUDA_ERROR_INVALID_VALUE);
        ok(cuFuncSetAttribute(big, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, 10 * 1024));
        ok(cuLaunchKernel(big, 1, 1, 1, 32, 1, 1, 10 * 1024, stream, one, null));
        ok(cuStreamSynchronize(stream));
        // Static and dynamic together may not pass the 227 KiB opt-in limit.
        assertThat(cuFuncSetAttribute(big, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, 190 * 1024))
                .isEqualTo(CUresult.CUDA_ERROR_INVALID_VALUE);
    }

    @Test
    void occupancyAndCooperativeLaunchesFollowSm90() {
        CUfunction scale = function(loadPtx(ptx), "scale");
        int[] blocks = new int[1];
        ok(cuOccupancyMaxActiveBlocksPerMultiprocessor(blocks, scale, 256, 0));
        assertThat(blocks[0]).as("2048 threads per SM / 256").isEqualTo(8);
        CUdeviceptr y = new CUdeviceptr();
        ok(cuMemAlloc(y, 4));
        Pointer four = Pointer.to(Pointer.to(y), Pointer.to(y), Pointer.to(new int[] {0}), Pointer.to(new int[] {0}));
        assertThat(cuLaunchCooperativeKernel(scale, 132 * 8 + 1, 1, 1, 256, 1, 1, 0, stream, four))
                .isEqualTo(CUresult.CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE);
        ok(cuLaunchCooperativeKernel(scale, 132 * 8, 1, 1, 256, 1, 1, 0, stream, four));
        ok(cuStreamSynchronize(stream));
    }

    @Test
    void imagesARealDriverRefusesAreRefusedWithItsCodesAndJitLog() throws Exception {
        JITOptions jit = new JITOptions();
        jit.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[4096]);
        jit.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, 4096);
        CUmodule m = new CUmodule();
        byte[] newer = (ptx.replace(".version 9.0", ".version 9.9") + "\0").getBytes(StandardCharsets.UTF_8);
        assertThat(cuModuleLoadDataJIT(m, Pointer.to(newer), jit)).isEqualTo(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION);
        assertThat(new String(jit.getBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER), StandardCharsets.UTF_8))
                .contains("Unsupported .version 9.9; current version is '9.0'");
        byte[] sm100 = (ptx.replace(".target sm_90a", ".target sm_100a") + "\0").getBytes(StandardCharsets.UTF_8);
        assertThat(cuModuleLoadData(m, sm100)).isEqualTo(CUresult.CUDA_ERROR_INVALID_PTX);
        assertThat(cuModuleLoadData(m, Nvcc.cubin(ptx.replace(".target sm_90a", ".target sm_80"), "sm_80")))
                .as("an sm_80 cubin does not run on sm_90").isEqualTo(CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU);
        byte[] x86 = Files.readAllBytes(Path.of(System.getProperty("java.home"), "bin", "java"));
        assertThat(cuModuleLoadData(m, x86)).isEqualTo(CUresult.CUDA_ERROR_INVALID_IMAGE);
        assertThat(cuModuleLoadData(m, "not ptx\0".getBytes(StandardCharsets.UTF_8))).isEqualTo(CUresult.CUDA_ERROR_INVALID_PTX);
    }

    @Test
    void aMissingEntryIsNotFoundAndACubinWithoutItsPtxCannotRun() throws Exception {
        CUfunction f = new CUfunction();
        assertThat(cuModuleGetFunction(f, loadPtx(ptx), "nope")).isEqualTo(CUresult.CUDA_ERROR_NOT_FOUND);
        CUmodule m = new CUmodule();
        ok(cuModuleLoadData(m, Nvcc.cubin(ptx.replace("scale", "other_scale"), "sm_90a")));
        assertThat(cuModuleGetFunction(f, m, "other_scale")).isEqualTo(CUresult.CUDA_ERROR_NOT_SUPPORTED);
        assertThat(SoftwareDriver.takeNote()).get().asString().contains("no PTX was registered");
    }

    @Test
    void aHostCopyWithAKernelStillQueuedIsRefusedNotRunInsideJcudasCriticalRegion() {
        CUfunction scale = function(loadPtx(ptx), "scale");
        CUdeviceptr d = new CUdeviceptr();
        ok(cuMemAlloc(d, 4 * 256));
        int[] host = new int[256];
        Pointer params = Pointer.to(Pointer.to(d), Pointer.to(d), Pointer.to(new int[] {256}), Pointer.to(new int[] {2}));
        ok(cuLaunchKernel(scale, 1, 1, 1, 256, 1, 1, 0, stream, params, null));
        assertThat(cuMemcpyDtoH(Pointer.to(host), d, 4 * 256)).isEqualTo(CUresult.CUDA_ERROR_NOT_SUPPORTED);
        assertThat(SoftwareDriver.takeNote()).get().asString().contains("synchronise");
        ok(cuStreamSynchronize(stream));
        ok(cuMemcpyDtoH(Pointer.to(host), d, 4 * 256));
    }

    @Test
    void anIllegalAddressIsStickyForTheRestOfTheProcess() throws IOException, InterruptedException {
        // In a JVM of its own: after it, every call on the context in that process fails, as on hardware.
        String classPath = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, StickyFaultMain.class.getName(), ptx).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("sync CUDA_ERROR_ILLEGAL_ADDRESS", "note ERROR FAULT in wild block (0,0,0)",
                "alloc CUDA_ERROR_ILLEGAL_ADDRESS", "launch CUDA_ERROR_ILLEGAL_ADDRESS", "retain CUDA_ERROR_ILLEGAL_ADDRESS",
                "attribute CUDA_SUCCESS");
    }
}
