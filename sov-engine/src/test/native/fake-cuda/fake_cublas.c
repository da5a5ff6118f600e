// cublasGemmEx as cuBLAS documents it (column-major, op(A)·op(B), alpha/beta host floats, bf16/f32 operands), on the
// host, for FakeDriverTest: it checks that Cublas.linear's row-major transposition and leading dimensions are right
// against CudaSelfTest's float64 row-major reference. Rejects the enum values and leading dimensions cuBLAS would.
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
static float ld(const void *p, int type, long i) { if (type == 0) return ((const float *) p)[i]; uint32_t w = (uint32_t) ((const uint16_t *) p)[i] << 16; float f; memcpy(&f, &w, 4); return f; }
static void st(void *p, int type, long i, float v) { if (type == 0) { ((float *) p)[i] = v; return; } uint32_t b; memcpy(&b, &v, 4); ((uint16_t *) p)[i] = (uint16_t) ((b + 0x7fff + ((b >> 16) & 1)) >> 16); }
int cublasCreate_v2(void **h) { *h = malloc(16); return 0; }
int cublasDestroy_v2(void *h) { free(h); return 0; }
int cublasSetStream_v2(void *h, void *s) { return 0; }
int cublasSetWorkspace_v2(void *h, void *w, size_t n) { return w && n ? 0 : 7; }
int cublasSetMathMode(void *h, int m) { return m == 0 ? 0 : 7; }
const char *cublasGetStatusName(int s) { return s == 7 ? "CUBLAS_STATUS_INVALID_VALUE" : "CUBLAS_STATUS_SUCCESS"; }
const char *cublasGetStatusString(int s) { return "fake"; }
int cublasGemmEx(void *h, int ta, int tb, int m, int n, int k, const float *alpha, const void *A, int at, int lda,
                 const void *B, int bt, int ldb, const float *beta, void *C, int ct, int ldc, int compute, int algo) {
  if (compute != 68 || algo != -1 || at != 14 || bt != 14 || (ct != 0 && ct != 14)) return 7;
  if (lda < (ta ? k : m) || ldb < (tb ? n : k) || ldc < m) return 7;
  for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
    float s = 0;
    for (int p = 0; p < k; p++) {
      float a = ta ? ld(A, at, (long) i * lda + p) : ld(A, at, (long) p * lda + i);
      float b = tb ? ld(B, bt, (long) p * ldb + j) : ld(B, bt, (long) j * ldb + p);
      s += a * b; }
    float c = *beta == 0 ? 0 : ld(C, ct, (long) j * ldc + i);
    st(C, ct, (long) j * ldc + i, *alpha * s + *beta * c); }
  return 0; }
