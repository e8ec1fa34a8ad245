package dev.scanbench.harness.doctor;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;

import dev.scanbench.harness.backend.cuda.CudaProbe;
import dev.scanbench.harness.doctor.Finding.Status;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * Describes the CUDA driver and each device for `doctor`. Whether the driver is there at all is asked through
 * {@link CudaProbe}, the same question `score` asks before choosing a backend.
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
        int[] version = new int[1];
        JCudaDriver.cuDriverGetVersion(version);
        findings.add(new Finding("cuda driver", Status.OK,
                "CUDA " + version[0] / 1000 + "." + (version[0] % 1000) / 10 + " driver API"));
        if (state.devices() == 0) {
            findings.add(new Finding("gpu", Status.MISSING, "the driver reports no CUDA device"));
        }
        for (int i = 0; i < state.devices(); i++) {
            findings.add(describe(i));
        }
        return findings;
    }

    private static Finding describe(int ordinal) {
        CUdevice device = new CUdevice();
        JCudaDriver.cuDeviceGet(device, ordinal);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, device);
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        JCudaDriver.cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        long[] bytes = new long[1];
        JCudaDriver.cuDeviceTotalMem(bytes, device);
        String text = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
        Status status = major[0] == 9 ? Status.OK : Status.WARN;
        String note = major[0] == 9 ? "" : " (the task targets sm_90; kernels are compiled for sm_90a)";
        return new Finding("gpu " + ordinal, status, String.format("%s, sm_%d%d, %.1f GiB%s",
                text, major[0], minor[0], bytes[0] / (double) (1L << 30), note));
    }
}
