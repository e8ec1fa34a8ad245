/* Initialisation, the driver version, the device and its attributes, the primary context, error strings. */
#define _GNU_SOURCE
#include "driver.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sw_state sw = {.lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP, .context = {SW_MAGIC_CONTEXT, 1}};

static __thread CUcontext current_context;

void sw_lock(void) {
    pthread_mutex_lock(&sw.lock);
}

void sw_unlock(void) {
    pthread_mutex_unlock(&sw.lock);
}

/* The driver version to report: 13.0, or an older one a user asks for to see how the workbench reacts. */
static int configured_version(void) {
    const char *v = getenv("WORKBENCH_SOFTWARE_DRIVER_VERSION");
    if (v == NULL || *v == '\0') {
        return SW_DEFAULT_DRIVER_VERSION;
    }
    char *end;
    long n = strtol(v, &end, 10);
    if (*end != '\0' || n < 1000 || n > 99990) {
        fprintf(stderr, "software CUDA driver: WORKBENCH_SOFTWARE_DRIVER_VERSION=%s is not a version like 12040;"
                " reporting %d\n", v, SW_DEFAULT_DRIVER_VERSION);
        return SW_DEFAULT_DRIVER_VERSION;
    }
    return (int) n;
}

CUresult cuInit(unsigned int flags) {
    if (flags != 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = CUDA_SUCCESS;
    if (!sw.initialized) {
        r = sw_bridge_attach();
        if (r == CUDA_SUCCESS) {
            sw.driver_version = configured_version();
            sw.initialized = 1;
        }
    }
    sw_unlock();
    return r;
}

CUresult cuDriverGetVersion(int *version) {
    if (version == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    /* Like NVIDIA's, this answers before cuInit. */
    *version = sw.initialized ? sw.driver_version : configured_version();
    return CUDA_SUCCESS;
}

static CUresult check_device(CUdevice dev) {
    if (!sw.initialized) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    return dev == 0 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_DEVICE;
}

CUresult cuDeviceGetCount(int *count) {
    if (count == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (!sw.initialized) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    *count = 1;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice *device, int ordinal) {
    if (device == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    CUresult r = check_device(ordinal);
    if (r == CUDA_SUCCESS) {
        *device = ordinal;
    }
    return r;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice dev) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (name == NULL || len <= 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    /* Called inside a JNI critical region: plain memory work only. */
    snprintf(name, (size_t) len, "%s", SW_DEVICE_NAME);
    return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (bytes == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *bytes = SW_TOTAL_MEMORY;
    return CUDA_SUCCESS;
}

CUresult cuDeviceComputeCapability(int *major, int *minor, CUdevice dev) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (major == NULL || minor == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *major = SW_SM_VERSION / 10;
    *minor = SW_SM_VERSION % 10;
    return CUDA_SUCCESS;
}

/* The H100 SXM's values; an attribute of the valid range not listed here reads 0 (a feature it lacks). */
static int attribute_value(int attribute, int *known) {
    *known = 1;
    switch (attribute) {
    case ATTR_MAX_THREADS_PER_BLOCK: return SW_MAX_THREADS_PER_BLOCK;
    case ATTR_MAX_BLOCK_DIM_X: return 1024;
    case ATTR_MAX_BLOCK_DIM_Y: return 1024;
    case ATTR_MAX_BLOCK_DIM_Z: return 64;
    case ATTR_MAX_GRID_DIM_X: return (int) SW_MAX_GRID_X;
    case ATTR_MAX_GRID_DIM_Y: return (int) SW_MAX_GRID_YZ;
    case ATTR_MAX_GRID_DIM_Z: return (int) SW_MAX_GRID_YZ;
    case ATTR_MAX_SHARED_MEMORY_PER_BLOCK: return SW_DEFAULT_SHARED_PER_BLOCK;
    case ATTR_TOTAL_CONSTANT_MEMORY: return 65536;
    case ATTR_WARP_SIZE: return 32;
    case ATTR_MAX_PITCH: return 2147483647;
    case ATTR_MAX_REGISTERS_PER_BLOCK: return SW_REGISTERS_PER_SM;
    case ATTR_CLOCK_RATE: return 1980000;
    case ATTR_TEXTURE_ALIGNMENT: return 512;
    case ATTR_GPU_OVERLAP: return 1;
    case ATTR_MULTIPROCESSOR_COUNT: return SW_SM_COUNT;
    case ATTR_KERNEL_EXEC_TIMEOUT: return 0;
    case ATTR_INTEGRATED: return 0;
    case ATTR_CAN_MAP_HOST_MEMORY: return 1;
    case ATTR_COMPUTE_MODE: return 0;
    case ATTR_CONCURRENT_KERNELS: return 1;
    case ATTR_ECC_ENABLED: return 1;
    case ATTR_PCI_BUS_ID: return 0;
    case ATTR_PCI_DEVICE_ID: return 0;
    case ATTR_MEMORY_CLOCK_RATE: return 2619000;
    case ATTR_GLOBAL_MEMORY_BUS_WIDTH: return 5120;
    case ATTR_L2_CACHE_SIZE: return SW_L2_BYTES;
    case ATTR_MAX_THREADS_PER_MULTIPROCESSOR: return SW_MAX_THREADS_PER_SM;
    case ATTR_ASYNC_ENGINE_COUNT: return 3;
    case ATTR_UNIFIED_ADDRESSING: return 1;
    case ATTR_COMPUTE_CAPABILITY_MAJOR: return SW_SM_VERSION / 10;
    case ATTR_COMPUTE_CAPABILITY_MINOR: return SW_SM_VERSION % 10;
    case ATTR_STREAM_PRIORITIES_SUPPORTED: return 1;
    case ATTR_GLOBAL_L1_CACHE_SUPPORTED: return 1;
    case ATTR_LOCAL_L1_CACHE_SUPPORTED: return 1;
    case ATTR_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR: return SW_SHARED_PER_SM;
    case ATTR_MAX_REGISTERS_PER_MULTIPROCESSOR: return SW_REGISTERS_PER_SM;
    case ATTR_MANAGED_MEMORY: return 0;
    case ATTR_COMPUTE_PREEMPTION_SUPPORTED: return 1;
    case ATTR_COOPERATIVE_LAUNCH: return 1;
    case ATTR_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN: return SW_OPTIN_SHARED_PER_BLOCK;
    case ATTR_MAX_BLOCKS_PER_MULTIPROCESSOR: return SW_MAX_BLOCKS_PER_SM;
    case ATTR_MAX_PERSISTING_L2_CACHE_SIZE: return 0;
    case ATTR_RESERVED_SHARED_MEMORY_PER_BLOCK: return SW_RESERVED_SHARED_PER_BLOCK;
    case ATTR_CLUSTER_LAUNCH: return 0;
    default:
        *known = 0;
        return 0;
    }
}

CUresult cuDeviceGetAttribute(int *value, int attribute, CUdevice dev) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (value == NULL || attribute < 1 || attribute >= ATTR_LAST_VALID) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    int known;
    *value = attribute_value(attribute, &known);
    return CUDA_SUCCESS;
}

CUresult sw_check_context(void) {
    if (!sw.initialized) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    if (sw.sticky != CUDA_SUCCESS) {
        return sw.sticky;
    }
    if (current_context == NULL || sw.primary_refs == 0) {
        return CUDA_ERROR_INVALID_CONTEXT;
    }
    return CUDA_SUCCESS;
}

void sw_destroy_context(void) {
    sw_discard_queue();
    sw_unload_all_modules();
    sw_free_all_allocs();
    sw.context.generation++;
    sw.clock_ns = 0;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext *ctx, CUdevice dev) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (ctx == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    if (sw.sticky != CUDA_SUCCESS) {
        r = sw.sticky;
    } else {
        sw.primary_refs++;
        *ctx = &sw.context;
    }
    sw_unlock();
    return r;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    sw_lock();
    if (sw.sticky != CUDA_SUCCESS) {
        r = sw.sticky;
    } else if (sw.primary_refs == 0) {
        r = CUDA_ERROR_INVALID_CONTEXT;
    } else if (--sw.primary_refs == 0) {
        /* Work still queued finishes first, as the real driver's teardown waits for the device. */
        r = sw_drain(1);
        sw_destroy_context();
    }
    sw_unlock();
    return r;
}

CUresult cuDevicePrimaryCtxReset_v2(CUdevice dev) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    sw_lock();
    if (sw.sticky != CUDA_SUCCESS) {
        r = sw.sticky;
    } else if (sw.primary_refs > 0) {
        sw_drain(1);
        sw_destroy_context();
        sw.primary_refs = 0;
    }
    sw_unlock();
    return r;
}

CUresult cuDevicePrimaryCtxGetState(CUdevice dev, unsigned int *flags, int *active) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (flags == NULL || active == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *flags = (unsigned) sw.primary_flags;
    *active = sw.primary_refs > 0;
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxSetFlags_v2(CUdevice dev, unsigned int flags) {
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (flags & ~CU_CTX_FLAGS_MASK) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw.primary_flags = (int) flags;
    return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext ctx) {
    if (!sw.initialized) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    if (sw.sticky != CUDA_SUCCESS) {
        return sw.sticky;
    }
    if (ctx != NULL && (ctx != &sw.context || sw.primary_refs == 0)) {
        return CUDA_ERROR_INVALID_CONTEXT;
    }
    current_context = ctx;
    return CUDA_SUCCESS;
}

CUresult cuCtxGetCurrent(CUcontext *ctx) {
    if (!sw.initialized) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    if (ctx == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *ctx = (current_context != NULL && sw.primary_refs > 0) ? current_context : NULL;
    return CUDA_SUCCESS;
}

CUresult cuCtxGetDevice(CUdevice *device) {
    CUresult r = sw_check_context();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (device == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *device = 0;
    return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize(void) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = sw_drain(1);
    }
    sw_unlock();
    return r;
}

CUresult cuCtxGetApiVersion(CUcontext ctx, unsigned int *version) {
    if (!sw.initialized) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    if (version == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (ctx != NULL && ctx != &sw.context) {
        return CUDA_ERROR_INVALID_CONTEXT;
    }
    *version = 3020;
    return CUDA_SUCCESS;
}

/* ---- error names and strings, as NVIDIA's driver words them ---- */
typedef struct {
    int code;
    const char *name;
    const char *text;
} sw_error_text;

static const sw_error_text ERRORS[] = {
    {0, "CUDA_SUCCESS", "no error"},
    {1, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {3, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {4, "CUDA_ERROR_DEINITIALIZED", "driver shutting down"},
    {100, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {101, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {200, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {201, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {209, "CUDA_ERROR_NO_BINARY_FOR_GPU", "no kernel image is available for execution on the device"},
    {218, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an unsupported toolchain."},
    {300, "CUDA_ERROR_INVALID_SOURCE", "device kernel image is invalid"},
    {301, "CUDA_ERROR_FILE_NOT_FOUND", "file not found"},
    {400, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
    {500, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {600, "CUDA_ERROR_NOT_READY", "device not ready"},
    {700, "CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"},
    {701, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", "too many resources requested for launch"},
    {702, "CUDA_ERROR_LAUNCH_TIMEOUT", "the launch timed out and was terminated"},
    {710, "CUDA_ERROR_ASSERT", "device-side assert triggered"},
    {715, "CUDA_ERROR_ILLEGAL_INSTRUCTION", "an illegal instruction was encountered"},
    {716, "CUDA_ERROR_MISALIGNED_ADDRESS", "misaligned address"},
    {719, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"},
    {720, "CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE", "too many blocks in cooperative launch"},
    {801, "CUDA_ERROR_NOT_SUPPORTED", "operation not supported"},
    {802, "CUDA_ERROR_SYSTEM_NOT_READY", "system not yet initialized"},
    {999, "CUDA_ERROR_UNKNOWN", "unknown error"},
};

static const sw_error_text *find_error(int code) {
    for (size_t i = 0; i < sizeof ERRORS / sizeof ERRORS[0]; i++) {
        if (ERRORS[i].code == code) {
            return &ERRORS[i];
        }
    }
    return NULL;
}

CUresult cuGetErrorName(CUresult error, const char **name) {
    if (name == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    const sw_error_text *e = find_error(error);
    *name = e ? e->name : NULL;
    return e ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE;
}

CUresult cuGetErrorString(CUresult error, const char **text) {
    if (text == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    const sw_error_text *e = find_error(error);
    *text = e ? e->text : NULL;
    return e ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE;
}

CUresult sw_unimplemented(const char *name) {
    fprintf(stderr, "software CUDA driver: %s is not implemented; it returns CUDA_ERROR_NOT_SUPPORTED\n", name);
    return CUDA_ERROR_NOT_SUPPORTED;
}
