// One init function per area; module.cpp calls them in order.
#pragma once
#include <pybind11/pybind11.h>

#include "shape_caster.h"

namespace nnlite::py_bind {
void init_tensor(pybind11::module_& m);    // tensor.cpp: Tensor, dtypes, devices, creation
void init_creation(pybind11::module_& m);  // creation.cpp: factories, random generators, runtime info
void init_ops(pybind11::module_& m);       // ops.cpp: elementwise, reductions, shape, indexing
void init_autograd(pybind11::module_& m);  // autograd.cpp: grad mode, backward, autograd.grad
void init_nn(pybind11::module_& m);        // nn.cpp: layers, losses, fused optimizer steps
void init_io(pybind11::module_& m);        // io.cpp: dataset file parsers
void init_conv_pool_norm(pybind11::module_& m);       // conv_pool_norm.cpp: convolution, pooling, normalization, resampling
void init_data(pybind11::module_& m);      // data.cpp: the native batch loader
void init_exported(pybind11::module_& m);     // exported.cpp: exported inference graphs
void init_recording(pybind11::module_& m);    // recording.cpp: export recording, save_graph, ExportError
void init_cpp_modules(pybind11::module_& m);  // cpp_modules.cpp: nnlite::nn / optim as handles (parity tests)
void init_sequence_ops(pybind11::module_& m);  // sequence_ops.cpp: sort, topk, tril, roll, cumsum, ..., gradient clipping
void init_embedding(pybind11::module_& m);    // embedding.cpp: embedding ops
void init_recurrent(pybind11::module_& m);    // recurrent.cpp: recurrent cell ops
void init_recurrent_layers(pybind11::module_& m);  // recurrent_layers.cpp: rnn_tanh_layer, lstm_layer, ...
void init_spiking(pybind11::module_& m);      // spiking.cpp: leaky_sequence
void init_rbm(pybind11::module_& m);          // rbm.cpp: rbm_cd_step
void init_binary_gemm(pybind11::module_& m);  // binary_gemm.cpp: test hooks of the binary-operand products
void init_gemm_hooks(pybind11::module_& m);   // gemm_hooks.cpp: test hook of the prepacked GEMM
void init_eval_fusion(pybind11::module_& m);  // eval_fusion.cpp: the eager eval fusion's cache entry
void init_custom_function(pybind11::module_& m);  // custom_function.cpp: autograd.Function's core
void init_attention(pybind11::module_& m);    // attention.cpp: scaled_dot_product_attention
void init_sampling(pybind11::module_& m);     // sampling.cpp: bernoulli, poisson, bernoulli_, exponential_
void init_optim_rules(pybind11::module_& m);  // optim_rules.cpp: Adagrad, RMSprop, Adadelta, NAdam, RAdam, LARS, LAMB steps
void init_cuda(pybind11::module_& m);          // cuda.cpp: nnlite.cuda memory, sync, events; host-side CUDA checks
void init_cuda_host_gemm(pybind11::module_& m);  // cuda_host_gemm.cpp: GEMM switches; host checks of GEMM/conv plans
void init_cuda_host_kernels(pybind11::module_& m);  // cuda_host_kernels.cpp: host runs of the CUDA kernels' math
void init_cuda_host_recurrent(pybind11::module_& m);  // cuda_host_recurrent.cpp: host runs of the CUDA recurrent layers
}  // namespace nnlite::py_bind
