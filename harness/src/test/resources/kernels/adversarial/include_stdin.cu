// Adversarial: includes /dev/stdin, which never ends when a compiler's stdin is a terminal or a pipe kept open,
// and which names a file outside the kernel's folder. Refused quickly, whatever stdin is.
// @plan launch copy grid=ceil_div(n, 256) block=256 args=(x, y, n)
#include "/dev/stdin"
extern "C" __global__ void copy(const int* x, int* y, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        y[i] = x[i];
    }
}
