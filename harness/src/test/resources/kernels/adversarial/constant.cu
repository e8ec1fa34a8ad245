// Adversarial: writes the same value everywhere (right for inputs without positives, wrong in general).
// @plan launch constant grid=ceil_div(n, 256) block=256 args=(y, n)
extern "C" __global__ void constant(int* y, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        y[i] = 0;
    }
}
