// The host stand-in for the CUDA device (backend.h: set_host_cuda), for tests
// on machines without a GPU. While it is on, "cuda" tensors live in host
// memory, and the backend of the CUDA device is this one: each call first
// checks that every tensor it was handed is on the CUDA device (the backend
// contract: ops move or create everything on the op's device), then runs the
// CPU backend's kernel on CPU aliases of the same memory. So the
// device-parametrised tests exercise, on the host, everything above the
// kernels: dispatch, the ops' device handling, autograd and the modules.
#include <initializer_list>
#include <memory>

#include "backend/backend.h"
#include "nnlite/detail/tensor_impl.h"
#include "nnlite/error.h"

namespace nnlite::backend {

namespace {

bool g_host_cuda = false;

// t's memory seen as a tensor on `device`, the same layout; the alias keeps
// t's storage alive (the CPU kernels allocate nothing through it).
Tensor alias_on(const Tensor& t, Device device) {
  if (!t.defined() || t.device() == device) return t;
  std::shared_ptr<Storage> keep = t.storage();
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = std::make_shared<Storage>(keep->data(), keep->nbytes(), device, [keep](void*) {});
  impl->shape = t.shape();
  impl->strides = t.strides();
  impl->offset = t.impl()->offset;
  impl->dtype = t.dtype();
  return Tensor(std::move(impl));
}

Tensor host(const Tensor& t) { return alias_on(t, Device()); }

const Device kCuda(DeviceType::CUDA, 0);

// The CPU kernel's answer, handed back the way CUDA's comes: later (backend.h:
// IndexFault::later), so the tests see the ops' deferred checks.
IndexFault later(IndexFault f) {
  IndexFault d;
  d.later = [f] { return f; };
  return d;
}

// Every defined tensor of a call must be on the CUDA device.
void expect(const char* call, std::initializer_list<const Tensor*> ts) {
  for (const Tensor* t : ts)
    NNLITE_CHECK(!t->defined() || t->device() == kCuda, Runtime, "internal: the CUDA backend's ", call,
                 " was handed a tensor on ", t->device().str(), " (", shape_str(t->shape()), ", ",
                 dtype_name(t->dtype()), "): ops must move or create every operand on the op's device");
}

class HostCuda final : public Backend {
  Backend& cpu_ = cpu_backend();

 public:
  void* allocate(size_t nbytes) override { return cpu_.allocate(nbytes); }
  void deallocate(void* p, size_t nbytes) override { cpu_.deallocate(p, nbytes); }

  void unary(Unary op, const Tensor& x, Tensor& out, UnaryParams p) override {
    expect("unary", {&x, &out});
    Tensor o = host(out);
    cpu_.unary(op, host(x), o, p);
  }
  void binary(Binary op, const Tensor& a, const Tensor& b, Tensor& out) override {
    expect("binary", {&a, &b, &out});
    Tensor o = host(out);
    cpu_.binary(op, host(a), host(b), o);
  }
  void where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) override {
    expect("where", {&cond, &a, &b, &out});
    Tensor o = host(out);
    cpu_.where(host(cond), host(a), host(b), o);
  }
  void reduce(Reduce op, const Tensor& x, const std::vector<int64_t>& dims, Tensor& out) override {
    expect("reduce", {&x, &out});
    Tensor o = host(out);
    cpu_.reduce(op, host(x), dims, o);
  }
  void copy(const Tensor& src, Tensor& dst) override {  // either side may be the CPU
    NNLITE_CHECK(src.device() == kCuda || dst.device() == kCuda, Runtime, "internal: the CUDA backend's copy got ",
                 src.device().str(), " to ", dst.device().str());
    Tensor d = host(dst);
    cpu_.copy(host(src), d);
    if (dst.device().is_cpu()) run_deferred_checks();  // the host "waited for the device": as CUDA's copy
  }
  void fill(Tensor& t, Scalar value) override {
    expect("fill", {&t});
    Tensor h = host(t);
    cpu_.fill(h, value);
  }
  void iota(Tensor& t, Scalar start, Scalar step) override {
    expect("iota", {&t});
    Tensor h = host(t);
    cpu_.iota(h, start, step);
  }
  void matmul(const Tensor& a, const Tensor& b, const Tensor& bias, Tensor& out) override {
    expect("matmul", {&a, &b, &bias, &out});
    Tensor o = host(out);
    cpu_.matmul(host(a), host(b), host(bias), o);
  }
  void softmax(const Tensor& x, int64_t dim, bool log, Tensor& out) override {
    expect("softmax", {&x, &out});
    Tensor o = host(out);
    cpu_.softmax(host(x), dim, log, o);
  }
  IndexFault gather(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) override {
    expect("gather", {&x, &index, &out});
    Tensor o = host(out);
    return later(cpu_.gather(host(x), dim, host(index), o));
  }
  IndexFault scatter(Tensor& out, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate) override {
    expect("scatter", {&out, &index, &src});
    Tensor o = host(out);
    return later(cpu_.scatter(o, dim, host(index), host(src), accumulate));
  }
  IndexFault index_select(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) override {
    expect("index_select", {&x, &index, &out});
    Tensor o = host(out);
    return later(cpu_.index_select(host(x), dim, host(index), o));
  }
  IndexFault add_index_offsets(const Tensor& index, int64_t size, int64_t stride, Tensor& offsets) override {
    expect("add_index_offsets", {&index, &offsets});
    Tensor o = host(offsets);
    return later(cpu_.add_index_offsets(host(index), size, stride, o));
  }
  void take(const Tensor& x, const Tensor& idx, Tensor& out) override {
    expect("take", {&x, &idx, &out});
    Tensor o = host(out);
    cpu_.take(host(x), host(idx), o);
  }
  void put(Tensor& x, const Tensor& idx, const Tensor& v, bool accumulate) override {
    expect("put", {&x, &idx, &v});
    Tensor h = host(x);
    cpu_.put(h, host(idx), host(v), accumulate);
  }
  Tensor nonzero(const Tensor& x) override {
    expect("nonzero", {&x});
    return alias_on(cpu_.nonzero(host(x)), kCuda);
  }

