/*
 * Modules. A load copies the image and checks what a real driver checks before running anything: a cubin's
 * ELF header and architecture (sm_90 only: a cubin runs on its own major architecture), a PTX's .version
 * against what this driver's JIT accepts and its .target against the device. The load may be called inside
 * a JNI critical region, so the emulator parses the PTX later, at the first call that holds none
 * (cuModuleGetFunction); a PTX it cannot run is reported there.
 */
#include "driver.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int module_valid(CUmodule m) {
    return m != NULL && m->magic == SW_MAGIC_MODULE && m->live && m->generation == sw.context.generation;
}

/* The PTX ISA version (major * 10 + minor) the JIT of a driver version accepts. */
static int max_ptx_version(int driver) {
    static const int table[][2] = {
        {13000, 90}, {12090, 88}, {12080, 87}, {12060, 85}, {12050, 85}, {12040, 84}, {12030, 83},
        {12020, 82}, {12010, 81}, {12000, 80}, {11080, 78}, {11070, 77}, {11060, 76}, {11050, 75},
        {11040, 74}, {11030, 73}, {11020, 72}, {11010, 71}, {11000, 70},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (driver >= table[i][0]) {
            return table[i][1];
        }
    }
    return 63;
}

/* ---- PTX header checks, with the JIT log a real driver's ptxas would write ---- */

typedef struct {
    const char *p;
    const char *end;
    int line;
} cursor;

static void skip_space_and_comments(cursor *c) {
    while (c->p < c->end) {
        if (*c->p == '\n') {
            c->line++;
            c->p++;
        } else if (*c->p == ' ' || *c->p == '\t' || *c->p == '\r') {
            c->p++;
        } else if (c->p + 1 < c->end && c->p[0] == '/' && c->p[1] == '/') {
            while (c->p < c->end && *c->p != '\n') {
                c->p++;
            }
        } else if (c->p + 1 < c->end && c->p[0] == '/' && c->p[1] == '*') {
            c->p += 2;
            while (c->p + 1 < c->end && !(c->p[0] == '*' && c->p[1] == '/')) {
                if (*c->p == '\n') {
                    c->line++;
                }
                c->p++;
            }
            c->p = c->p + 2 <= c->end ? c->p + 2 : c->end;
        } else {
            return;
        }
    }
}

