/*
 * The software CUDA driver's internal state and the rules of the device it presents (an H100 SXM, sm_90).
 *
 * The one constraint that shapes everything: JCuda calls several driver functions (host copies from Java
 * arrays, module loads from byte[], every kernel launch, cuDeviceGetName) inside a JNI critical region. Java
 * code run from such a call deadlocks the JVM at its next GC. So every entry point copies what it is given,
 * device memory lives here in C, launches are queued, and the emulator (Java) runs only from calls that hold
 * no critical region: the synchronising ones, plus a few that take only handles and strings (cuInit,
 * cuMemAlloc, cuModuleGetFunction). bridge.c is the only file that touches JNI.
 */
#ifndef SWDRIVER_DRIVER_H
#define SWDRIVER_DRIVER_H

#include "cuda_abi.h"
#include <pthread.h>

/* ---- the device (H100 SXM 80GB HBM3, compute capability 9.0) ---- */
#define SW_DEVICE_NAME "NVIDIA H100 80GB HBM3 (simulated by the workbench software driver)"
#define SW_SM_COUNT 132
#define SW_SM_VERSION 90
#define SW_TOTAL_MEMORY (81559ULL << 20)
#define SW_L2_BYTES (50 << 20)
#define SW_MAX_THREADS_PER_BLOCK 1024
#define SW_MAX_THREADS_PER_SM 2048
#define SW_MAX_BLOCKS_PER_SM 32
#define SW_REGISTERS_PER_SM 65536
#define SW_REGISTER_UNIT_PER_WARP 256
#define SW_MAX_REGISTERS_PER_THREAD 255
/* Static shared memory a kernel may have, and dynamic shared memory it may use without opting in. */
#define SW_DEFAULT_SHARED_PER_BLOCK (48 * 1024)
/* The most shared memory one block may opt into (static + dynamic). */
#define SW_OPTIN_SHARED_PER_BLOCK (227 * 1024)
#define SW_SHARED_PER_SM (228 * 1024)
#define SW_RESERVED_SHARED_PER_BLOCK 1024
#define SW_SHARED_ALLOCATION_UNIT 128
#define SW_MAX_GRID_X 2147483647u
#define SW_MAX_GRID_YZ 65535u
/* The most kernel parameter bytes a launch may pass (CUDA 12.1+ on Volta and later). */
#define SW_MAX_PARAM_BYTES 32764
/* The driver version reported unless WORKBENCH_SOFTWARE_DRIVER_VERSION says otherwise: 13.0. */
#define SW_DEFAULT_DRIVER_VERSION 13000

/* ---- the model clock (model.c): a traffic model, never a measured time ---- */
double sw_model_launch_ns(long long bytes_read, long long bytes_written);
double sw_model_memset_ns(size_t bytes);
double sw_model_device_copy_ns(size_t bytes);
double sw_model_host_copy_ns(size_t bytes);

/* ---- state ---- */
typedef struct sw_alloc {
    CUdeviceptr base;
    size_t size;
    unsigned char *mem;
    int dirty; /* written here since the emulator's copy was last brought up to date */
    struct sw_alloc *next;
} sw_alloc;

typedef struct sw_cubin_function {
    char *name;
    int registers;
    int static_shared;
} sw_cubin_function;

#define SW_MAGIC_MODULE 0x4d4f4431u
#define SW_MAGIC_FUNCTION 0x46554e31u
#define SW_MAGIC_STREAM 0x53545231u
#define SW_MAGIC_EVENT 0x45564e31u
#define SW_MAGIC_CONTEXT 0x43545831u

struct sw_ctx {
    unsigned magic;
    int generation; /* bumped when the primary context is destroyed; handles of older ones are dead */
};

struct sw_function {
    unsigned magic;
    struct sw_module *module;
    char *name;
    int param_count;
    int *param_sizes;
    int param_bytes;
    int static_shared;
    int registers;
    int local_bytes;
    int max_dynamic_shared; /* CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES */
    int preferred_carveout;
    struct sw_function *next;
};

