// Real nvcc output with device-function calls: __noinline__ functions taking and returning values of several
// types (a struct included), a recursive function, and device-side printf (vprintf).
#include <cstdio>

struct Pair { int a; long long b; };

__device__ __noinline__ int mix(int x, int y) { return x * 31 + (y ^ 0x55); }

__device__ __noinline__ double scale(double v, float f) { return v * f + 0.5; }

__device__ __noinline__ Pair pairUp(int x) { Pair p; p.a = x + 1; p.b = (long long) x * 1000000007LL; return p; }

__device__ __noinline__ unsigned fact(unsigned n) { return n <= 1 ? 1u : n * fact(n - 1); }

__device__ __noinline__ int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

// not tail-recursive (the result is scaled after the call): one frame per step of the chain
__device__ __noinline__ int walk(const int* next, int i) { return i < 0 ? 0 : walk(next, next[i]) * 3 + i; }

extern "C" __global__ void calls(const int* in, int* out, double* dout, long long* lout, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    int v = in[i];
    out[4 * i] = mix(v, i);
    out[4 * i + 1] = (int) fact((unsigned) (v & 7));
    out[4 * i + 2] = fib(v & 7);
    Pair p = pairUp(v);
    out[4 * i + 3] = p.a;
    lout[i] = p.b;
    dout[i] = scale((double) v, 0.25f);
}

extern "C" __global__ void deep(const int* next, int* out)
{
    out[threadIdx.x] = walk(next, (int) threadIdx.x);
}

extern "C" __global__ void prints(const int* in, const char* name)
{
    int t = threadIdx.x;
    int v = in[t];
    long long big = (long long) v * -123456789012LL;
    printf("t=%d u=%u x=%x X=%X ld=%ld lld=%lld llu=%llu\n", v, (unsigned) v, (unsigned) v, (unsigned) v,
           (long) big, big, (unsigned long long) big);
    printf("f=%f e=%e g=%g w=[%8.3f] [%-6d] [%+d] [%05d] c=%c s=%s %%\n", v * 0.5, v * 1e-7, v * 1.0e10,
           v / 3.0, v, v, v, 'A' + t, name);
    printf("p=%p end\n", (void*) in);
}
