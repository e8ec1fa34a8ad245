package dev.scanbench.harness.backend.cuda;

import static dev.scanbench.harness.backend.cuda.CudaErrors.check;

import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * A module loaded with cuModuleLoadData: the cubin when the image has one (no JIT, exactly what ptxas
 * reported on), else the PTX, JIT-compiled by the driver.
 */
final class CudaModule implements LoadedModule {
    /** Dynamic shared memory a launch may use without opting in. */
    static final long DEFAULT_DYNAMIC_SHARED_LIMIT = 48 * 1024;

    private final CUmodule module;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Map<String, Long> sharedOptIn = new HashMap<>();
    private boolean unloaded;

    private CudaModule(CUmodule module) {
        this.module = module;
    }

    static CudaModule load(ModuleImage image) throws BackendException {
        CUmodule module = new CUmodule();
        if (image.cubin().isPresent()) {
            check(JCudaDriver.cuModuleLoadData(module, image.cubin().get()), "cuModuleLoadData(cubin)");
        } else {
            byte[] ptx = (image.ptx().orElseThrow() + "\0").getBytes(StandardCharsets.UTF_8);
            check(JCudaDriver.cuModuleLoadData(module, ptx), "cuModuleLoadData(PTX)");
        }
        return new CudaModule(module);
    }

    @Override
    public boolean hasEntry(String entry) {
        CUfunction f = new CUfunction();
        int result = JCudaDriver.cuModuleGetFunction(f, module, entry);
        if (result == CUresult.CUDA_SUCCESS) {
            functions.putIfAbsent(entry, f);
            return true;
        }
        return false;
    }

    /** The entry's function, opted into {@code sharedBytes} of dynamic shared memory when above 48 KiB. */
    CUfunction function(String entry, long sharedBytes) throws BackendException {
        CUfunction f = functions.get(entry);
        if (f == null) {
            f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module, entry), "cuModuleGetFunction(" + entry + ")");
            functions.put(entry, f);
        }
        if (sharedBytes > DEFAULT_DYNAMIC_SHARED_LIMIT && sharedBytes > sharedOptIn.getOrDefault(entry, 0L)) {
            check(JCudaDriver.cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                    (int) sharedBytes), "cuFuncSetAttribute(" + entry + ", max dynamic shared = " + sharedBytes + ")");
            sharedOptIn.put(entry, sharedBytes);
        }
        return f;
    }

    @Override
    public void close() throws BackendException {
        if (!unloaded) {
            unloaded = true;
            check(JCudaDriver.cuModuleUnload(module), "cuModuleUnload");
        }
    }
}
