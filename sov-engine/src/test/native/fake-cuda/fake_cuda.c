// A host-memory imitation of the CUDA driver entry points dev.sovereign.engine.cuda binds, with the C signatures of
// cuda.h (CUDA 13), for FakeDriverTest: CudaSelfTest runs against it on machines without a GPU, so a wrong argument
// order, type or packing in the FFM bindings fails there instead of on the device machine. "Device" pointers are
// malloc'd host memory; the selftest.cu kernels are re-implemented on the host; a stream under capture records
// launches, which a graph replays.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef int CUresult;
#define MAXL 64
typedef struct { char name[64]; unsigned g[3], b[3]; uint64_t vals[16]; int n; } Launch;
typedef struct { Launch l[MAXL]; int n; } Graph;
typedef struct { int capturing; Graph *g; } Stream;
static int inited = 0;
static uint64_t live_allocs = 0;
CUresult cuGetErrorName(CUresult e, const char **s) {
  switch (e) { case 0: *s = "CUDA_SUCCESS"; return 0; case 2: *s = "CUDA_ERROR_OUT_OF_MEMORY"; return 0;
    case 3: *s = "CUDA_ERROR_NOT_INITIALIZED"; return 0; case 200: *s = "CUDA_ERROR_INVALID_IMAGE"; return 0;
    case 500: *s = "CUDA_ERROR_NOT_FOUND"; return 0; case 910: *s = "CUDA_ERROR_GRAPH_EXEC_UPDATE_FAILURE"; return 0;
    case 1: *s = "CUDA_ERROR_INVALID_VALUE"; return 0; }
  *s = 0; return 1; }
CUresult cuGetErrorString(CUresult e, const char **s) { *s = e == 2 ? "out of memory" : "fake error"; return 0; }
CUresult cuInit(unsigned f) { if (f) return 1; inited = 1; return 0; }
CUresult cuDriverGetVersion(int *v) { *v = 13000; return 0; }
CUresult cuDeviceGetCount(int *c) { if (!inited) return 3; *c = 1; return 0; }
CUresult cuDeviceGet(int *d, int o) { if (o != 0) return 1; *d = 0; return 0; }
CUresult cuDeviceGetName(char *n, int len, int d) { snprintf(n, len, "Fake H100 (dev %d)", d); return 0; }
CUresult cuDeviceGetAttribute(int *v, int a, int d) { *v = a == 16 ? 132 : a == 75 ? 9 : a == 76 ? 0 : -1; return *v < 0; }
CUresult cuDevicePrimaryCtxRetain(void **c, int d) { *c = (void *) 0x1234; return 0; }
CUresult cuDevicePrimaryCtxRelease_v2(int d) { return 0; }
CUresult cuCtxSetCurrent(void *c) { return c == (void *) 0x1234 ? 0 : 1; }
CUresult cuCtxSynchronize(void) { return 0; }
CUresult cuMemGetInfo_v2(size_t *f, size_t *t) { *f = 256u << 20; *t = 80ull << 30; return 0; }
CUresult cuMemAlloc_v2(uint64_t *p, size_t n) { if (n > (64ull << 30)) return 2; void *m = malloc(n); if (!m) return 2; *p = (uint64_t) m; live_allocs++; return 0; }
CUresult cuMemFree_v2(uint64_t p) { free((void *) p); live_allocs--; return 0; }
CUresult cuMemHostAlloc(void **p, size_t n, unsigned f) { if (f != 1) return 1; *p = malloc(n); return 0; }
CUresult cuMemFreeHost(void *p) { free(p); return 0; }
CUresult cuMemcpyHtoD_v2(uint64_t d, const void *s, size_t n) { memcpy((void *) d, s, n); return 0; }
CUresult cuMemcpyDtoH_v2(void *d, uint64_t s, size_t n) { memcpy(d, (void *) s, n); return 0; }
CUresult cuMemcpyHtoDAsync_v2(uint64_t d, const void *s, size_t n, Stream *st) { memcpy((void *) d, s, n); return 0; }
CUresult cuMemcpyDtoHAsync_v2(void *d, uint64_t s, size_t n, Stream *st) { memcpy(d, (void *) s, n); return 0; }
CUresult cuMemcpyDtoDAsync_v2(uint64_t d, uint64_t s, size_t n, Stream *st) { memmove((void *) d, (void *) s, n); return 0; }
CUresult cuMemsetD8Async(uint64_t d, unsigned char v, size_t n, Stream *st) { memset((void *) d, v, n); return 0; }
CUresult cuStreamCreate(Stream **s, unsigned f) { if (f != 1) return 1; *s = calloc(1, sizeof(Stream)); return 0; }
CUresult cuStreamDestroy_v2(Stream *s) { free(s); return 0; }
CUresult cuStreamSynchronize(Stream *s) { return 0; }
CUresult cuModuleLoadData(void **m, const void *img) { if (*(const uint32_t *) img != 0xBA55ED50u) return 200; *m = (void *) 0x77; return 0; }
CUresult cuModuleUnload(void *m) { return 0; }
CUresult cuModuleGetFunction(char **f, void *m, const char *name) {
  if (strcmp(name, "saxpy") && strcmp(name, "bf16_round_trip") && strcmp(name, "iota64")) return 500;
  *f = strdup(name); return 0; }
