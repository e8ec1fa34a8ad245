/*
 * The Java side: dev.scanbench.swdriver.Bridge, which runs kernels on the PTX emulator in this same JVM.
 * Every function here calls Java, so each may be called only from a driver entry point that holds no JNI
 * critical region (see driver.h). JCuda's calls arrive on attached Java threads; another native thread is
 * attached as a daemon on first use.
 */
#include "driver.h"
#include <dlfcn.h>
#include <jni.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BRIDGE_CLASS "dev/scanbench/swdriver/Bridge"

static JavaVM *vm;
static jclass bridge;
static jmethodID m_init, m_alloc, m_free, m_load, m_function, m_launch, m_unload;

static int resolve(JNIEnv *env) {
    if (bridge != NULL) {
        return 1;
    }
    jclass local = (*env)->FindClass(env, BRIDGE_CLASS);
    if (local == NULL) {
        (*env)->ExceptionClear(env);
        return 0;
    }
    m_init = (*env)->GetStaticMethodID(env, local, "init", "()I");
    m_alloc = (*env)->GetStaticMethodID(env, local, "alloc", "(JLjava/nio/ByteBuffer;)J");
    m_free = (*env)->GetStaticMethodID(env, local, "free", "(J)V");
    m_load = (*env)->GetStaticMethodID(env, local, "load", "(J[BZ)I");
    m_function = (*env)->GetStaticMethodID(env, local, "function", "(JLjava/lang/String;)[I");
    m_launch = (*env)->GetStaticMethodID(env, local, "launch", "(JLjava/lang/String;IIIIIII[BIZ[J)[J");
    m_unload = (*env)->GetStaticMethodID(env, local, "unload", "(J)V");
    if ((*env)->ExceptionCheck(env) || !m_init || !m_alloc || !m_free || !m_load || !m_function || !m_launch
            || !m_unload) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
        return 0;
    }
    bridge = (*env)->NewGlobalRef(env, local);
    return bridge != NULL;
}

/* Loaded by System.load (the workbench's way): the JVM hands over itself and the loader that sees Bridge. */
JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *jvm, void *reserved) {
    (void) reserved;
    vm = jvm;
    JNIEnv *env;
    if ((*jvm)->GetEnv(jvm, (void **) &env, JNI_VERSION_1_8) == JNI_OK) {
        resolve(env);
    }
    return JNI_VERSION_1_8;
}

static JNIEnv *current_env(void) {
    if (vm == NULL) {
        /* Found through LD_LIBRARY_PATH instead: look the JVM up. */
        typedef jint (*created_vms)(JavaVM **, jsize, jsize *);
        created_vms find = (created_vms) dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
        jsize count = 0;
        if (find == NULL || find(&vm, 1, &count) != JNI_OK || count < 1) {
            vm = NULL;
            return NULL;
        }
    }
    JNIEnv *env;
    jint status = (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8);
    if (status == JNI_EDETACHED && (*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, NULL) != JNI_OK) {
        return NULL;
    }
    return status == JNI_OK || status == JNI_EDETACHED ? env : NULL;
}

/* A Java exception in the bridge is a bug of the driver's Java side: print it and fail the call. */
static int failed(JNIEnv *env) {
    if ((*env)->ExceptionCheck(env)) {
        fprintf(stderr, "software CUDA driver: the emulator side failed:\n");
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
        return 1;
    }
    return 0;
}

CUresult sw_bridge_attach(void) {
    JNIEnv *env = current_env();
    if (env == NULL || !resolve(env)) {
        fprintf(stderr, "software CUDA driver: this libcuda.so.1 runs kernels on the workbench's PTX emulator,"
                " and its Java side (%s) is not on this JVM's class path\n", BRIDGE_CLASS);
        return 34; /* CUDA_ERROR_STUB_LIBRARY */
    }
    jint r = (*env)->CallStaticIntMethod(env, bridge, m_init);
    return failed(env) ? CUDA_ERROR_UNKNOWN : r;
}

CUresult sw_bridge_alloc(size_t size, unsigned char *mem, CUdeviceptr *base) {
    JNIEnv *env = current_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4) != 0) {
        return CUDA_ERROR_UNKNOWN;
    }
    jobject buffer = (*env)->NewDirectByteBuffer(env, mem, (jlong) size);
    jlong address = buffer ? (*env)->CallStaticLongMethod(env, bridge, m_alloc, (jlong) size, buffer) : 0;
    int bad = failed(env);
    (*env)->PopLocalFrame(env, NULL);
    if (bad) {
        return CUDA_ERROR_UNKNOWN;
    }
    if (address == 0) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    *base = (CUdeviceptr) address;
    return CUDA_SUCCESS;
}

void sw_bridge_free(CUdeviceptr base) {
    JNIEnv *env = current_env();
    if (env != NULL) {
        (*env)->CallStaticVoidMethod(env, bridge, m_free, (jlong) base);
        failed(env);
    }
}

