/* The FP32 multiply-add rate this machine sustains: independent chains of
 * vector FMAs (more than the pipes' latency x width needs), on 1 thread and
 * on N threads. benchmarks/common.py compiles and runs it for the peak that
 * the GEMM rows are measured against. Prints "<threads> <GFLOP/s>" lines. */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#else
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
#endif

#define CHAINS 12

static double run(int threads, long iters) {
  double t0 = omp_get_wtime();
  float sink = 0;
#pragma omp parallel num_threads(threads) reduction(+ : sink)
  {
    const vec b = SET1(1.0000001f), c = SET1(1e-7f);
    vec a0 = SET1(0), a1 = SET1(1), a2 = SET1(2), a3 = SET1(3), a4 = SET1(4), a5 = SET1(5);
    vec a6 = SET1(6), a7 = SET1(7), a8 = SET1(8), a9 = SET1(9), a10 = SET1(10), a11 = SET1(11);
    for (long i = 0; i < iters; ++i) {
      a0 = FMA(a0, b, c); a1 = FMA(a1, b, c); a2 = FMA(a2, b, c); a3 = FMA(a3, b, c);
      a4 = FMA(a4, b, c); a5 = FMA(a5, b, c); a6 = FMA(a6, b, c); a7 = FMA(a7, b, c);
      a8 = FMA(a8, b, c); a9 = FMA(a9, b, c); a10 = FMA(a10, b, c); a11 = FMA(a11, b, c);
    }
    vec s = ADD(ADD(ADD(a0, a1), ADD(a2, a3)), ADD(ADD(a4, a5), ADD(a6, a7)));
    s = ADD(s, ADD(ADD(a8, a9), ADD(a10, a11)));
    float out[LANES];
    __builtin_memcpy(out, &s, sizeof(out));
    for (int i = 0; i < LANES; ++i) sink += out[i];
  }
  double t = omp_get_wtime() - t0;
  if (sink == 42) puts("");  /* keeps the chains alive */
  return threads * (double)iters * CHAINS * LANES * 2 / t / 1e9;
}

int main(int argc, char** argv) {
  const int threads = argc > 1 ? atoi(argv[1]) : omp_get_max_threads();
  const long iters = 100000000;
  run(1, iters / 10); /* wake the clock up */
  double one = 0, all = 0;
  for (int rep = 0; rep < 3; ++rep) {
    double r1 = run(1, iters), rn = run(threads, iters);
    one = r1 > one ? r1 : one;
    all = rn > all ? rn : all;
  }
  printf("1 %.1f\n%d %.1f\n", one, threads, all);
  return 0;
}
