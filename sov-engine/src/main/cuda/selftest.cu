// Kernels for CudaSelfTest: each one exercises a kind of kernel argument (int32, float32, 64-bit pointer, int64)
// and gives results the CPU can predict bit for bit.
#include <cuda_bf16.h>
#include <stdint.h>

// y[i] = fma(a, x[i], y[i]): one rounding, so Java's Math.fma predicts every bit.
extern "C" __global__ void saxpy(int n, float a, const float* __restrict__ x, float* __restrict__ y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        y[i] = fmaf(a, x[i], y[i]);
    }
}

// Rounds to bfloat16 (nearest, ties to even) and widens back: the bits the GPU engine stores activations in.
extern "C" __global__ void bf16_round_trip(int n, const float* __restrict__ in, uint16_t* __restrict__ bits,
                                           float* __restrict__ back) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        __nv_bfloat16 h = __float2bfloat16_rn(in[i]);
        bits[i] = __bfloat16_as_ushort(h);
        back[i] = __bfloat162float(h);
    }
}

// out[i] = base + i * stride: a 64-bit integer argument that does not fit in 32 bits.
extern "C" __global__ void iota64(long long base, long long stride, int n, long long* __restrict__ out) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        out[i] = base + (long long) i * stride;
    }
}
