package dev.scanbench.harness.backend.cuda;

import jcuda.driver.CUdeviceptr;

/** A JCuda device pointer that tells its numeric address, which kernels receive in pointer parameters. */
final class DevicePointer extends CUdeviceptr {

    /** The device virtual address. */
    long address() {
        return getNativePointer() + getByteOffset();
    }
}
