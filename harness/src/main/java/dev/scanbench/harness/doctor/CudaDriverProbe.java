package dev.scanbench.harness.doctor;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;

import dev.scanbench.harness.doctor.Finding.Status;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Asks the CUDA driver, through JCuda, whether a driver and devices are present. JCuda's native library links
 * against libcuda.so.1, so on a machine without a driver the first touch of {@link JCudaDriver} fails with a
 * {@link LinkageError}; that is the expected "no CUDA driver" answer, not a crash.
 */
final class CudaDriverProbe {

    private CudaDriverProbe() {
    }

    static List<Finding> probe() {
        List<Finding> findings = new ArrayList<>();
        try {
            JCudaDriver.setExceptionsEnabled(false);
        } catch (LinkageError e) {
            findings.add(new Finding("cuda driver", Status.MISSING,
                    "no CUDA driver (libcuda.so.1 could not be loaded); GPU backends are unavailable, the PTX"
                            + " emulator runs `verify` and `run --backend emulator`: "
                            + firstLine(e.getMessage())));
            return findings;
        }
        int init = JCudaDriver.cuInit(0);
        if (init != CUresult.CUDA_SUCCESS) {
            findings.add(new Finding("cuda driver", Status.MISSING,
                    "cuInit failed: " + CUresult.stringFor(init) + "; GPU scoring is unavailable"));
            return findings;
        }
        int[] version = new int[1];
        JCudaDriver.cuDriverGetVersion(version);
        findings.add(new Finding("cuda driver", Status.OK,
                "CUDA " + version[0] / 1000 + "." + (version[0] % 1000) / 10 + " driver API"));
        int[] count = new int[1];
        JCudaDriver.cuDeviceGetCount(count);
        if (count[0] == 0) {
            findings.add(new Finding("gpu", Status.MISSING, "the driver reports no CUDA device"));
        }
        for (int i = 0; i < count[0]; i++) {
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