struct sw_module {
    unsigned magic;
    int live;
    int generation;
    int realized;         /* the emulator has parsed it */
    CUresult status;      /* CUDA_SUCCESS, or why it cannot run */
    int cubin;
    unsigned char *image;
    size_t image_size;
    int ptx_version;      /* major * 10 + minor, for CU_FUNC_ATTRIBUTE_PTX_VERSION */
    sw_cubin_function *cubin_functions;
    int cubin_function_count;
    struct sw_function *functions;
    struct sw_module *next;
};

struct sw_stream {
    unsigned magic;
    int live;
    int generation;
    unsigned flags;
};

enum { EVENT_NEVER_RECORDED, EVENT_PENDING, EVENT_DONE };

struct sw_event {
    unsigned magic;
    int live;
    int generation;
    unsigned flags;
    int state;
    double time_ns;
};

enum { OP_LAUNCH, OP_MEMSET, OP_COPY_HTOD, OP_COPY_DTOD, OP_EVENT };

typedef struct sw_op {
    int kind;
    struct sw_op *next;
    union {
        struct {
            struct sw_function *function;
            unsigned grid[3];
            unsigned block[3];
            unsigned shared;
            unsigned char *params;
            int resident_ctas;
            int cooperative;
        } launch;
        struct {
            CUdeviceptr dst;
            unsigned value;
            int element;
            size_t count;
        } memset;
        struct {
            CUdeviceptr dst;
            CUdeviceptr src;
            unsigned char *staged;
            size_t bytes;
        } copy;
        struct sw_event *event;
    } u;
} sw_op;

typedef struct sw_state {
    pthread_mutex_t lock;
    int initialized;
    int driver_version;
    CUresult sticky;          /* a kernel fault: every later call on the context fails with it */
    int primary_refs;
    int primary_flags;
    struct sw_ctx context;
    sw_alloc *allocs;
    size_t allocated;
    struct sw_module *modules;
    sw_op *queue_head;
    sw_op *queue_tail;
    int queued_launches;
    double clock_ns;
} sw_state;

extern sw_state sw;

void sw_lock(void);
void sw_unlock(void);

/* Checks that the driver is initialised, the fault state and that this thread has the live context. */
CUresult sw_check_context(void);
/* The whole device state of the primary context goes away (last release, reset). */
void sw_destroy_context(void);

sw_alloc *sw_find_alloc(CUdeviceptr address, size_t bytes);
void sw_free_all_allocs(void);

void sw_enqueue(sw_op *op);
/*
 * Runs queued work in order. With allow_java false (inside a possible critical region) it runs what needs
 * no emulator and stops before the first launch, returning CUDA_ERROR_NOT_SUPPORTED if one is left.
 */
CUresult sw_drain(int allow_java);
void sw_discard_queue(void);

CUresult sw_validate_stream(CUstream stream);
int sw_occupancy(const struct sw_function *f, int block_threads, size_t dynamic_shared);
CUresult sw_realize_module(struct sw_module *m);
CUresult sw_validate_function(CUfunction f);
int sw_max_threads(const struct sw_function *f);
void sw_unload_all_modules(void);

/* bridge.c: the Java side (dev.scanbench.swdriver.Bridge). Call only with no JNI critical region held. */
CUresult sw_bridge_attach(void);
CUresult sw_bridge_alloc(size_t size, unsigned char *mem, CUdeviceptr *base);
void sw_bridge_free(CUdeviceptr base);
CUresult sw_bridge_load(struct sw_module *m);
CUresult sw_bridge_function(struct sw_module *m, const char *name, struct sw_function *f);
/* Runs one launch; fills the traffic it counted. Returns a CUresult, or -1 when the kernel hangs. */
int sw_bridge_launch(sw_op *op, long long *bytes_read, long long *bytes_written);
void sw_bridge_unload(struct sw_module *m);
void sw_bridge_note(const char *message);

/* Returns CUDA_ERROR_NOT_SUPPORTED for entry points this driver does not implement (stubs.c, generated). */
CUresult sw_unimplemented(const char *name);

#endif