static uint16_t bf16(float x) { uint32_t b; memcpy(&b, &x, 4); return (uint16_t) ((b + 0x7fff + ((b >> 16) & 1)) >> 16); }
static void run(Launch *l) {
  int n; float a; memcpy(&n, &l->vals[0], 4);
  if (!strcmp(l->name, "saxpy")) { memcpy(&a, &l->vals[1], 4); float *x = (float *) l->vals[2], *y = (float *) l->vals[3];
    for (int i = 0; i < n; i++) y[i] = __builtin_fmaf(a, x[i], y[i]); }
  else if (!strcmp(l->name, "bf16_round_trip")) { float *in = (float *) l->vals[1]; uint16_t *bits = (uint16_t *) l->vals[2]; float *back = (float *) l->vals[3];
    for (int i = 0; i < n; i++) { bits[i] = bf16(in[i]); uint32_t w = (uint32_t) bits[i] << 16; memcpy(&back[i], &w, 4); } }
  else if (!strcmp(l->name, "iota64")) { long long base = (long long) l->vals[0], stride = (long long) l->vals[1]; int m; memcpy(&m, &l->vals[2], 4); long long *out = (long long *) l->vals[3];
    for (int i = 0; i < m; i++) out[i] = base + i * stride; }
}
CUresult cuLaunchKernel(char *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz, unsigned sh, Stream *st, void **params, void **extra) {
  if (extra) return 1;
  Launch l; memset(&l, 0, sizeof l); strncpy(l.name, f, 63); l.g[0] = gx; l.b[0] = bx; l.n = 4;
  if (!strcmp(f, "saxpy") || !strcmp(f, "bf16_round_trip")) { memcpy(&l.vals[0], params[0], 4); if (!strcmp(f, "saxpy")) memcpy(&l.vals[1], params[1], 4); else memcpy(&l.vals[1], params[1], 8); memcpy(&l.vals[2], params[2], 8); memcpy(&l.vals[3], params[3], 8); }
  else { memcpy(&l.vals[0], params[0], 8); memcpy(&l.vals[1], params[1], 8); memcpy(&l.vals[2], params[2], 4); memcpy(&l.vals[3], params[3], 8); }
  int n; memcpy(&n, &l.vals[f[0] == 'i' ? 2 : 0], 4);
  if ((long) gx * bx < n || by != 1 || bz != 1 || gy != 1 || gz != 1) { fprintf(stderr, "fake: bad launch shape for %s\n", f); return 1; }
  if (st && st->capturing) { Graph *g = st->g; if (g->n == MAXL) return 1; g->l[g->n++] = l; return 0; }
  run(&l); return 0; }
CUresult cuStreamBeginCapture_v2(Stream *s, int mode) { if (!s || mode != 1) return 1; s->capturing = 1; s->g = calloc(1, sizeof(Graph)); return 0; }
CUresult cuStreamEndCapture(Stream *s, Graph **g) { if (!s->capturing) return 1; s->capturing = 0; *g = s->g; return 0; }
CUresult cuGraphInstantiateWithFlags(Graph **e, Graph *g, unsigned long long f) { *e = malloc(sizeof(Graph)); memcpy(*e, g, sizeof(Graph)); return 0; }
CUresult cuGraphExecUpdate_v2(Graph *e, Graph *g, void *info) { if (e->n != g->n) return 910; memcpy(e, g, sizeof(Graph)); return 0; }
CUresult cuGraphLaunch(Graph *e, Stream *s) { for (int i = 0; i < e->n; i++) run(&e->l[i]); return 0; }
CUresult cuGraphDestroy(Graph *g) { free(g); return 0; }
CUresult cuGraphExecDestroy(Graph *g) { free(g); return 0; }
