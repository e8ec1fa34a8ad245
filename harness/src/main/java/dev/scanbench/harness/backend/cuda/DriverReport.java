package dev.scanbench.harness.backend.cuda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * What the CUDA driver says about itself and a device, for the score log's environment: driver version, name,
 * compute capability, SM count, the maximum SM and memory clocks, bus width and the peak memory bandwidth they
 * imply, memory size, L2 size, ECC. Every attribute is read on its own and one the driver does not answer is
 * null, so that a driver missing an attribute (deprecated clocks, the software driver) never fails a score.
 */
final class DriverReport {
    private DriverReport() {
    }

    static ObjectNode of(CUdevice device) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        int[] version = new int[1];
        if (JCudaDriver.cuDriverGetVersion(version) == CUresult.CUDA_SUCCESS) {
            o.put("driver_api_version", version[0] / 1000 + "." + version[0] % 1000 / 10);
        } else {
            o.putNull("driver_api_version");
        }
        byte[] name = new byte[256];
        if (JCudaDriver.cuDeviceGetName(name, name.length, device) == CUresult.CUDA_SUCCESS) {
            int length = 0;
            while (length < name.length && name[length] != 0) {
                length++;
            }
            o.put("name", new String(name, 0, length, StandardCharsets.US_ASCII));
        } else {
            o.putNull("name");
        }
        Integer major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        Integer minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        o.put("compute_capability", major == null || minor == null ? null : major + "." + minor);
        put(o, "multiprocessors", attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT));
        Integer smKhz = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE);
        Integer memKhz = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
        Integer busBits = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
        put(o, "sm_clock_khz", smKhz);
        put(o, "memory_clock_khz", memKhz);
        put(o, "memory_bus_width_bits", busBits);
        if (memKhz != null && busBits != null) {
            o.put("peak_memory_bandwidth_bytes_per_second", peakBandwidth(memKhz, busBits));
        } else {
            o.putNull("peak_memory_bandwidth_bytes_per_second");
        }
        long[] total = new long[1];
        if (JCudaDriver.cuDeviceTotalMem(total, device) == CUresult.CUDA_SUCCESS) {
            o.put("memory_bytes", total[0]);
        } else {
            o.putNull("memory_bytes");
        }
        put(o, "l2_bytes", attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE));
        Integer ecc = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_ECC_ENABLED);
        if (ecc == null) {
            o.putNull("ecc_enabled");
        } else {
            o.put("ecc_enabled", ecc != 0);
        }
        return o;
    }

    /**
     * The peak memory bandwidth the clocks imply, as nvbench and deviceQuery compute it: two transfers per memory
     * clock (double data rate) over the whole bus. An H100 SXM (2,619 MHz, 5,120 bits) gives 3.35 TB/s.
     *
     * @param memoryClockKhz CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE
     * @param busWidthBits   CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH
     * @return bytes per second
     */
    static double peakBandwidth(int memoryClockKhz, int busWidthBits) {
        return 2.0 * memoryClockKhz * 1000.0 * busWidthBits / 8.0;
    }

    private static Integer attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        return JCudaDriver.cuDeviceGetAttribute(value, attribute, device) == CUresult.CUDA_SUCCESS ? value[0] : null;
    }

    private static void put(ObjectNode o, String key, Integer value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}
