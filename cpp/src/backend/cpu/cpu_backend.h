// The CPU backend: always built. Its methods are defined across the files of
// this folder, one per op family.
#pragma once
#include "backend/backend.h"

namespace nnlite::cpu {

class CpuBackend final : public backend::Backend {
 public:
  void* allocate(size_t nbytes) override;
  void deallocate(void* p, size_t nbytes) override;

  void unary(backend::Unary op, const Tensor& x, Tensor& out, backend::UnaryParams p) override;
  void binary(backend::Binary op, const Tensor& a, const Tensor& b, Tensor& out) override;
  void where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) override;
  void reduce(backend::Reduce op, const Tensor& x, const std::vector<int64_t>& dims, Tensor& out) override;
  void copy(const Tensor& src, Tensor& dst) override;
  void fill(Tensor& t, Scalar value) override;
  void iota(Tensor& t, Scalar start, Scalar step) override;
  void matmul(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) override;
  void softmax(const Tensor& x, int64_t dim, bool log, Tensor& out) override;
  backend::IndexFault gather(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) override;
  backend::IndexFault scatter(Tensor& out, int64_t dim, const Tensor& index, const Tensor& src,
                              bool accumulate) override;
  backend::IndexFault index_select(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) override;
  backend::IndexFault add_index_offsets(const Tensor& index, int64_t size, int64_t stride, Tensor& offsets) override;
  void take(const Tensor& x, const Tensor& idx, Tensor& out) override;
  void put(Tensor& x, const Tensor& idx, const Tensor& v, bool accumulate) override;
  Tensor nonzero(const Tensor& x) override;
  void uniform(Tensor& t, double low, double high, Generator& g) override;
  void normal(Tensor& t, double mean, double std, Generator& g) override;
  void randint(Tensor& t, int64_t low, int64_t high, Generator& g) override;
  void randperm(Tensor& t, Generator& g) override;
  void dropout_mask(Tensor& mask, double p, Generator& g) override;
  void bernoulli(const Tensor& p, Tensor& out, Generator& g) override;
  void poisson(const Tensor& rates, Tensor& out, Generator& g) override;
  void exponential(Tensor& t, double lambd, Generator& g) override;
  void conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const backend::ConvGeometry& g,
              const backend::Epilogue& e) override;
  void conv2d_input_grad(const Tensor& gy, const Tensor& w, Tensor& gx, const backend::ConvGeometry& g) override;
  void conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const backend::ConvGeometry& g) override;
  void max_pool2d(const Tensor& x, Tensor& y, Tensor& indices, const backend::PoolGeometry& g) override;
  void max_pool2d_backward(const Tensor& gy, const Tensor& indices, Tensor& gx,
                           const backend::PoolGeometry& g) override;
  void avg_pool2d(const Tensor& x, Tensor& y, const backend::PoolGeometry& g) override;
  void avg_pool2d_backward(const Tensor& gy, Tensor& gx, const backend::PoolGeometry& g) override;
  void norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd,
                  const backend::NormGeometry& g) override;
  void norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, const Tensor& bias,
                    const backend::Epilogue& e, Tensor& y, const backend::NormGeometry& g) override;
  void norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight,
                     bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias,
                     const backend::NormGeometry& g) override;
  void sgd_step(Tensor& param, const Tensor& grad, Tensor& buf, double lr, double momentum, double dampening,
                double weight_decay, bool nesterov, bool maximize, bool first_step) override;
  void adam_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, Tensor& vmax, double lr, double beta1,
                 double beta2, double eps, double weight_decay, bool amsgrad, bool decoupled, bool maximize,
                 double bias_correction1, double bias_correction2) override;
  void sort(const Tensor& x, int64_t dim, int64_t k, bool descending, Tensor& values, Tensor& indices) override;
  void cumsum(const Tensor& x, int64_t dim, Tensor& out) override;
  backend::MultinomialFault multinomial(const Tensor& probs, int64_t n, bool replacement, Tensor& out,
                                        Generator& g) override;

  backend::IndexFault recurrent_forward(const backend::RecurrentGeometry& g, const Tensor& x, const Tensor& h0,
                                        const Tensor& c0, const backend::RecurrentWeights& w, const Tensor& lengths,
                                        Tensor& y, Tensor& hn, Tensor& cn, backend::RecurrentSaved& saved) override;
  void recurrent_backward(const backend::RecurrentGeometry& g, const Tensor& x, const backend::RecurrentWeights& w,
                          const Tensor& lengths, const backend::RecurrentSaved& saved, const Tensor& gy,
                          const Tensor& ghn, const Tensor& gcn, backend::RecurrentGrads& grads) override;

  void lif_forward(const Tensor& x, const Tensor& mem0, const Tensor& beta, const Tensor& threshold,
                   const backend::LifConfig& cfg, Tensor& spk, Tensor& mem) override;
  void lif_backward(const Tensor& g_spk, const Tensor& g_mem, const Tensor& mem, const Tensor& mem0,
                    const Tensor& beta, const Tensor& threshold, const backend::LifConfig& cfg, Tensor& gx,
                    Tensor& g_mem0, Tensor& g_beta, Tensor& g_threshold) override;

  backend::IndexFault embedding(const Tensor& weight, const Tensor& indices, Tensor& out) override;
  backend::IndexFault embedding_backward(const Tensor& grad, const Tensor& indices, int64_t padding_idx,
                                         bool scale_by_freq, Tensor& gw) override;
  backend::IndexFault embedding_renorm(Tensor& weight, const Tensor& indices, double max_norm,
                                       double norm_type) override;
};

}  // namespace nnlite::cpu
