// Adversarial: a grid of 2^31 - 1 blocks (legal on a GPU, where the extra blocks return at once).
// @plan launch k grid=2147483647 block=1024 args=(x, y, n)
extern "C" __global__ void k(const int* x, int* y, int n) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    int s = 0;
    for (int j = 0; j <= i; ++j) s += x[j];
    y[i] = s;
}