  void uniform(Tensor& t, double low, double high, Generator& g) override {
    expect("uniform", {&t});
    Tensor h = host(t);
    cpu_.uniform(h, low, high, g);
  }
  void normal(Tensor& t, double mean, double std, Generator& g) override {
    expect("normal", {&t});
    Tensor h = host(t);
    cpu_.normal(h, mean, std, g);
  }
  void randint(Tensor& t, int64_t low, int64_t high, Generator& g) override {
    expect("randint", {&t});
    Tensor h = host(t);
    cpu_.randint(h, low, high, g);
  }
  void randperm(Tensor& t, Generator& g) override {
    expect("randperm", {&t});
    Tensor h = host(t);
    cpu_.randperm(h, g);
  }
  void dropout_mask(Tensor& mask, double p, Generator& g) override {
    expect("dropout_mask", {&mask});
    Tensor h = host(mask);
    cpu_.dropout_mask(h, p, g);
  }
  void bernoulli(const Tensor& p, Tensor& out, Generator& g) override {
    expect("bernoulli", {&p, &out});
    Tensor o = host(out);
    cpu_.bernoulli(host(p), o, g);
  }
  void poisson(const Tensor& rates, Tensor& out, Generator& g) override {
    expect("poisson", {&rates, &out});
    Tensor o = host(out);
    cpu_.poisson(host(rates), o, g);
  }
  void exponential(Tensor& t, double lambd, Generator& g) override {
    expect("exponential", {&t});
    Tensor h = host(t);
    cpu_.exponential(h, lambd, g);
  }