CUresult sw_bridge_load(struct sw_module *m) {
    JNIEnv *env = current_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4) != 0) {
        return CUDA_ERROR_UNKNOWN;
    }
    jbyteArray image = (*env)->NewByteArray(env, (jsize) m->image_size);
    jint r = CUDA_ERROR_OUT_OF_MEMORY;
    if (image != NULL) {
        (*env)->SetByteArrayRegion(env, image, 0, (jsize) m->image_size, (const jbyte *) m->image);
        r = (*env)->CallStaticIntMethod(env, bridge, m_load, (jlong) (uintptr_t) m, image, (jboolean) m->cubin);
    }
    int bad = failed(env);
    (*env)->PopLocalFrame(env, NULL);
    return bad ? CUDA_ERROR_UNKNOWN : r;
}

CUresult sw_bridge_function(struct sw_module *m, const char *name, struct sw_function *f) {
    JNIEnv *env = current_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4) != 0) {
        return CUDA_ERROR_UNKNOWN;
    }
    CUresult r = CUDA_ERROR_NOT_FOUND;
    jstring jname = (*env)->NewStringUTF(env, name);
    jintArray info = jname ? (*env)->CallStaticObjectMethod(env, bridge, m_function, (jlong) (uintptr_t) m, jname)
            : NULL;
    if (failed(env)) {
        r = CUDA_ERROR_UNKNOWN;
    } else if (info != NULL) {
        /* {static shared bytes, registers, local bytes, parameter count, each parameter's size} */
        jsize n = (*env)->GetArrayLength(env, info);
        jint values[n > 0 ? n : 1];
        (*env)->GetIntArrayRegion(env, info, 0, n, values);
        if (n >= 4 && n == 4 + values[3]) {
            f->static_shared = values[0];
            f->registers = values[1];
            f->local_bytes = values[2];
            f->param_count = values[3];
            f->param_sizes = calloc((size_t) (values[3] > 0 ? values[3] : 1), sizeof(int));
            f->param_bytes = 0;
            for (int i = 0; f->param_sizes && i < values[3]; i++) {
                f->param_sizes[i] = values[4 + i];
                f->param_bytes += values[4 + i];
            }
            r = f->param_sizes ? CUDA_SUCCESS : CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            r = CUDA_ERROR_UNKNOWN;
        }
    }
    (*env)->PopLocalFrame(env, NULL);
    return r;
}

int sw_bridge_launch(sw_op *op, long long *bytes_read, long long *bytes_written) {
    JNIEnv *env = current_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 8) != 0) {
        return CUDA_ERROR_UNKNOWN;
    }
    struct sw_function *f = op->u.launch.function;
    int dirty = 0;
    for (sw_alloc *a = sw.allocs; a != NULL; a = a->next) {
        dirty += a->dirty;
    }
    jlongArray dirty_bases = (*env)->NewLongArray(env, dirty);
    jbyteArray params = (*env)->NewByteArray(env, f->param_bytes);
    jstring name = (*env)->NewStringUTF(env, f->name);
    int r = CUDA_ERROR_OUT_OF_MEMORY;
    if (dirty_bases != NULL && params != NULL && name != NULL) {
        jsize i = 0;
        for (sw_alloc *a = sw.allocs; a != NULL; a = a->next) {
            if (a->dirty) {
                jlong base = (jlong) a->base;
                (*env)->SetLongArrayRegion(env, dirty_bases, i++, 1, &base);
                /* The emulator copies it in before this launch runs. */
                a->dirty = 0;
            }
        }
        (*env)->SetByteArrayRegion(env, params, 0, f->param_bytes, (const jbyte *) op->u.launch.params);
        jlongArray result = (*env)->CallStaticObjectMethod(env, bridge, m_launch, (jlong) (uintptr_t) f->module,
                name, (jint) op->u.launch.grid[0], (jint) op->u.launch.grid[1], (jint) op->u.launch.grid[2],
                (jint) op->u.launch.block[0], (jint) op->u.launch.block[1], (jint) op->u.launch.block[2],
                (jint) op->u.launch.shared, params, (jint) op->u.launch.resident_ctas,
                (jboolean) op->u.launch.cooperative, dirty_bases);
        if (failed(env) || result == NULL || (*env)->GetArrayLength(env, result) != 3) {
            r = CUDA_ERROR_UNKNOWN;
        } else {
            jlong values[3];
            (*env)->GetLongArrayRegion(env, result, 0, 3, values);
            r = (int) values[0];
            *bytes_read = values[1];
            *bytes_written = values[2];
        }
    }
    (*env)->PopLocalFrame(env, NULL);
    return r;
}

void sw_bridge_unload(struct sw_module *m) {
    JNIEnv *env = current_env();
    if (env != NULL) {
        (*env)->CallStaticVoidMethod(env, bridge, m_unload, (jlong) (uintptr_t) m);
        failed(env);
    }
}

/*
 * Keeps a sentence for the workbench to add to the error it reports. May be called inside a critical
 * region, so it only stores the text; the next call that may run Java hands it over.
 */
static char pending_note[1024];

void sw_bridge_note(const char *message) {
    snprintf(pending_note, sizeof pending_note, "%s", message);
}

/* Called by Bridge (JNI) from Java, outside any critical region: the pending note, or null. */
JNIEXPORT jstring JNICALL Java_dev_scanbench_swdriver_Bridge_takePendingNote(JNIEnv *env, jclass cls) {
    (void) cls;
    sw_lock();
    jstring s = pending_note[0] ? (*env)->NewStringUTF(env, pending_note) : NULL;
    pending_note[0] = '\0';
    sw_unlock();
    return s;
}
