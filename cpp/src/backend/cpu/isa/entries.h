// The entry points that the family files of one instruction set (gemm.cc,
// elementwise.cc, reduce.cc, norm.cc, winograd.cc, direct_conv.cc, direct_conv_lanes.cc, optim.cc,
// recurrent.cc, pool.cc) contribute to that set's table (table.cc; the table's layout is in kernels.h). Each entry
// has the name and signature of its table slot.
//
// Every family file is compiled once per instruction set with NNLITE_ISA set
// to generic, avx2 or avx512. Their helpers have internal linkage; only these
// entries are visible to the other files of the same set, in a namespace
// named for the set (nnlite::cpu::isa_avx512, ...), so that the linker can
// never pick the AVX-512 copy of a function for the baseline table, and with
// hidden visibility, so that they stay out of libnnlite's exports.
#pragma once
#include <cstdint>

#include "backend/cpu/isa/kernels.h"

#ifndef NNLITE_ISA
#error "isa/ files are compiled once per instruction set: NNLITE_ISA must name it (see cpp/CMakeLists.txt)"
#endif

#define NNLITE_CAT2(a, b) a##b
#define NNLITE_CAT(a, b) NNLITE_CAT2(a, b)
#define NNLITE_STR2(a) #a
#define NNLITE_STR(a) NNLITE_STR2(a)
#define NNLITE_ISA_NS NNLITE_CAT(isa_, NNLITE_ISA)
// On each declaration: GCC ignores a namespace's visibility for templates
// defined in another block of it.
#define NNLITE_ISA_HIDDEN __attribute__((visibility("hidden")))

// Emits entry `name` for float and double in the family file that defines it.
#define NNLITE_ISA_ENTRY(name)                   \
  template decltype(name<float>) name<float>;   \
  template decltype(name<double>) name<double>