  void conv2d(const Tensor& x, const Tensor& w, const Tensor& bias, Tensor& y, const ConvGeometry& g,
              const Epilogue& e) override {
    expect("conv2d", {&x, &w, &bias, &y, &e.residual});
    Tensor o = host(y);
    cpu_.conv2d(host(x), host(w), host(bias), o, g, Epilogue{host(e.residual), e.relu});
  }
  void conv2d_input_grad(const Tensor& gy, const Tensor& w, Tensor& gx, const ConvGeometry& g) override {
    expect("conv2d_input_grad", {&gy, &w, &gx});
    Tensor o = host(gx);
    cpu_.conv2d_input_grad(host(gy), host(w), o, g);
  }
  void conv2d_weight_grad(const Tensor& x, const Tensor& gy, Tensor& gw, const ConvGeometry& g) override {
    expect("conv2d_weight_grad", {&x, &gy, &gw});
    Tensor o = host(gw);
    cpu_.conv2d_weight_grad(host(x), host(gy), o, g);
  }
  void max_pool2d(const Tensor& x, Tensor& y, Tensor& indices, const PoolGeometry& g) override {
    expect("max_pool2d", {&x, &y, &indices});
    Tensor o = host(y), i = host(indices);
    cpu_.max_pool2d(host(x), o, i, g);
  }
  void max_pool2d_backward(const Tensor& gy, const Tensor& indices, Tensor& gx, const PoolGeometry& g) override {
    expect("max_pool2d_backward", {&gy, &indices, &gx});
    Tensor o = host(gx);
    cpu_.max_pool2d_backward(host(gy), host(indices), o, g);
  }
  void avg_pool2d(const Tensor& x, Tensor& y, const PoolGeometry& g) override {
    expect("avg_pool2d", {&x, &y});
    Tensor o = host(y);
    cpu_.avg_pool2d(host(x), o, g);
  }
  void avg_pool2d_backward(const Tensor& gy, Tensor& gx, const PoolGeometry& g) override {
    expect("avg_pool2d_backward", {&gy, &gx});
    Tensor o = host(gx);
    cpu_.avg_pool2d_backward(host(gy), o, g);
  }
  void norm_stats(const Tensor& x, double eps, Tensor& mean, Tensor& var, Tensor& rstd,
                  const NormGeometry& g) override {
    expect("norm_stats", {&x, &mean, &var, &rstd});
    Tensor m = host(mean), v = host(var), r = host(rstd);
    cpu_.norm_stats(host(x), eps, m, v, r, g);
  }
  void norm_forward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, const Tensor& bias,
                    const Epilogue& e, Tensor& y, const NormGeometry& g) override {
    expect("norm_forward", {&x, &mean, &rstd, &weight, &bias, &e.residual, &y});
    Tensor o = host(y);
    cpu_.norm_forward(host(x), host(mean), host(rstd), host(weight), host(bias), Epilogue{host(e.residual), e.relu},
                      o, g);
  }
  void norm_backward(const Tensor& gy, const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight,
                     bool batch_stats, Tensor& gx, Tensor& gweight, Tensor& gbias, const NormGeometry& g) override {
    expect("norm_backward", {&gy, &x, &mean, &rstd, &weight, &gx, &gweight, &gbias});
    Tensor a = host(gx), b = host(gweight), c = host(gbias);
    cpu_.norm_backward(host(gy), host(x), host(mean), host(rstd), host(weight), batch_stats, a, b, c, g);
  }

  void sgd_step(Tensor& param, const Tensor& grad, Tensor& buf, double lr, double momentum, double dampening,
                double weight_decay, bool nesterov, bool maximize, bool first_step) override {
    expect("sgd_step", {&param, &grad, &buf});
    Tensor p = host(param), b = host(buf);
    cpu_.sgd_step(p, host(grad), b, lr, momentum, dampening, weight_decay, nesterov, maximize, first_step);
  }
  void adam_step(Tensor& param, const Tensor& grad, Tensor& m, Tensor& v, Tensor& vmax, double lr, double beta1,
                 double beta2, double eps, double weight_decay, bool amsgrad, bool decoupled, bool maximize,
                 double bias_correction1, double bias_correction2) override {
    expect("adam_step", {&param, &grad, &m, &v, &vmax});
    Tensor p = host(param), hm = host(m), hv = host(v), hvmax = host(vmax);
    cpu_.adam_step(p, host(grad), hm, hv, hvmax, lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled, maximize,
                   bias_correction1, bias_correction2);
  }

  void sort(const Tensor& x, int64_t dim, int64_t k, bool descending, Tensor& values, Tensor& indices) override {
    expect("sort", {&x, &values, &indices});
    Tensor v = host(values), i = host(indices);
    cpu_.sort(host(x), dim, k, descending, v, i);
  }
  void cumsum(const Tensor& x, int64_t dim, Tensor& out) override {
    expect("cumsum", {&x, &out});
    Tensor o = host(out);
    cpu_.cumsum(host(x), dim, o);
  }
  MultinomialFault multinomial(const Tensor& probs, int64_t n, bool replacement, Tensor& out,
                               Generator& g) override {
    expect("multinomial", {&probs, &out});
    Tensor o = host(out);
    return cpu_.multinomial(host(probs), n, replacement, o, g);
  }

