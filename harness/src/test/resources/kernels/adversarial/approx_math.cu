// Issue 11: a correct kernel (one thread scans serially) that uses two instructions the PTX emulator does not
// run: __expf (ex2.approx.f32) and __fdividef (div.approx.f32), approximate float math whose results differ by
// GPU generation, so the emulator refuses it rather than guess. compile lists both with their .cu lines; verify,
// run and score on the emulator refuse it as an environment limit (exit 3); on a GPU it runs and is right (the
// quotient e / (2 + e) of e = exp(v) >= 0 is never negative, so the branch never stores).
// @plan launch serial_scan grid=1 block=32 args=(x, y, n)
extern "C" __global__ void serial_scan(const int* x, int* y, int n) {
    if (threadIdx.x != 0) {
        return;
    }
    int s = 0;
    int odd = 0;
    for (int i = 0; i < n; i++) {
        int v = x[i];
        float e = __expf((float) v);
        if (odd) {
            s += v;
        }
        y[i] = s;
        if (__fdividef(e, 2.0f + e) < 0.0f) {
            y[i] = 1;
        }
        odd ^= v > 0;
    }
}