static int isalnum_ascii(char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int take_word(cursor *c, char *out, size_t cap) {
    size_t n = 0;
    while (c->p < c->end && n + 1 < cap && (isalnum_ascii(*c->p) || *c->p == '.' || *c->p == '_')) {
        out[n++] = *c->p++;
    }
    out[n] = '\0';
    return (int) n;
}

/* Reads .version and .target from the PTX's head; fills log on failure. */
static CUresult check_ptx(struct sw_module *m, const char *text, size_t size, char *log, size_t log_cap) {
    cursor c = {text, text + size, 1};
    char word[64];
    skip_space_and_comments(&c);
    int line = c.line;
    if (!take_word(&c, word, sizeof word) || strcmp(word, ".version") != 0) {
        snprintf(log, log_cap, "ptxas application ptx input, line %d; fatal   : Missing .version directive at"
                 " start of file", line);
        return CUDA_ERROR_INVALID_PTX;
    }
    skip_space_and_comments(&c);
    int major = 0;
    int minor = 0;
    if (sscanf(c.p, "%d.%d", &major, &minor) != 2) {
        snprintf(log, log_cap, "ptxas application ptx input, line %d; fatal   : Malformed .version directive", line);
        return CUDA_ERROR_INVALID_PTX;
    }
    int supported = max_ptx_version(sw.driver_version);
    if (major * 10 + minor > supported) {
        snprintf(log, log_cap, "ptxas application ptx input, line %d; fatal   : Unsupported .version %d.%d;"
                 " current version is '%d.%d'", line, major, minor, supported / 10, supported % 10);
        return CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
    }
    m->ptx_version = major * 10 + minor;
    while (c.p < c.end && *c.p != '\n') {
        c.p++;
    }
    skip_space_and_comments(&c);
    line = c.line;
    if (!take_word(&c, word, sizeof word) || strcmp(word, ".target") != 0) {
        snprintf(log, log_cap, "ptxas application ptx input, line %d; fatal   : Missing .target directive", line);
        return CUDA_ERROR_INVALID_PTX;
    }
    skip_space_and_comments(&c);
    int sm = 0;
    if (sscanf(c.p, "sm_%d", &sm) != 1) {
        snprintf(log, log_cap, "ptxas application ptx input, line %d; fatal   : Unknown .target", line);
        return CUDA_ERROR_INVALID_PTX;
    }
    /* sm_90a code runs on sm_90 only; plain targets up to sm_90 are JIT-compiled for it. */
    if (sm > SW_SM_VERSION) {
        snprintf(log, log_cap, "ptxas application ptx input, line %d; fatal   : SM version specified by .target"
                 " is higher than default SM version assumed", line);
        return CUDA_ERROR_INVALID_PTX;
    }
    return CUDA_SUCCESS;
}

/* ---- cubin (ELF) reading: the architecture, each kernel's registers and static shared memory ---- */

#define EM_CUDA 190
#define EIATTR_REGCOUNT 0x2f

static int read_u16(const unsigned char *p) {
    return p[0] | (p[1] << 8);
}

static unsigned read_u32(const unsigned char *p) {
    return (unsigned) p[0] | ((unsigned) p[1] << 8) | ((unsigned) p[2] << 16) | ((unsigned) p[3] << 24);
}

static unsigned long long read_u64(const unsigned char *p) {
    return read_u32(p) | ((unsigned long long) read_u32(p + 4) << 32);
}

typedef struct {
    unsigned name;
    unsigned type;
    unsigned long long offset;
    unsigned long long size;
    unsigned link;
    unsigned info;
} elf_section;

static sw_cubin_function *cubin_function(struct sw_module *m, const char *name, int create) {
    for (int i = 0; i < m->cubin_function_count; i++) {
        if (strcmp(m->cubin_functions[i].name, name) == 0) {
            return &m->cubin_functions[i];
        }
    }
    if (!create) {
        return NULL;
    }
    sw_cubin_function *grown = realloc(m->cubin_functions, sizeof *grown * (size_t) (m->cubin_function_count + 1));
    if (grown == NULL) {
        return NULL;
    }
    m->cubin_functions = grown;
    sw_cubin_function *f = &grown[m->cubin_function_count++];
    f->name = strdup(name);
    f->registers = 0;
    f->static_shared = 0;
    return f;
}

static const char *string_at(const unsigned char *image, size_t size, const elf_section *table, unsigned offset) {
    if (table->offset + offset >= size || offset >= table->size) {
        return NULL;
    }
    const char *s = (const char *) image + table->offset + offset;
    if (memchr(s, '\0', (size_t) (table->size - offset)) == NULL) {
        return NULL;
    }
    return s;
}

static CUresult read_cubin(struct sw_module *m, const unsigned char *image, size_t size) {
    if (size < 64 || image[4] != 2 || read_u16(image + 18) != EM_CUDA) {
        return CUDA_ERROR_INVALID_IMAGE;
    }
    unsigned flags = read_u32(image + 48);
    /* ELF ABI version 8 (CUDA 12.x+) keeps the SM in bits 8-15 of e_flags; older cubins in bits 0-7. */
    int sm = image[8] >= 8 ? (int) ((flags >> 8) & 0xFF) : (int) (flags & 0xFF);
    if (sm != SW_SM_VERSION) {
        return CUDA_ERROR_NO_BINARY_FOR_GPU;
    }
    unsigned long long shoff = read_u64(image + 40);
    int shentsize = read_u16(image + 58);
    int shnum = read_u16(image + 60);
    int shstrndx = read_u16(image + 62);
    if (shentsize < 64 || shnum <= 0 || shstrndx >= shnum || shoff > size
            || (unsigned long long) shnum * (unsigned long long) shentsize > size - shoff) {
        return CUDA_ERROR_INVALID_IMAGE;
    }
    elf_section *sections = calloc((size_t) shnum, sizeof *sections);
    if (sections == NULL) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    for (int i = 0; i < shnum; i++) {
        const unsigned char *h = image + shoff + (size_t) i * (size_t) shentsize;
        sections[i] = (elf_section) {read_u32(h), read_u32(h + 4), read_u64(h + 24), read_u64(h + 32),
                                     read_u32(h + 40), read_u32(h + 44)};
        if (sections[i].type != 8 && (sections[i].offset > size || sections[i].size > size - sections[i].offset)) {
            free(sections);
            return CUDA_ERROR_INVALID_IMAGE;
        }
    }
    CUresult r = CUDA_SUCCESS;
    const elf_section *names = &sections[shstrndx];
    int symtab = -1;
    for (int i = 0; i < shnum && r == CUDA_SUCCESS; i++) {
        const char *name = string_at(image, size, names, sections[i].name);
        if (name == NULL) {
            continue;
        }
        if (sections[i].type == 2) {
            symtab = i;
        } else if (strncmp(name, ".text.", 6) == 0) {
            if (cubin_function(m, name + 6, 1) == NULL) {
                r = CUDA_ERROR_OUT_OF_MEMORY;
            }
        } else if (strncmp(name, ".nv.shared.", 11) == 0 && strncmp(name, ".nv.shared.reserved", 19) != 0) {
            sw_cubin_function *f = cubin_function(m, name + 11, 1);
            if (f == NULL) {
                r = CUDA_ERROR_OUT_OF_MEMORY;
            } else {
                /* Since sm_80 each block's section includes the 1 KiB the hardware reserves. */
                long long bytes = (long long) sections[i].size - SW_RESERVED_SHARED_PER_BLOCK;
                f->static_shared = bytes > 0 ? (int) bytes : 0;
            }
        }
    }
    /* Register counts: EIATTR_REGCOUNT entries of .nv.info, keyed by symbol index. */
    for (int i = 0; i < shnum && r == CUDA_SUCCESS && symtab >= 0; i++) {
        const char *name = string_at(image, size, names, sections[i].name);
        if (name == NULL || strcmp(name, ".nv.info") != 0) {
            continue;
        }
        const elf_section *symbols = &sections[symtab];
        if (symbols->link >= (unsigned) shnum) {
            break;
        }
        const elf_section *strings = &sections[symbols->link];
        const unsigned char *p = image + sections[i].offset;
        const unsigned char *end = p + sections[i].size;
        while (p + 4 <= end) {
            int format = p[0];
            int attribute = p[1];
            if (format == 4) {
                int length = read_u16(p + 2);
                if (p + 4 + length > end) {
                    break;
                }
                if (attribute == EIATTR_REGCOUNT && length == 8) {
                    unsigned index = read_u32(p + 4);
                    unsigned long long at = symbols->offset + (unsigned long long) index * 24;
                    if (at + 24 <= symbols->offset + symbols->size) {
                        const char *symbol = string_at(image, size, strings, read_u32(image + at));
                        sw_cubin_function *f = symbol ? cubin_function(m, symbol, 0) : NULL;
                        if (f != NULL) {
                            f->registers = (int) read_u32(p + 8);
                        }
                    }
                }
                p += 4 + length;
            } else if (format == 1) {
                p += 2;
            } else {
                p += 4;
            }
        }
    }
    free(sections);
    return r;
}

/* ---- loading ---- */

/*
 * An ELF image given without its size (cuModuleLoadData) carries its extent: the furthest end of its header
 * tables, its sections' contents and its segments.
 */
static size_t elf_extent(const unsigned char *bytes) {
    unsigned long long phoff = read_u64(bytes + 32);
    unsigned long long shoff = read_u64(bytes + 40);
    int phentsize = read_u16(bytes + 54);
    int phnum = read_u16(bytes + 56);
    int shentsize = read_u16(bytes + 58);
    int shnum = read_u16(bytes + 60);
    unsigned long long end = 64;
    if (shoff + (unsigned long long) shnum * shentsize > end) {
        end = shoff + (unsigned long long) shnum * shentsize;
    }
    if (phoff + (unsigned long long) phnum * phentsize > end) {
        end = phoff + (unsigned long long) phnum * phentsize;
    }
    for (int i = 0; i < shnum; i++) {
        const unsigned char *h = bytes + shoff + (size_t) i * (size_t) shentsize;
        unsigned long long e = read_u64(h + 24) + (read_u32(h + 4) == 8 ? 0 : read_u64(h + 32));
        end = e > end ? e : end;
    }
    for (int i = 0; i < phnum; i++) {
        const unsigned char *h = bytes + phoff + (size_t) i * (size_t) phentsize;
        unsigned long long e = read_u64(h + 8) + read_u64(h + 32);
        end = e > end ? e : end;
    }
    return (size_t) end;
}

static CUresult load(CUmodule *module, const void *image, size_t known_size, char *log, size_t log_cap,
                     int realize_now) {
    if (module == NULL || image == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    log[0] = '\0';
    sw_lock();
    CUresult r = sw_check_context();
    struct sw_module *m = NULL;
    if (r == CUDA_SUCCESS) {
        m = calloc(1, sizeof *m);
        if (m == NULL) {
            r = CUDA_ERROR_OUT_OF_MEMORY;
        }
    }
    if (r == CUDA_SUCCESS) {
        const unsigned char *bytes = image;
        int elf = bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
        unsigned magic = read_u32(bytes);
        size_t size = known_size;
        if (elf && size == 0) {
            size = elf_extent(bytes);
        } else if (!elf && size == 0) {
            size = strlen((const char *) bytes) + 1;
        }
        m->magic = SW_MAGIC_MODULE;
        m->generation = sw.context.generation;
        m->cubin = elf;
        if (magic == 0xBA55ED50u || magic == 0x466243B1u) {
            snprintf(log, log_cap, "the software CUDA driver loads cubins and PTX, not fat binaries");
            r = CUDA_ERROR_NOT_SUPPORTED;
        } else if (elf) {
            r = read_cubin(m, bytes, size);
        } else {
            r = check_ptx(m, (const char *) bytes, strnlen((const char *) bytes, size), log, log_cap);
        }
        if (r == CUDA_SUCCESS) {
            m->image = malloc(size);
            if (m->image == NULL) {
                r = CUDA_ERROR_OUT_OF_MEMORY;
            } else {
                memcpy(m->image, bytes, size);
                m->image_size = size;
            }
        }
    }
    if (r == CUDA_SUCCESS) {
        m->live = 1;
        m->next = sw.modules;
        sw.modules = m;
        if (realize_now) {
            r = sw_realize_module(m);
        }
        *module = m;
    } else if (m != NULL) {
        for (int i = 0; i < m->cubin_function_count; i++) {
            free(m->cubin_functions[i].name);
        }
        free(m->cubin_functions);
        free(m->image);
        free(m);
    }
    sw_unlock();
    return r;
}

CUresult sw_realize_module(struct sw_module *m) {
    if (!m->realized) {
        m->realized = 1;
        m->status = sw_bridge_load(m);
    }
    return m->status;
}

CUresult cuModuleLoadData(CUmodule *module, const void *image) {
    char log[512];
    return load(module, image, 0, log, sizeof log, 0);
}

CUresult cuModuleLoadDataEx(CUmodule *module, const void *image, unsigned int count, int *options, void **values) {
    char log[4096];
    CUresult r = load(module, image, 0, log, sizeof log, 0);
    for (unsigned i = 0; options != NULL && values != NULL && i < count; i++) {
        if (options[i] == JIT_ERROR_LOG_BUFFER || options[i] == JIT_INFO_LOG_BUFFER) {
            /* The size option follows its buffer's number; it holds the capacity in, the length out. */
            for (unsigned j = 0; j < count; j++) {
                if (options[j] == options[i] + 1) {
                    size_t cap = (size_t) (uintptr_t) values[j];
                    const char *text = options[i] == JIT_ERROR_LOG_BUFFER ? log : "";
                    if (cap > 0 && values[i] != NULL) {
                        snprintf((char *) values[i], cap, "%s", text);
                        size_t written = strlen(text) < cap ? strlen(text) + 1 : cap;
                        values[j] = (void *) (uintptr_t) written;
                    }
                }
            }
        }
    }
    return r;
}

CUresult cuModuleLoad(CUmodule *module, const char *path) {
    if (path == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return CUDA_ERROR_FILE_NOT_FOUND;
    }
    size_t cap = 1 << 16;
    size_t n = 0;
    unsigned char *data = malloc(cap + 1);
    size_t got;
    while (data != NULL && (got = fread(data + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *grown = realloc(data, cap * 2 + 1);
            if (grown == NULL) {
                free(data);
                data = NULL;
                break;
            }
            data = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (data == NULL) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    data[n] = '\0';
    char log[512];
    /* A path is a plain string argument: no critical region, so the emulator may parse it right away. */
    CUresult r = load(module, data, n + 1, log, sizeof log, 1);
    free(data);
    return r;
}

CUresult cuModuleLoadFatBinary(CUmodule *module, const void *image) {
    (void) module;
    (void) image;
    return sw_unimplemented("cuModuleLoadFatBinary");
}

static void drop_module(struct sw_module *m) {
    if (m->realized) {
        sw_bridge_unload(m);
    }
    m->live = 0;
    free(m->image);
    m->image = NULL;
}

CUresult cuModuleUnload(CUmodule module) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS && !module_valid(module)) {
        r = CUDA_ERROR_INVALID_HANDLE;
    }
    if (r == CUDA_SUCCESS) {
        /* Kernels of the module may still be queued: they finish first. */
        r = sw_drain(1);
        drop_module(module);
    }
    sw_unlock();
    return r;
}

void sw_unload_all_modules(void) {
    for (struct sw_module *m = sw.modules; m != NULL; m = m->next) {
        if (m->live) {
            drop_module(m);
        }
    }
}

CUresult cuModuleGetFunction(CUfunction *function, CUmodule module, const char *name) {
    if (function == NULL || name == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS && !module_valid(module)) {
        r = CUDA_ERROR_INVALID_HANDLE;
    }
    if (r == CUDA_SUCCESS) {
        r = sw_realize_module(module);
    }
    struct sw_function *f = NULL;
    if (r == CUDA_SUCCESS) {
        for (f = module->functions; f != NULL && strcmp(f->name, name) != 0; f = f->next) {
        }
    }
    if (r == CUDA_SUCCESS && f == NULL) {
        f = calloc(1, sizeof *f);
        if (f == NULL) {
            r = CUDA_ERROR_OUT_OF_MEMORY;
        } else {
            f->magic = SW_MAGIC_FUNCTION;
            f->module = module;
            f->name = strdup(name);
            f->preferred_carveout = -1;
            r = sw_bridge_function(module, name, f);
            if (r == CUDA_SUCCESS) {
                const sw_cubin_function *c = module->cubin ? cubin_function(module, name, 0) : NULL;
                if (c != NULL) {
                    f->registers = c->registers;
                    f->static_shared = c->static_shared;
                }
                /* Dynamic shared memory a launch may use before any opt-in: what is left of the 48 KiB. */
                f->max_dynamic_shared = SW_DEFAULT_SHARED_PER_BLOCK - f->static_shared;
                if (f->max_dynamic_shared < 0) {
                    f->max_dynamic_shared = 0;
                }
                f->next = module->functions;
                module->functions = f;
            } else {
                free(f->name);
                free(f->param_sizes);
                free(f);
                f = NULL;
            }
        }
    }
    if (r == CUDA_SUCCESS) {
        *function = f;
    }
    sw_unlock();
    return r;
}

static CUresult validate_function(CUfunction f) {
    if (f == NULL || f->magic != SW_MAGIC_FUNCTION || !module_valid(f->module)) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    return CUDA_SUCCESS;
}

CUresult sw_validate_function(CUfunction f) {
    return validate_function(f);
}

/* Threads per block the function can launch with: 1024, or fewer when its registers do not allow it. */
int sw_max_threads(const struct sw_function *f) {
    if (f->registers <= 0) {
        return SW_MAX_THREADS_PER_BLOCK;
    }
    int per_warp = (f->registers * 32 + SW_REGISTER_UNIT_PER_WARP - 1) / SW_REGISTER_UNIT_PER_WARP
            * SW_REGISTER_UNIT_PER_WARP;
    int threads = SW_REGISTERS_PER_SM / per_warp * 32;
    return threads < SW_MAX_THREADS_PER_BLOCK ? threads : SW_MAX_THREADS_PER_BLOCK;
}

CUresult cuFuncGetAttribute(int *value, int attribute, CUfunction f) {
    if (value == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = validate_function(f);
    }
    if (r == CUDA_SUCCESS) {
        switch (attribute) {
        case FUNC_MAX_THREADS_PER_BLOCK: *value = sw_max_threads(f); break;
        case FUNC_SHARED_SIZE_BYTES: *value = f->static_shared; break;
        case FUNC_CONST_SIZE_BYTES: *value = 0; break;
        case FUNC_LOCAL_SIZE_BYTES: *value = f->local_bytes; break;
        case FUNC_NUM_REGS: *value = f->registers; break;
        case FUNC_PTX_VERSION: *value = f->module->cubin ? SW_SM_VERSION : f->module->ptx_version; break;
        case FUNC_BINARY_VERSION: *value = SW_SM_VERSION; break;
        case FUNC_CACHE_MODE_CA: *value = 0; break;
        case FUNC_MAX_DYNAMIC_SHARED_SIZE_BYTES: *value = f->max_dynamic_shared; break;
        case FUNC_PREFERRED_SHARED_MEMORY_CARVEOUT: *value = f->preferred_carveout; break;
        default:
            if (attribute > FUNC_PREFERRED_SHARED_MEMORY_CARVEOUT && attribute < FUNC_ATTRIBUTE_COUNT) {
                *value = 0;
            } else {
                r = CUDA_ERROR_INVALID_VALUE;
            }
        }
    }
    sw_unlock();
    return r;
}

CUresult cuFuncSetAttribute(CUfunction f, int attribute, int value) {
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = validate_function(f);
    }
    if (r == CUDA_SUCCESS) {
        if (attribute == FUNC_MAX_DYNAMIC_SHARED_SIZE_BYTES) {
            /* Static and dynamic together may not pass the opt-in limit (227 KiB on sm_90). */
            if (value < 0 || (long long) value + f->static_shared > SW_OPTIN_SHARED_PER_BLOCK) {
                r = CUDA_ERROR_INVALID_VALUE;
            } else {
                f->max_dynamic_shared = value;
            }
        } else if (attribute == FUNC_PREFERRED_SHARED_MEMORY_CARVEOUT) {
            if (value < -1 || value > 100) {
                r = CUDA_ERROR_INVALID_VALUE;
            } else {
                f->preferred_carveout = value;
            }
        } else if (attribute >= 0 && attribute < FUNC_ATTRIBUTE_COUNT) {
            r = CUDA_ERROR_INVALID_VALUE; /* read-only or cluster attributes */
        } else {
            r = CUDA_ERROR_INVALID_VALUE;
        }
    }
    sw_unlock();
    return r;
}

CUresult cuFuncGetModule(CUmodule *module, CUfunction f) {
    if (module == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    sw_lock();
    CUresult r = sw_check_context();
    if (r == CUDA_SUCCESS) {
        r = validate_function(f);
    }
    if (r == CUDA_SUCCESS) {
        *module = f->module;
    }
    sw_unlock();
    return r;
}