  IndexFault recurrent_forward(const RecurrentGeometry& g, const Tensor& x, const Tensor& h0, const Tensor& c0,
                               const RecurrentWeights& w, const Tensor& lengths, Tensor& y, Tensor& hn, Tensor& cn,
                               RecurrentSaved& saved) override {
    expect("recurrent_forward", {&x, &h0, &c0, &w.w_ih, &w.w_hh, &w.b_ih, &w.b_hh, &w.w_hr, &lengths, &y, &hn, &cn,
                                 &saved.act, &saved.h_prev, &saved.c_prev});
    Tensor hy = host(y), hhn = host(hn), hcn = host(cn);
    RecurrentSaved s{host(saved.act), host(saved.h_prev), host(saved.c_prev)};
    return cpu_.recurrent_forward(g, host(x), host(h0), host(c0), host_weights(w), host(lengths), hy, hhn, hcn, s);
  }
  void recurrent_backward(const RecurrentGeometry& g, const Tensor& x, const RecurrentWeights& w,
                          const Tensor& lengths, const RecurrentSaved& saved, const Tensor& gy, const Tensor& ghn,
                          const Tensor& gcn, RecurrentGrads& grads) override {
    expect("recurrent_backward", {&x, &w.w_ih, &w.w_hh, &w.b_ih, &w.b_hh, &w.w_hr, &lengths, &saved.act,
                                  &saved.h_prev, &saved.c_prev, &gy, &ghn, &gcn, &grads.dx, &grads.dh0, &grads.dc0,
                                  &grads.dw_ih, &grads.dw_hh, &grads.db_ih, &grads.db_hh, &grads.dw_hr});
    RecurrentGrads hg{host(grads.dx),    host(grads.dh0),   host(grads.dc0),   host(grads.dw_ih),
                      host(grads.dw_hh), host(grads.db_ih), host(grads.db_hh), host(grads.dw_hr)};
    cpu_.recurrent_backward(g, host(x), host_weights(w), host(lengths),
                            RecurrentSaved{host(saved.act), host(saved.h_prev), host(saved.c_prev)}, host(gy),
                            host(ghn), host(gcn), hg);
  }

  void lif_forward(const Tensor& x, const Tensor& mem0, const Tensor& beta, const Tensor& threshold,
                   const LifConfig& cfg, Tensor& spk, Tensor& mem) override {
    expect("lif_forward", {&x, &mem0, &beta, &threshold, &spk, &mem});
    Tensor s = host(spk), m = host(mem);
    cpu_.lif_forward(host(x), host(mem0), host(beta), host(threshold), cfg, s, m);
  }
  void lif_backward(const Tensor& g_spk, const Tensor& g_mem, const Tensor& mem, const Tensor& mem0,
                    const Tensor& beta, const Tensor& threshold, const LifConfig& cfg, Tensor& gx, Tensor& g_mem0,
                    Tensor& g_beta, Tensor& g_threshold) override {
    expect("lif_backward", {&g_spk, &g_mem, &mem, &mem0, &beta, &threshold, &gx, &g_mem0, &g_beta, &g_threshold});
    Tensor a = host(gx), b = host(g_mem0), c = host(g_beta), d = host(g_threshold);
    cpu_.lif_backward(host(g_spk), host(g_mem), host(mem), host(mem0), host(beta), host(threshold), cfg, a, b, c, d);
  }

  IndexFault embedding(const Tensor& weight, const Tensor& indices, Tensor& out) override {
    expect("embedding", {&weight, &indices, &out});
    Tensor o = host(out);
    return later(cpu_.embedding(host(weight), host(indices), o));
  }
  IndexFault embedding_backward(const Tensor& grad, const Tensor& indices, int64_t padding_idx, bool scale_by_freq,
                                Tensor& gw) override {
    expect("embedding_backward", {&grad, &indices, &gw});
    Tensor o = host(gw);
    return cpu_.embedding_backward(host(grad), host(indices), padding_idx, scale_by_freq, o);
  }
  IndexFault embedding_renorm(Tensor& weight, const Tensor& indices, double max_norm, double norm_type) override {
    expect("embedding_renorm", {&weight, &indices});
    Tensor h = host(weight);
    return cpu_.embedding_renorm(h, host(indices), max_norm, norm_type);
  }

 private:
  static RecurrentWeights host_weights(const RecurrentWeights& w) {
    return {host(w.w_ih), host(w.w_hh), host(w.b_ih), host(w.b_hh), host(w.w_hr)};
  }
};

}  // namespace

namespace {
thread_local bool t_non_blocking = false;
}  // namespace
NonBlockingCopy::NonBlockingCopy(bool on) : saved_(t_non_blocking) { t_non_blocking = on; }
NonBlockingCopy::~NonBlockingCopy() { t_non_blocking = saved_; }
bool NonBlockingCopy::asked() { return t_non_blocking; }

void set_host_cuda(bool on) { g_host_cuda = on; }
bool host_cuda() { return g_host_cuda; }

Backend& non_cpu_backend(const char* op) {
  if (g_host_cuda) {
    static HostCuda instance;
    return instance;
  }
  return cuda_backend(op);
}

}  // namespace nnlite::backend
