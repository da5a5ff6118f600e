// The GPU decoder's own kernels (ADR 0150): everything of a Llama-block forward pass that is not a GEMM.
// cuBLAS does the projections and the lm head; these kernels do the rest. Conventions:
//   - the residual stream is f32, GEMM inputs bf16, GEMM outputs f32;
//   - the KV cache is F16, per layer [block][kvHead][16 positions][headDim] (the CPU pool's layout), so one KV head's
//     block is one contiguous run and a block id means the same as in the scheduler's BlockManager;
//   - a "pass" is a set of rows (tokens) of one or several sequences; per-row and per-tile inputs are int32 arrays
//     the host packs and uploads once per pass.
// Every kernel is extern "C" so the runner finds it by name.

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <math_constants.h>

#define KV_BLOCK 16

__device__ __forceinline__ float warp_sum(float v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float warp_max(float v) {
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

// Sum over the whole block (blockDim.x a multiple of 32, at most 1024); every thread gets the result.
__device__ float block_sum(float v) {
    __shared__ float partial[32];
    __shared__ float total;
    int lane = threadIdx.x & 31;
    int warp = threadIdx.x >> 5;
    v = warp_sum(v);
    __syncthreads();  // partial may still be read by a previous call
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    if (warp == 0) {
        float s = lane < (int) (blockDim.x >> 5) ? partial[lane] : 0.f;
        s = warp_sum(s);
        if (lane == 0) total = s;
    }
    __syncthreads();
    return total;
}

// x[r][d] = table[tokens[r]][d]: the token embeddings of a pass's rows, bf16 widened to the f32 residual stream.
// grid: rows; block: any multiple of 32.
extern "C" __global__ void embed_rows(const __nv_bfloat16* __restrict__ table, const int* __restrict__ tokens,
                                      float* __restrict__ x, int dim) {
    int r = blockIdx.x;
    const __nv_bfloat16* src = table + (size_t) tokens[r] * dim;
    float* dst = x + (size_t) r * dim;
    for (int d = threadIdx.x; d < dim; d += blockDim.x) dst[d] = __bfloat162float(src[d]);
}

// out[i] = rmsnorm(x[row]) * weight in bf16, row = rowIndex ? rowIndex[i] : i. The row index gathers the sampled rows
// before the lm head, so the head multiplies only the rows whose logits are wanted.
// grid: rows of out; block: a multiple of 32.
extern "C" __global__ void rmsnorm_rows(const float* __restrict__ x, const int* __restrict__ rowIndex,
                                        const float* __restrict__ weight, __nv_bfloat16* __restrict__ out, int dim,
                                        float eps) {
    int i = blockIdx.x;
    int row = rowIndex ? rowIndex[i] : i;
    const float* src = x + (size_t) row * dim;
    float sum = 0.f;
    for (int d = threadIdx.x; d < dim; d += blockDim.x) sum += src[d] * src[d];
    sum = block_sum(sum);
    float scale = rsqrtf(sum / dim + eps);
    __nv_bfloat16* dst = out + (size_t) i * dim;
    for (int d = threadIdx.x; d < dim; d += blockDim.x) dst[d] = __float2bfloat16_rn(src[d] * scale * weight[d]);
}

// The attention inputs of one head of one row, in the order of the CPU Transformer: qkv bias, q/k RMSNorm over the
// head, rotary embedding; then the query goes back into qkv (f32, read by attention) and the key and value into the
// cache at the row's slot (F16). A row whose slot is negative (a graph's padding) writes no cache.
// qkv rows hold [q heads | k heads | v heads], headDim each. invFreq[i] is the angle per position of pair i (base,
// scaling divisors folded in on the host); ropeScale multiplies cos and sin (YaRN, LongRoPE).
// grid: (rows, heads + 2 * kvHeads); block: a multiple of 32, >= 32.
extern "C" __global__ void qkv_rope_cache(float* __restrict__ qkv, const float* __restrict__ bias,
                                          const float* __restrict__ qNorm, const float* __restrict__ kNorm, float eps,
                                          const int* __restrict__ positions, const int* __restrict__ slots,
                                          const float* __restrict__ invFreq, float ropeScale, int ropeDim, int neox,
                                          __half* __restrict__ kCache, __half* __restrict__ vCache, int heads,
                                          int kvHeads, int headDim) {
    __shared__ float h[256];
    int r = blockIdx.x;
    int head = blockIdx.y;
    int stride = (heads + 2 * kvHeads) * headDim;
    float* src = qkv + (size_t) r * stride + (size_t) head * headDim;
    bool isQ = head < heads;
    bool isK = !isQ && head < heads + kvHeads;
    for (int d = threadIdx.x; d < headDim; d += blockDim.x) {
        h[d] = src[d] + (bias ? bias[head * headDim + d] : 0.f);
    }
    __syncthreads();
    if (!isQ && !isK) {
        // value: straight to the cache
    } else {
        const float* norm = isQ ? qNorm : kNorm;
        if (norm) {
            float sum = 0.f;
            for (int d = threadIdx.x; d < headDim; d += blockDim.x) sum += h[d] * h[d];
            sum = block_sum(sum);
            float scale = rsqrtf(sum / headDim + eps);
            for (int d = threadIdx.x; d < headDim; d += blockDim.x) h[d] = h[d] * scale * norm[d];
            __syncthreads();
        }
        float pos = (float) positions[r];
        int pairs = ropeDim / 2;
        for (int i = threadIdx.x; i < pairs; i += blockDim.x) {
            int a = neox ? i : 2 * i;
            int b = neox ? i + pairs : 2 * i + 1;
            float s, c;
            sincosf(pos * invFreq[i], &s, &c);
            c *= ropeScale;
            s *= ropeScale;
            float x0 = h[a];
            float x1 = h[b];
            h[a] = x0 * c - x1 * s;
            h[b] = x0 * s + x1 * c;
        }
        __syncthreads();
    }
    if (isQ) {
        for (int d = threadIdx.x; d < headDim; d += blockDim.x) src[d] = h[d];
        return;
    }
    int slot = slots[r];
    if (slot < 0) return;
    int kvHead = isK ? head - heads : head - heads - kvHeads;
    size_t at = (((size_t) (slot / KV_BLOCK) * kvHeads + kvHead) * KV_BLOCK + slot % KV_BLOCK) * headDim;
    __half* dst = (isK ? kCache : vCache) + at;
    for (int d = threadIdx.x; d < headDim; d += blockDim.x) dst[d] = __float2half_rn(h[d]);
}

// Paged causal attention over the block tables, for decode rows and prefill chunks alike, in one launch.
//
// Work unit: a tile = up to tilePositions consecutive rows (positions) of one chunk, times one KV head, times one split
// of the key range. Its query vectors are (position, query head of the KV head's group) pairs; each of the block's
// warps owns QPW of them, with the output accumulators in registers (lane l holds dims l, l + 32, ...). Keys and
// values stream through shared memory 32 positions at a time; scores use lane j for key j, the softmax is online, in
// f32. The query is pre-multiplied by the attention scale.
//
// Inputs: tileChunk / tileRow / tilePos / tileCount per tile (its chunk, first row in the pass, first position, rows);
// the block table of each chunk (tableStride ints a row); a query sees keys [0, its position]. With splits == 1 the normalised output goes to out
// (bf16, [row][head * headDim + d]); otherwise each split writes its partial (max, sum, unnormalised accumulator) to
// partials [row][head][split][2 + headDim] and attention_combine merges them (flash-decoding: more blocks for long
// contexts and small batches).
// grid: (tiles, kvHeads, splits); block: 32 * NWARPS.
#define NWARPS 8
#define KTILE 32

template <int DPL>
struct AttentionShape {
    static constexpr int HD = 32 * DPL;                 // largest head dimension this instance serves
    static constexpr int QPW = DPL >= 8 ? 1 : 4;        // query vectors per warp (keeps shared memory under 48 KB)
    static constexpr int QV = NWARPS * QPW;             // query vectors per block and pass
};

// One query vector (shared memory, scaled) against one key tile: scores with lane j on key j, the online softmax
// update of the running max m and the lane's share l of the sum, and the accumulator (lane holds dims lane + 32 i).
template <int DPL>
__device__ __forceinline__ void attend_tile(const float* q, const __half2 (*ks)[16 * DPL + 1],
                                            const __half2 (*vs)[16 * DPL], int half2s, int headDim, int k0,
                                            int qpos, int lane, float (&acc)[DPL], float& m, float& l) {
    const float2* q2 = reinterpret_cast<const float2*>(q);
    float s = 0.f;
    for (int c = 0; c < half2s; c++) {
        float2 kf = __half22float2(ks[lane][c]);
        float2 qf = q2[c];
        s = fmaf(qf.x, kf.x, s);
        s = fmaf(qf.y, kf.y, s);
    }
    bool visible = k0 + lane <= qpos;
    s = visible ? s : -CUDART_INF_F;
    float mNew = fmaxf(m, warp_max(s));  // finite: key k0 <= qpos is visible
    float alpha = __expf(m - mNew);
    float p = visible ? __expf(s - mNew) : 0.f;
    l = l * alpha + p;
    m = mNew;
#pragma unroll
    for (int i = 0; i < DPL; i++) acc[i] *= alpha;
    for (int key = 0; key < KTILE; key++) {
        float w = __shfl_sync(0xffffffffu, p, key);
        const __half* vrow = reinterpret_cast<const __half*>(vs[key]);
#pragma unroll
        for (int i = 0; i < DPL; i++) {
            int d = lane + 32 * i;
            if (d < headDim) acc[i] = fmaf(w, __half2float(vrow[d]), acc[i]);
        }
    }
}

template <int DPL>
__device__ void paged_attention(const float* __restrict__ qkv, __nv_bfloat16* __restrict__ out,
                                float* __restrict__ partials, const __half* __restrict__ kCache,
                                const __half* __restrict__ vCache, const int* __restrict__ tileChunk,
                                const int* __restrict__ tileRow, const int* __restrict__ tilePos,
                                const int* __restrict__ tileCount,
                                const int* __restrict__ blockTables, int tableStride, int heads, int kvHeads,
                                int headDim, float scale, int splits) {
    using S = AttentionShape<DPL>;
    __shared__ float qs[S::QV][S::HD];
    __shared__ __half2 ks[KTILE][S::HD / 2 + 1];  // padded: lanes reading 32 different keys hit 32 banks
    __shared__ __half2 vs[KTILE][S::HD / 2];

    const int tile = blockIdx.x;
    const int kvHead = blockIdx.y;
    const int split = blockIdx.z;
    const int count = tileCount[tile];
    if (count <= 0) return;
    const int chunk = tileChunk[tile];
    const int row0 = tileRow[tile];
    const int pos0 = tilePos[tile];
    const int group = heads / kvHeads;
    const int vectors = count * group;
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    const int half2s = headDim / 2;
    const int qkvStride = (heads + 2 * kvHeads) * headDim;
    const int* table = blockTables + (size_t) chunk * tableStride;

    // keys [0, pos0 + count) split evenly (in whole key tiles) among the splits
    const int keys = pos0 + count;
    const int keyTiles = (keys + KTILE - 1) / KTILE;
    const int perSplit = (keyTiles + splits - 1) / splits;
    const int tileFrom = split * perSplit;
    const int tileTo = min(keyTiles, tileFrom + perSplit);

    for (int base = 0; base < vectors; base += S::QV) {
        __syncthreads();  // a previous pass's warps may still read qs
        // this pass's query vectors into shared memory, scaled
        for (int i = threadIdx.x; i < S::QV * headDim; i += blockDim.x) {
            int v = i / headDim;
            int d = i % headDim;
            int vec = base + v;
            float q = 0.f;
            if (vec < vectors) {
                int row = row0 + vec / group;
                int head = kvHead * group + vec % group;
                q = qkv[(size_t) row * qkvStride + (size_t) head * headDim + d] * scale;
            }
            qs[v][d] = q;
        }
        float acc[S::QPW][DPL];
        float m[S::QPW];
        float l[S::QPW];
#pragma unroll
        for (int j = 0; j < S::QPW; j++) {
            m[j] = -CUDART_INF_F;
            l[j] = 0.f;
#pragma unroll
            for (int i = 0; i < DPL; i++) acc[j][i] = 0.f;
        }
        for (int kt = tileFrom; kt < tileTo; kt++) {
            int k0 = kt * KTILE;
            __syncthreads();  // the previous tile (and on the first, the query stores) are done with
            for (int i = threadIdx.x; i < KTILE * half2s; i += blockDim.x) {
                int j = i / half2s;
                int c = i % half2s;
                int p = k0 + j;
                __half2 kv = __float2half2_rn(0.f);
                __half2 vv = __float2half2_rn(0.f);
                if (p < keys) {
                    size_t at = (((size_t) table[p / KV_BLOCK] * kvHeads + kvHead) * KV_BLOCK + p % KV_BLOCK)
                            * headDim / 2 + c;
                    kv = reinterpret_cast<const __half2*>(kCache)[at];
                    vv = reinterpret_cast<const __half2*>(vCache)[at];
                }
                ks[j][c] = kv;
                vs[j][c] = vv;
            }
            __syncthreads();
#pragma unroll
            for (int j = 0; j < S::QPW; j++) {
                int vec = base + warp * S::QPW + j;
                // warp-uniform: past the last query vector, or the whole key tile is in this query's future
                if (vec < vectors && pos0 + vec / group >= k0) {
                    attend_tile<DPL>(qs[warp * S::QPW + j], ks, vs, half2s, headDim, k0, pos0 + vec / group, lane,
                                     acc[j], m[j], l[j]);
                }
            }
        }
#pragma unroll
        for (int j = 0; j < S::QPW; j++) {
            int vec = base + warp * S::QPW + j;
            if (vec >= vectors) continue;
            int row = row0 + vec / group;
            int head = kvHead * group + vec % group;
            float total = warp_sum(l[j]);
            if (splits == 1) {
                float inv = 1.f / total;
                __nv_bfloat16* o = out + (size_t) row * heads * headDim + (size_t) head * headDim;
#pragma unroll
                for (int i = 0; i < DPL; i++) {
                    int d = lane + 32 * i;
                    if (d < headDim) o[d] = __float2bfloat16_rn(acc[j][i] * inv);
                }
            } else {
                float* part = partials + (((size_t) row * heads + head) * splits + split) * (2 + headDim);
                if (lane == 0) {
                    part[0] = m[j];
                    part[1] = total;
                }
#pragma unroll
                for (int i = 0; i < DPL; i++) {
                    int d = lane + 32 * i;
                    if (d < headDim) part[2 + d] = acc[j][i];
                }
            }
        }
    }
}

#define ATTENTION_INSTANCE(NAME, DPL)                                                                                \
    extern "C" __global__ void __launch_bounds__(32 * NWARPS) NAME(                                                  \
            const float* qkv, __nv_bfloat16* out, float* partials, const __half* kCache, const __half* vCache,      \
            const int* tileChunk, const int* tileRow, const int* tilePos, const int* tileCount,                     \
            const int* blockTables, int tableStride, int heads, int kvHeads, int headDim, float scale, int splits) { \
        paged_attention<DPL>(qkv, out, partials, kCache, vCache, tileChunk, tileRow, tilePos, tileCount,            \
                             blockTables, tableStride, heads, kvHeads, headDim, scale, splits);                      \
    }

ATTENTION_INSTANCE(paged_attention_d32, 1)
ATTENTION_INSTANCE(paged_attention_d64, 2)
ATTENTION_INSTANCE(paged_attention_d96, 3)
ATTENTION_INSTANCE(paged_attention_d128, 4)
ATTENTION_INSTANCE(paged_attention_d256, 8)

// Merges the splits' partials of each (row, head): out = sum_s e^(m_s - M) acc_s / sum_s e^(m_s - M) l_s. A split
// that saw no key of the row has m = -inf and weighs nothing.
// grid: (rows, heads); block: a multiple of 32.
extern "C" __global__ void attention_combine(const float* __restrict__ partials, __nv_bfloat16* __restrict__ out,
                                             int heads, int headDim, int splits) {
    int row = blockIdx.x;
    int head = blockIdx.y;
    const float* part = partials + ((size_t) row * heads + head) * splits * (2 + headDim);
    float mMax = -CUDART_INF_F;
    for (int s = 0; s < splits; s++) mMax = fmaxf(mMax, part[s * (2 + headDim)]);
    float total = 0.f;
    for (int s = 0; s < splits; s++) {
        float ms = part[s * (2 + headDim)];
        if (ms != -CUDART_INF_F) total += __expf(ms - mMax) * part[s * (2 + headDim) + 1];
    }
    __nv_bfloat16* o = out + (size_t) row * heads * headDim + (size_t) head * headDim;
    for (int d = threadIdx.x; d < headDim; d += blockDim.x) {
        float a = 0.f;
        for (int s = 0; s < splits; s++) {
            float ms = part[s * (2 + headDim)];
            if (ms != -CUDART_INF_F) a += __expf(ms - mMax) * part[s * (2 + headDim) + 2 + d];
        }
        o[d] = __float2bfloat16_rn(total > 0.f ? a / total : 0.f);
    }
}

// out[r][i] = silu(gateUp[r][i]) * gateUp[r][ffn + i] in bf16: the fused gate/up GEMM's output holds the gate
// projection then the up projection in each row.
// grid: any; block: any (grid-stride over rows * ffn).
extern "C" __global__ void swiglu(const float* __restrict__ gateUp, __nv_bfloat16* __restrict__ out, int rows,
                                  int ffn) {
    size_t n = (size_t) rows * ffn;
    for (size_t i = (size_t) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (size_t) gridDim.x * blockDim.x) {
        size_t r = i / ffn;
        size_t c = i % ffn;
        float g = gateUp[r * 2 * ffn + c];
        float u = gateUp[r * 2 * ffn + ffn + c];
        out[i] = __float2bfloat16_rn(g / (1.f + expf(-g)) * u);
    }
}
