// The kernel table of one instruction set (kernels_generic, kernels_avx2 or
// kernels_avx512, picked at run time by cpu/dispatch.cpp), filled with the
// entries that this set's family files define (see entries.h). Its
// initializer is a constant expression (addresses of functions), so the
// table is filled in statically: no constructor runs, and no other file's
// initialization order matters.
#include "backend/cpu/isa/entries.h"

namespace nnlite::cpu {
namespace {

template <typename T>
constexpr TypedKernels<T> typed() {
  using namespace NNLITE_ISA_NS;
  return TypedKernels<T>{unary<T>,
                         binary<T>,
                         sum<T>,
                         accumulate<T>,
                         softmax_row<T>,
                         norm_moments<T>,
                         norm_apply<T>,
                         norm_apply_vec<T>,
                         norm_grad_sums<T>,
                         norm_dx<T>,
                         gemm<T>,
                         pack_b<T>,
                         gemm_prepacked<T>,
                         pack_a<T>,
                         gemm_packed_a<T>,
                         winograd_filter<T>,
                         winograd_input<T>,
                         winograd_output<T>,
                         winograd_output_grad<T>,
                         winograd_filter_grad<T>,
                         direct_conv<T>,
                         direct_conv_channels,
                         direct_conv_lanes<T>,
                         direct_conv_lanes_channels<T>,
                         direct_conv_lanes_pixels,
                         sgd<T>,
                         adam<T>,
                         lstm_gates<T>,
                         lstm_gates_backward<T>,
                         gru_gates<T>,
                         gru_gates_backward<T>,
                         rnn_gates<T>,
                         rnn_gates_backward<T>,
                         max_pool_values<T>};
}

}  // namespace

extern const IsaKernels NNLITE_CAT(kernels_, NNLITE_ISA);
const IsaKernels NNLITE_CAT(kernels_, NNLITE_ISA) = {NNLITE_STR(NNLITE_ISA), typed<float>(), typed<double>()};

}  // namespace nnlite::cpu
