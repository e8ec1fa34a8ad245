package dev.scanbench.harness.doctor;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;

import dev.scanbench.harness.backend.cuda.CudaDriverSwitch;
import dev.scanbench.harness.backend.cuda.CudaProbe;
import dev.scanbench.harness.doctor.Finding.Status;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Describes the CUDA driver and each device for `doctor`. Whether the driver is there at all, and whether it is
 * new enough (13.0+), is asked through {@link CudaProbe}, the same question `score` asks before choosing a
 * backend. Every driver call's result is checked: a device that cannot be queried is reported, not shown with
 * made-up values.
 */
final class CudaDriverProbe {

    private CudaDriverProbe() {
    }

    static List<Finding> probe() {
        List<Finding> findings = new ArrayList<>();
        CudaProbe.DriverState state = CudaProbe.probe();
        if (state.problem().isPresent()) {
            findings.add(new Finding("cuda driver", Status.MISSING, state.problem().get()
                    + "; GPU backends are unavailable, the PTX emulator runs `verify`, `run` and `score`"));
            return findings;
        }
        String which = state.simulated()
                ? " — the workbench's software driver (" + CudaDriverSwitch.ENV + "=software): kernels run on the PTX"
                        + " emulator and events read a model clock, so its results are simulated, not GPU times"
                : "";
        findings.add(new Finding("cuda driver", state.simulated() ? Status.WARN : Status.OK,
                "CUDA " + CudaProbe.describe(state.version()) + " driver API" + which));
        if (state.devices() == 0) {
            findings.add(new Finding("gpu", Status.MISSING, "the driver reports no CUDA device"));
        }
        for (int i = 0; i < state.devices(); i++) {
            findings.add(describe(i, state.simulated()));
        }
        return findings;
    }

    private static Finding describe(int ordinal, boolean simulated) {
        String gpu = "gpu " + ordinal;
        CUdevice device = new CUdevice();
        int r = JCudaDriver.cuDeviceGet(device, ordinal);
        if (r != CUresult.CUDA_SUCCESS) {
            return failed(gpu, "cuDeviceGet", r);
        }
        byte[] name = new byte[256];
        r = JCudaDriver.cuDeviceGetName(name, name.length, device);
        if (r != CUresult.CUDA_SUCCESS) {
            return failed(gpu, "cuDeviceGetName", r);
        }
        int[] major = new int[1];
        int[] minor = new int[1];
        r = JCudaDriver.cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        if (r == CUresult.CUDA_SUCCESS) {
            r = JCudaDriver.cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        }
        if (r != CUresult.CUDA_SUCCESS) {
            return failed(gpu, "cuDeviceGetAttribute(compute capability)", r);
        }
        long[] bytes = new long[1];
        r = JCudaDriver.cuDeviceTotalMem(bytes, device);
        if (r != CUresult.CUDA_SUCCESS) {
            return failed(gpu, "cuDeviceTotalMem", r);
        }
        String text = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
        boolean sm90 = major[0] == 9 && minor[0] == 0;
        Status status = simulated || !sm90 ? Status.WARN : Status.OK;
        String note = sm90 ? "" : " (the task targets sm_90; kernels are compiled for sm_90a and will not load here)";
        if (simulated) {
            note += "; simulated: no time measured on it is a GPU time";
        }
        return new Finding(gpu, status, String.format("%s, sm_%d%d, %.1f GiB%s",
                text, major[0], minor[0], bytes[0] / (double) (1L << 30), note));
    }

    private static Finding failed(String name, String call, int result) {
        return new Finding(name, Status.MISSING, call + " failed: " + CUresult.stringFor(result) + " (" + result + ")");
    }
}