namespace nnlite::cpu {
namespace NNLITE_ISA_NS {

// The widest vector of this set, in bytes (gemm.cc's panels, direct_conv_lanes.cc's blocks).
#if defined(__AVX512F__)
constexpr int vector_bytes = 64;
#elif defined(__AVX2__)
constexpr int vector_bytes = 32;
#else
constexpr int vector_bytes = 16;
#endif

// elementwise.cc
template <typename T>
NNLITE_ISA_HIDDEN void unary(backend::Unary op, const T* x, int64_t sx, T* y, int64_t n, double a, double b);
template <typename T>
NNLITE_ISA_HIDDEN void binary(backend::Binary op, const T* a, int64_t sa, const T* b, int64_t sb, T* y, int64_t n);
template <typename T>
NNLITE_ISA_HIDDEN void accumulate(T* acc, const T* x, int64_t n);

// reduce.cc
template <typename T>
NNLITE_ISA_HIDDEN double sum(const T* x, int64_t n);
template <typename T>
NNLITE_ISA_HIDDEN void softmax_row(const T* x, T* y, int64_t n, bool log);

// norm.cc
template <typename T>
NNLITE_ISA_HIDDEN void norm_moments(const T* x, int64_t n, double* mean, double* m2);
template <typename T>
NNLITE_ISA_HIDDEN void norm_apply(const T* x, int64_t n, T m, T s, T t, T* y);
template <typename T>
NNLITE_ISA_HIDDEN void norm_apply_vec(const T* x, int64_t n, T m, T r, const T* w, const T* b, T* y);
template <typename T>
NNLITE_ISA_HIDDEN void norm_grad_sums(const T* g, const T* x, const T* w, int64_t n, T m, double* s1, double* s2);
template <typename T>
NNLITE_ISA_HIDDEN void norm_dx(const T* g, const T* x, const T* w, int64_t n, T m, T a, T b, T c, T* dx);

// pool.cc
template <typename T>
NNLITE_ISA_HIDDEN void max_pool_values(const T* in, T* out, const backend::PoolGeometry& g);

// gemm.cc
template <typename T>
NNLITE_ISA_HIDDEN void gemm(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa, const T* B,
                            int64_t rsb, int64_t csb, T* C, int64_t ldc, const T* bias, bool accumulate);
template <typename T>
NNLITE_ISA_HIDDEN int64_t pack_b(int64_t K, int64_t N, const T* B, int64_t rsb, int64_t csb, T* dst);
template <typename T>
NNLITE_ISA_HIDDEN void gemm_prepacked(int64_t M, int64_t N, int64_t K, const T* A, int64_t rsa, int64_t csa,
                                      const T* packed, T* C, int64_t ldc, const T* bias, bool accumulate);
template <typename T>
NNLITE_ISA_HIDDEN int64_t pack_a(int64_t M, int64_t K, const T* A, int64_t rsa, int64_t csa, T* dst);
template <typename T>
NNLITE_ISA_HIDDEN void gemm_packed_a(int64_t M, int64_t N, int64_t K, const T* packed, const T* B, int64_t rsb,
                                     int64_t csb, T* C, int64_t ldc, const T* bias, bool accumulate);

// direct_conv.cc
template <typename T>
NNLITE_ISA_HIDDEN void direct_conv(const T* x, const int64_t* off, int64_t taps, int64_t rs, const T* w,
                                   const T* bias, const T* residual, bool relu, T* y, int64_t Ho, int64_t Wo,
                                   int64_t k0, int64_t k1, int64_t h0, int64_t h1);
// Output channels of its register tile (twice as many with AVX-512's 32 registers)
constexpr int direct_conv_channels = vector_bytes == 64 ? 12 : 6;

// direct_conv_lanes.cc: its blocks of output channels are two vectors wide.
template <typename T>
NNLITE_ISA_HIDDEN void direct_conv_lanes(const T* x, const int64_t* off, int64_t taps, int64_t rs, const T* wp,
                                         const T* bias, const T* residual, bool relu, T* y, int64_t K, int64_t Ho,
                                         int64_t Wo, int64_t k0, int64_t q0, int64_t q1);
constexpr int direct_conv_lane_vectors = 2;
constexpr int direct_conv_lanes_pixels = 6;  // 12 accumulators, 2 weights and a broadcast in 16 registers
template <typename T>
constexpr int direct_conv_lanes_channels = direct_conv_lane_vectors * vector_bytes / static_cast<int>(sizeof(T));

// winograd.cc
template <typename T>
NNLITE_ISA_HIDDEN void winograd_filter(const T* w, int64_t K, int64_t C, T* U);
template <typename T>
NNLITE_ISA_HIDDEN void winograd_input(const T* x, const WinogradTiles& t, int64_t first, int64_t count, T* V);
template <typename T>
NNLITE_ISA_HIDDEN void winograd_output(const T* M, int64_t ld, const WinogradTiles& t, int64_t first,
                                       int64_t count, const T* bias, T* y);
template <typename T>
NNLITE_ISA_HIDDEN void winograd_output_grad(const T* gy, const WinogradTiles& t, int64_t first, int64_t count,
                                            T* G);
template <typename T>
NNLITE_ISA_HIDDEN void winograd_filter_grad(const T* dU, int64_t K, int64_t C, T* gw);

// optim.cc
template <typename T>
NNLITE_ISA_HIDDEN void sgd(T* p, const T* g, T* buf, int64_t n, double lr, double momentum, double dampening,
                           double wd, bool nesterov, bool maximize, bool first_step);
template <typename T>
NNLITE_ISA_HIDDEN void adam(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, double lr, double beta1, double beta2,
                            double eps, double wd, bool amsgrad, bool decoupled, bool maximize, double bc1, double bc2);

// recurrent.cc
template <typename T>
NNLITE_ISA_HIDDEN void lstm_gates(const T* gi, const T* gh, int64_t n, int64_t H, int64_t hs, T* act, T* c, T* h);
template <typename T>
NNLITE_ISA_HIDDEN void lstm_gates_backward(const T* act, const T* c_prev, const T* dh, int64_t n, int64_t H, T* dc,
                                           T* dg, T* h_pre);
template <typename T>
NNLITE_ISA_HIDDEN void gru_gates(const T* gi, const T* gh, const T* h_prev, int64_t n, int64_t H, int64_t hs,
                                 T* act, T* h);
template <typename T>
NNLITE_ISA_HIDDEN void gru_gates_backward(const T* act, const T* h_prev, const T* dh, int64_t n, int64_t H, T* dgi,
                                          T* dgh, T* dh_prev);
template <typename T>
NNLITE_ISA_HIDDEN void rnn_gates(const T* gi, const T* gh, int64_t H, bool relu, T* h);
template <typename T>
NNLITE_ISA_HIDDEN void rnn_gates_backward(const T* h, const T* dh, int64_t H, bool relu, T* dg);

}  // namespace NNLITE_ISA_NS
}  // namespace nnlite::cpu
