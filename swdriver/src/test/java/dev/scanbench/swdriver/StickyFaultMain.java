package dev.scanbench.swdriver;

import static jcuda.driver.JCudaDriver.*;

import java.nio.charset.StandardCharsets;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** Runs a kernel that writes far outside every allocation, then reports what later calls return. */
public final class StickyFaultMain {
    private StickyFaultMain() {
    }

    public static void main(String[] args) {
        SoftwareDriver.install();
        JCudaDriver.setExceptionsEnabled(false);
        cuInit(0);
        CUdevice device = new CUdevice();
        cuDeviceGet(device, 0);
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        cuCtxSetCurrent(context);
        CUmodule module = new CUmodule();
        cuModuleLoadData(module, (args[0] + "\0").getBytes(StandardCharsets.UTF_8));
        CUfunction wild = new CUfunction();
        cuModuleGetFunction(wild, module, "wild");
        CUdeviceptr y = new CUdeviceptr();
        cuMemAlloc(y, 128);
        Pointer params = Pointer.to(Pointer.to(y));
        cuLaunchKernel(wild, 1, 1, 1, 32, 1, 1, 0, null, params, null);
        System.out.println("sync " + CUresult.stringFor(cuCtxSynchronize()));
        System.out.println("note " + SoftwareDriver.takeNote().orElse(""));
        System.out.println("alloc " + CUresult.stringFor(cuMemAlloc(new CUdeviceptr(), 128)));
        System.out.println("launch " + CUresult.stringFor(cuLaunchKernel(wild, 1, 1, 1, 32, 1, 1, 0, null, params, null)));
        System.out.println("retain " + CUresult.stringFor(cuDevicePrimaryCtxRetain(new CUcontext(), device)));
        int[] sms = new int[1];
        System.out.println("attribute " + CUresult.stringFor(cuDeviceGetAttribute(sms,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device)));
    }
}
