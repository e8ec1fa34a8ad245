package dev.scanbench.harness.backend.cuda;

import static dev.scanbench.harness.backend.cuda.CudaErrors.check;

import dev.scanbench.harness.backend.BackendException;
import dev.scanbench.harness.backend.LoadedModule;
import dev.scanbench.harness.backend.ModuleImage;
import dev.scanbench.swdriver.SoftwareDriver;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

/**
 * A loaded module: the cubin when the image has one (no JIT, exactly what ptxas reported on), else the PTX,
 * JIT-compiled by the driver through cuModuleLoadDataEx with an error log, so a JIT failure shows ptxas's message.
 */
final class CudaModule implements LoadedModule {
    /** Shared memory a block may use, static and dynamic together, without opting in: 48 KiB. */
    static final long DEFAULT_SHARED_LIMIT = 48 * 1024;
    /** Capacity of the JIT error log. */
    private static final int JIT_LOG_BYTES = 16 * 1024;

    private final CUmodule module;
    private final Consumer<CudaModule> onClose;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Map<String, Long> staticShared = new HashMap<>();
    private final Map<String, Long> sharedOptIn = new HashMap<>();
    private boolean unloaded;

    private CudaModule(CUmodule module, Consumer<CudaModule> onClose) {
        this.module = module;
        this.onClose = onClose;
    }

    /** @param onClose told when the module is unloaded (the backend forgets it) */
    static CudaModule load(ModuleImage image, Consumer<CudaModule> onClose) throws BackendException {
        CUmodule module = new CUmodule();
        if (image.cubin().isPresent()) {
            byte[] cubin = image.cubin().get();
            if (image.ptx().isPresent() && CudaDriverSwitch.simulated()) {
                // The software driver emulates the PTX a cubin came from; a GPU is handed the same cubin.
                SoftwareDriver.registerSource(cubin, image.ptx().get());
            }
            check(JCudaDriver.cuModuleLoadData(module, cubin), "cuModuleLoadData(cubin)");
        } else {
            byte[] ptx = (image.ptx().orElseThrow() + "\0").getBytes(StandardCharsets.UTF_8);
            JITOptions jit = new JITOptions();
            jit.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
            jit.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
            int r = JCudaDriver.cuModuleLoadDataJIT(module, Pointer.to(ptx), jit);
            if (r != CUresult.CUDA_SUCCESS) {
                String log = text(jit.getBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER));
                throw CudaErrors.exception(r, "cuModuleLoadDataEx(PTX)" + (log.isEmpty() ? "" : ": " + log));
            }
        }
        return new CudaModule(module, onClose);
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return "";
        }
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).strip();
    }

    /**
     * @return false when the module has no such entry (CUDA_ERROR_NOT_FOUND)
     * @throws BackendException when the driver fails otherwise (the module cannot be used at all)
     */
    @Override
    public boolean hasEntry(String entry) throws BackendException {
        if (functions.containsKey(entry)) {
            return true;
        }
        CUfunction f = new CUfunction();
        int result = JCudaDriver.cuModuleGetFunction(f, module, entry);
        if (result == CUresult.CUDA_ERROR_NOT_FOUND) {
            return false;
        }
        check(result, "cuModuleGetFunction(" + entry + ")");
        functions.put(entry, f);
        return true;
    }

    /**
     * The entry's function, opted into {@code dynamicBytes} of dynamic shared memory when its static shared memory
     * and that together pass the 48 KiB a block gets without opting in (static memory counts against them too).
     */
    CUfunction function(String entry, long dynamicBytes) throws BackendException {
        if (!hasEntry(entry)) {
            check(CUresult.CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction(" + entry + ")");
        }
        CUfunction f = functions.get(entry);
        if (dynamicBytes > 0 && staticSharedBytes(entry, f) + dynamicBytes > DEFAULT_SHARED_LIMIT
                && dynamicBytes > sharedOptIn.getOrDefault(entry, 0L)) {
            check(JCudaDriver.cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                    (int) dynamicBytes), "cuFuncSetAttribute(" + entry + ", max dynamic shared = " + dynamicBytes + ")");
            sharedOptIn.put(entry, dynamicBytes);
        }
        return f;
    }

    private long staticSharedBytes(String entry, CUfunction f) throws BackendException {
        Long known = staticShared.get(entry);
        if (known == null) {
            int[] value = new int[1];
            check(JCudaDriver.cuFuncGetAttribute(value, CUfunction_attribute.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES, f),
                    "cuFuncGetAttribute(" + entry + ", static shared size)");
            known = (long) value[0];
            staticShared.put(entry, known);
        }
        return known;
    }

    @Override
    public void close() throws BackendException {
        if (!unloaded) {
            unloaded = true;
            onClose.accept(this);
            check(JCudaDriver.cuModuleUnload(module), "cuModuleUnload");
        }
    }
}
