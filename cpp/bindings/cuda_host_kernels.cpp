// Host-side runs of the CUDA kernels' math (nnlite._C._cuda_host): the
// NNLITE_HD bodies of reductions, pooling, normalization, sort keys,
// multinomial, the embedding gradient and leaky integrate-and-fire (backend/cuda/*_math.h) run here over whole CPU tensors,
// driven the way the kernels drive them (the same chunking, the same
// per-element calls), so tests compare them with the CPU backend and NumPy on
// a machine without a GPU. Built with or without CUDA.
#include <pybind11/stl.h>

#include <algorithm>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "backend/backend.h"
#include "backend/cuda/embedding_math.h"
#include "backend/cuda/multinomial_math.h"
#include "backend/cuda/norm_math.h"
#include "backend/cuda/pool_math.h"
#include "backend/cuda/reduce_math.h"
#include "backend/cuda/sort_math.h"
#include "backend/cuda/spiking_math.h"
#include "bindings.h"
#include "nnlite/error.h"
#include "nnlite/ops.h"

namespace nnlite::py_bind {

namespace py = pybind11;
using namespace cuda_impl;
using backend::NormGeometry;
using backend::PoolGeometry;

namespace {

constexpr int kEmulatedThreads = 256;  // the kernels' block width (common.cuh's kThreads)

template <typename F>
void with_float(DType dt, const char* what, F&& f) {
  NNLITE_CHECK(dt == DType::Float32 || dt == DType::Float64, Type, what, ": expected float32 or float64");
  if (dt == DType::Float32) f(float{});
  else f(double{});
}

Tensor contiguous_cpu(const Tensor& t, const char* what) {
  NNLITE_CHECK(t.device().is_cpu(), Value, what, ": expected a CPU tensor");
  return t.contiguous();
}

// ---- pooling

// geom: N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo
PoolGeometry pool_geometry(const std::vector<int64_t>& v, bool count_include_pad, bool adaptive) {
  NNLITE_CHECK(v.size() == 14, Value, "pool geometry: expected 14 numbers");
  PoolGeometry g{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]};
  g.count_include_pad = count_include_pad;
  g.adaptive = adaptive;
  return g;
}

// x [N, C, H, W] -> (y, indices) [N, C, Ho, Wo], one output at a time as the kernels.
std::tuple<Tensor, Tensor> pool2d(const Tensor& x_in, const std::vector<int64_t>& geom, bool count_include_pad,
                                  bool adaptive, bool max) {
  const PoolGeometry g = pool_geometry(geom, count_include_pad, adaptive);
  const Tensor x = contiguous_cpu(x_in, "pool2d");
  Tensor y = empty(Shape{g.N, g.C, g.Ho, g.Wo}, x.dtype(), Device());
  Tensor idx = zeros(Shape{g.N, g.C, g.Ho, g.Wo}, DType::Int64, Device());
  with_float(x.dtype(), "pool2d", [&](auto tag) {
    using T = decltype(tag);
    for (int64_t p = 0; p < g.N * g.C; ++p)
      for (int64_t oh = 0; oh < g.Ho; ++oh)
        for (int64_t ow = 0; ow < g.Wo; ++ow) {
          const int64_t o = (p * g.Ho + oh) * g.Wo + ow;
          const T* in = x.data<T>() + p * g.H * g.W;
          if (max) y.data<T>()[o] = max_pool_at(g, in, oh, ow, idx.data<int64_t>() + o);
          else y.data<T>()[o] = avg_pool_at(g, in, oh, ow);
        }
  });
  return {y, idx};
}

// gy (and for max, indices) [N, C, Ho, Wo] -> gx [N, C, H, W], one input element at a time.
Tensor pool2d_backward(const Tensor& gy_in, const std::optional<Tensor>& idx_in, const std::vector<int64_t>& geom,
                       bool count_include_pad, bool adaptive) {
  const PoolGeometry g = pool_geometry(geom, count_include_pad, adaptive);
  const Tensor gy = contiguous_cpu(gy_in, "pool2d_backward");
  Tensor idx = idx_in ? contiguous_cpu(*idx_in, "pool2d_backward") : Tensor();
  Tensor gx = empty(Shape{g.N, g.C, g.H, g.W}, gy.dtype(), Device());
  with_float(gy.dtype(), "pool2d_backward", [&](auto tag) {
    using T = decltype(tag);
    for (int64_t p = 0; p < g.N * g.C; ++p)
      for (int64_t h = 0; h < g.H; ++h)
        for (int64_t w = 0; w < g.W; ++w) {
          const T* gp = gy.data<T>() + p * g.Ho * g.Wo;
          T& out = gx.data<T>()[(p * g.H + h) * g.W + w];
          out = idx.defined() ? max_pool_grad_at(g, gp, idx.data<int64_t>() + p * g.Ho * g.Wo, h, w)
                              : avg_pool_grad_at(g, gp, h, w);
        }
  });
  return gx;
}

// ---- normalization

NormGeometry norm_geometry(const std::vector<int64_t>& v) {
  NNLITE_CHECK(v.size() == 6, Value, "norm geometry: expected A, C, L, J, K, P");
  return {v[0], v[1], v[2], v[3], v[4], v[5]};
}

// A segmented reduction as norm.cu runs it: the same chunks; within a chunk
// kEmulatedThreads strided accumulators, merged in thread order (the device
// merges them in a tree: the same values up to rounding), chunks in order.
template <typename Acc, typename Fold, typename Finish>
void segment_reduce_host(int64_t segments, int64_t len, Fold&& fold, Finish&& finish) {
  const int64_t chunks = norm_chunks(segments, len);
  for (int64_t s = 0; s < segments; ++s) {
    Acc total{};
    for (int64_t k = 0; k < chunks; ++k) {
      int64_t lo, hi;
      chunk_range(len, chunks, k, lo, hi);
      Acc block{};
      for (int t = 0; t < kEmulatedThreads; ++t) {
        Acc mine{};
        for (int64_t e = lo + t; e < hi; e += kEmulatedThreads) fold(mine, s, e);
        block = Acc::merge(block, mine);
      }
      total = Acc::merge(total, block);
    }
    finish(s, total);
  }
}

NormGeometry effective(const NormGeometry& g, bool affine) {
  NormGeometry e = g;
  if (!affine) {
    e.J = 1;
    e.K = g.L;
  }
  return e;
}

template <typename T>
const T* data_or_null(const Tensor& t) { return t.defined() ? t.data<T>() : nullptr; }
Tensor opt(const std::optional<Tensor>& t, const char* what) { return t ? contiguous_cpu(*t, what) : Tensor(); }

// x [A, C, L] -> (mean, var, rstd) [C], as norm.cu's norm_stats.
std::tuple<Tensor, Tensor, Tensor> norm_stats(const Tensor& x_in, const std::vector<int64_t>& geom, double eps,
                                              bool on_cpu_backend) {
  const NormGeometry g = norm_geometry(geom);
  const Tensor x = contiguous_cpu(x_in, "norm_stats");
  Tensor mean = empty(Shape{g.C}, x.dtype(), Device()), var = empty(Shape{g.C}, x.dtype(), Device()),
         rstd = empty(Shape{g.C}, x.dtype(), Device());
  if (on_cpu_backend) {
    backend::cpu_backend().norm_stats(x, eps, mean, var, rstd, g);
    return {mean, var, rstd};
  }
  with_float(x.dtype(), "norm_stats", [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    segment_reduce_host<Moments>(
        g.C, g.A * g.L, [&](Moments& m, int64_t c, int64_t e) { m.push(static_cast<double>(xp[channel_offset(g, c, e)])); },
        [&](int64_t c, const Moments& m) {
          norm_finish_stats(m, eps, mean.data<T>() + c, var.data<T>() + c, rstd.data<T>() + c);
        });
  });
  return {mean, var, rstd};
}

Tensor norm_forward(const Tensor& x_in, const Tensor& mean, const Tensor& rstd, const std::optional<Tensor>& w_in,
                    const std::optional<Tensor>& b_in, const std::vector<int64_t>& geom,
                    const std::optional<Tensor>& residual_in, bool relu, bool on_cpu_backend) {
  const NormGeometry g = norm_geometry(geom);
  const Tensor x = contiguous_cpu(x_in, "norm_forward");
  const Tensor w = opt(w_in, "norm_forward"), b = opt(b_in, "norm_forward");
  const Tensor residual = opt(residual_in, "norm_forward");
  Tensor y = empty(x.shape(), x.dtype(), Device());
  if (on_cpu_backend) {
    backend::cpu_backend().norm_forward(x, mean, rstd, w, b, {residual, relu}, y, g);
    return y;
  }
  const NormGeometry e = effective(g, w.defined());
  with_float(x.dtype(), "norm_forward", [&](auto tag) {
    using T = decltype(tag);
    const T *xp = x.data<T>(), *mp = mean.data<T>(), *rp = rstd.data<T>();
    const T *wp = data_or_null<T>(w), *bp = data_or_null<T>(b), *sp = data_or_null<T>(residual);
    for (int64_t i = 0; i < x.numel(); ++i) {
      int64_t c, q;
      norm_locate(e, i, c, q);
      y.data<T>()[i] = norm_output(xp, mp, rp, wp, bp, sp, relu, i, c, q);
    }
  });
  return y;
}

// -> (gx, gweight, gbias); gweight and gbias only with a weight.
std::tuple<Tensor, std::optional<Tensor>, std::optional<Tensor>> norm_backward(
    const Tensor& gy_in, const Tensor& x_in, const Tensor& mean, const Tensor& rstd, const std::optional<Tensor>& w_in,
    bool batch_stats, const std::vector<int64_t>& geom, bool on_cpu_backend) {
  const NormGeometry g = norm_geometry(geom);
  const Tensor x = contiguous_cpu(x_in, "norm_backward"), gy = contiguous_cpu(gy_in, "norm_backward");
  const Tensor w = opt(w_in, "norm_backward");
  Tensor gx = empty(x.shape(), x.dtype(), Device());
  Tensor gw = w.defined() ? empty(w.shape(), x.dtype(), Device()) : Tensor();
  Tensor gb = w.defined() ? empty(w.shape(), x.dtype(), Device()) : Tensor();
  auto result = [&]() -> std::tuple<Tensor, std::optional<Tensor>, std::optional<Tensor>> {
    if (!w.defined()) return {gx, std::nullopt, std::nullopt};
    return {gx, gw, gb};
  };
  if (on_cpu_backend) {
    backend::cpu_backend().norm_backward(gy, x, mean, rstd, w, batch_stats, gx, gw, gb, g);
    return result();
  }
  const NormGeometry e = effective(g, w.defined());
  const int64_t M = g.A * g.L;
  with_float(x.dtype(), "norm_backward", [&](auto tag) {
    using T = decltype(tag);
    const T *gyp = gy.data<T>(), *xp = x.data<T>(), *mp = mean.data<T>(), *rp = rstd.data<T>();
    const T* wp = data_or_null<T>(w);
    if (wp)
      segment_reduce_host<Sums2>(
          e.P * e.J, param_len(e),
          [&](Sums2& s, int64_t q, int64_t v) {
            int64_t c;
            const int64_t o = param_offset(e, q, v, c);
            const double gv = static_cast<double>(gyp[o]);
            s.push(gv * (static_cast<double>(xp[o]) - static_cast<double>(mp[c])) * static_cast<double>(rp[c]), gv);
          },
          [&](int64_t q, const Sums2& s) {
            gw.data<T>()[q] = static_cast<T>(s.s1);
            gb.data<T>()[q] = static_cast<T>(s.s2);
          });
    const bool batch = batch_stats && M > 0;
    std::vector<double> cf(2 * g.C, 0.0);
    if (batch)
      segment_reduce_host<Sums2>(
          g.C, M,
          [&](Sums2& s, int64_t c, int64_t v) {
            const int64_t o = channel_offset(e, c, v);
            double gv = static_cast<double>(gyp[o]);
            if (wp) {
              int64_t cc, q;
              norm_locate(e, o, cc, q);
              gv *= static_cast<double>(wp[q]);
            }
            s.push(gv, gv * (static_cast<double>(xp[o]) - static_cast<double>(mp[c])));
          },
          [&](int64_t c, const Sums2& s) {
            cf[2 * c] = s.s1 / static_cast<double>(M);
            cf[2 * c + 1] = s.s2 / static_cast<double>(M);
          });
    for (int64_t i = 0; i < x.numel(); ++i) {
      int64_t c, q;
      norm_locate(e, i, c, q);
      gx.data<T>()[i] = norm_dx(gyp[i], xp[i], static_cast<double>(mp[c]), static_cast<double>(rp[c]),
                                wp ? static_cast<double>(wp[q]) : 1.0, batch, cf[2 * c], cf[2 * c + 1]);
    }
  });
  return result();
}

// ---- sort keys

// The positions of a 1-d x in the order a stable sort of its keys gives.
std::vector<int64_t> sort_order(const Tensor& x_in, bool descending) {
  const Tensor x = contiguous_cpu(x_in, "sort_order");
  NNLITE_CHECK(x.dim() == 1, Value, "sort_order: expected a 1-d tensor");
  std::vector<int64_t> pos(x.numel());
  std::iota(pos.begin(), pos.end(), int64_t{0});
  auto run = [&](auto tag) {
    using T = decltype(tag);
    std::vector<sort_key_t<T>> keys(x.numel());
    for (int64_t i = 0; i < x.numel(); ++i) keys[i] = sort_key(x.data<T>()[i]);
    std::stable_sort(pos.begin(), pos.end(), [&](int64_t a, int64_t b) {
      return descending ? keys[a] > keys[b] : keys[a] < keys[b];
    });
  };
  switch (x.dtype()) {
    case DType::Float32: run(float{}); break;
    case DType::Float64: run(double{}); break;
    case DType::Int64: run(int64_t{}); break;
    case DType::Int32: run(int32_t{}); break;
    case DType::UInt8: run(uint8_t{}); break;
    case DType::Bool: run(bool{}); break;
  }
  return pos;
}

// ---- multinomial

// probs [R, C] -> (fault kind, fault row, draws [R][n]) as multinomial.cu makes them.
std::tuple<int, int64_t, std::vector<std::vector<int64_t>>> multinomial_rows(const Tensor& probs_in, int64_t n,
                                                                             bool replacement, uint64_t key) {
  const Tensor probs = contiguous_cpu(probs_in, "multinomial_rows");
  NNLITE_CHECK(probs.dim() == 2, Value, "multinomial_rows: expected [R, C]");
  const int64_t R = probs.shape()[0], C = probs.shape()[1];
  std::vector<std::vector<int64_t>> out(R, std::vector<int64_t>(n));
  int kind = 0;
  int64_t bad = 0;
  with_float(probs.dtype(), "multinomial_rows", [&](auto tag) {
    using T = decltype(tag);
    const T* p = probs.data<T>();
    for (int64_t r = 0; r < R && !kind; ++r) {
      kind = multinomial_row_fault(p + r * C, C, n, replacement);
      bad = r;
    }
    if (kind) return;
    for (int64_t r = 0; r < R; ++r) {
      std::vector<double> w(C), cdf(C);
      double acc = 0;
      for (int64_t c = 0; c < C; ++c) {
        w[c] = static_cast<double>(p[r * C + c]);
        cdf[c] = acc += w[c];
      }
      if (replacement)
        for (int64_t s = 0; s < n; ++s) out[r][s] = draw_from_cdf(cdf.data(), w.data(), C, multinomial_uniform(key, r, n, s));
      else
        draw_without_replacement(w.data(), C, n, key, r, out[r].data());
    }
  });
  return {kind, kind ? bad : 0, out};
}

// ---- embedding gradient

// grad [N, D], indices [N] -> gw [num, D]: a stable sort of (index, position),
// then embedding_grad_run for every (i, d) as the kernel.
Tensor embedding_backward(const Tensor& grad_in, const std::vector<int64_t>& indices, int64_t num,
                          int64_t padding_idx, bool scale_by_freq) {
  const Tensor grad = contiguous_cpu(grad_in, "embedding_backward");
  const int64_t N = static_cast<int64_t>(indices.size()), D = grad.shape()[1];
  for (int64_t v : indices) NNLITE_CHECK(v >= 0 && v < num, Index, "embedding_backward: index out of range");
  std::vector<int64_t> pos(N);
  std::iota(pos.begin(), pos.end(), int64_t{0});
  std::stable_sort(pos.begin(), pos.end(), [&](int64_t a, int64_t b) { return indices[a] < indices[b]; });
  std::vector<int64_t> keys(N);
  for (int64_t i = 0; i < N; ++i) keys[i] = indices[pos[i]];
  Tensor gw = zeros(Shape{num, D}, grad.dtype(), Device());
  with_float(grad.dtype(), "embedding_backward", [&](auto tag) {
    using T = decltype(tag);
    for (int64_t i = 0; i < N; ++i)
      for (int64_t d = 0; d < D; ++d)
        embedding_grad_run(keys.data(), pos.data(), N, i, d, D, grad.data<T>(), padding_idx, scale_by_freq,
                           gw.data<T>());
  });
  return gw;
}

// ---- reductions

// One block's reduction as block_reduce.cuh runs it: the partials of
// kEmulatedThreads threads, then each warp's shuffle tree (lane i takes lane
// i + d, a lane past the warp its own value), then warp 0's tree over the
// warps' results.
template <typename A>
Partial<A> block_reduce_host(backend::Reduce op, std::vector<Partial<A>> p) {
  constexpr int kWarp = 32, kWarps = kEmulatedThreads / kWarp;
  auto warp_tree = [&](Partial<A>* lanes) {
    for (int d = kWarp / 2; d > 0; d /= 2) {
      std::vector<Partial<A>> before(lanes, lanes + kWarp);  // shuffles read the values before this step
      for (int l = 0; l < kWarp; ++l) lanes[l] = combine(op, before[l], before[l + d < kWarp ? l + d : l]);
    }
  };
  for (int w = 0; w < kWarps; ++w) warp_tree(p.data() + w * kWarp);
  std::vector<Partial<A>> top(kWarp, identity_of<A>(op));
  for (int w = 0; w < kWarps; ++w) top[w] = p[w * kWarp];
  warp_tree(top.data());
  return top[0];
}

// x [M, R] -> (values [M] (sum/prod/max/min), indices [M] (argmax/argmin)),
// a row per block as reduce.cu: thread t folds elements t, t + 256, ... in order.
std::pair<Tensor, Tensor> reduce_rows(const Tensor& x_in, int op_number) {
  const Tensor x = contiguous_cpu(x_in, "reduce_rows");
  NNLITE_CHECK(x.dim() == 2 && x.shape()[1] > 0, Value, "reduce_rows: expected [M, R] with R > 0");
  const auto op = static_cast<backend::Reduce>(op_number);
  const int64_t M = x.shape()[0], R = x.shape()[1];
  Tensor values = empty(Shape{M}, x.dtype(), Device()), indices = empty(Shape{M}, DType::Int64, Device());
  with_float(x.dtype(), "reduce_rows", [&](auto tag) {
    using T = decltype(tag);
    for (int64_t m = 0; m < M; ++m) {
      const T* row = x.data<T>() + m * R;
      auto fold = [&](auto acc_tag) {
        using Acc = decltype(acc_tag);
        std::vector<Partial<Acc>> p(kEmulatedThreads, identity_of<Acc>(op));
        for (int t = 0; t < kEmulatedThreads; ++t)
          for (int64_t j = t; j < R; j += kEmulatedThreads) p[t] = combine(op, p[t], Partial<Acc>{Acc(row[j]), j});
        const Partial<Acc> r = block_reduce_host(op, p);
        values.data<T>()[m] = static_cast<T>(r.v);
        indices.data<int64_t>()[m] = r.i < 0 ? 0 : r.i;
      };
      if (op == backend::Reduce::Sum || op == backend::Reduce::Prod) fold(double{});  // sum_acc_t of a float
      else fold(T{});
    }
  });
  return {values, indices};
}

// ---- leaky integrate-and-fire

// x, g_spk, g_mem [T, ...], mem0, beta, threshold [...] (of one step's shape)
// -> (spk, mem, gx, g_mem0, g_beta, g_threshold), one neuron at a time as
// spiking.cu's threads. reset and surrogate: backend::LifReset and
// LifSurrogate as numbers, in the enums' order.
std::tuple<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> lif(const Tensor& x_in, const Tensor& mem0_in,
                                                               const Tensor& beta_in, const Tensor& th_in,
                                                               int reset, int surrogate, double slope,
                                                               const Tensor& g_spk_in, const Tensor& g_mem_in) {
  const backend::LifConfig cfg{static_cast<backend::LifReset>(reset), static_cast<backend::LifSurrogate>(surrogate),
                               slope};
  const Tensor x = contiguous_cpu(x_in, "lif"), g_spk = contiguous_cpu(g_spk_in, "lif");
  const Tensor g_mem = contiguous_cpu(g_mem_in, "lif"), mem0 = contiguous_cpu(mem0_in, "lif");
  const Tensor beta = contiguous_cpu(beta_in, "lif"), th = contiguous_cpu(th_in, "lif");
  const int64_t steps = x.shape()[0], n = mem0.numel();
  NNLITE_CHECK(x.numel() == steps * n && beta.numel() == n && th.numel() == n && g_spk.numel() == x.numel() &&
                   g_mem.numel() == x.numel(),
               Value, "lif: expected x, g_spk, g_mem [T, ...] and mem0, beta, threshold of one step's shape");
  Tensor spk = empty(x.shape(), x.dtype(), Device()), mem = empty(x.shape(), x.dtype(), Device());
  Tensor gx = empty(x.shape(), x.dtype(), Device()), gm0 = empty(mem0.shape(), x.dtype(), Device());
  Tensor gb = empty(mem0.shape(), x.dtype(), Device()), gth = empty(mem0.shape(), x.dtype(), Device());
  with_float(x.dtype(), "lif", [&](auto tag) {
    using T = decltype(tag);
    for (int64_t j = 0; j < n; ++j)
      lif_forward_neuron(cfg.reset, x.data<T>(), mem0.data<T>(), beta.data<T>(), th.data<T>(), spk.data<T>(),
                         mem.data<T>(), steps, n, j);
    for (int64_t j = 0; j < n; ++j)
      lif_backward_neuron(cfg, g_spk.data<T>(), g_mem.data<T>(), mem.data<T>(), mem0.data<T>(), beta.data<T>(),
                          th.data<T>(), gx.data<T>(), gm0.data<T>(), gb.data<T>(), gth.data<T>(), steps, n, j);
  });
  return {spk, mem, gx, gm0, gb, gth};
}

}  // namespace

void init_cuda_host_kernels(py::module_& m) {
  py::module_ h = m.attr("_cuda_host");
  h.def("pool_span", [](const std::vector<int64_t>& geom, bool adaptive, int axis, int64_t o) {
    const Span s = pool_span(pool_geometry(geom, true, adaptive), axis, o);
    return std::make_pair(s.lo, s.hi);
  });
  h.def("pool_outputs_covering", [](const std::vector<int64_t>& geom, bool adaptive, int axis, int64_t i) {
    const Span s = pool_outputs_covering(pool_geometry(geom, true, adaptive), axis, i);
    return std::make_pair(s.lo, s.hi);
  });
  h.def("pool2d", &pool2d, py::arg("x"), py::arg("geom"), py::arg("count_include_pad"), py::arg("adaptive"),
        py::arg("max"));
  h.def("pool2d_backward", &pool2d_backward, py::arg("gy"), py::arg("indices"), py::arg("geom"),
        py::arg("count_include_pad"), py::arg("adaptive"));
  h.def("norm_stats", &norm_stats, py::arg("x"), py::arg("geom"), py::arg("eps"), py::arg("on_cpu_backend") = false);
  h.def("norm_forward", &norm_forward, py::arg("x"), py::arg("mean"), py::arg("rstd"), py::arg("weight"),
        py::arg("bias"), py::arg("geom"), py::arg("residual") = py::none(), py::arg("relu") = false,
        py::arg("on_cpu_backend") = false);
  h.def("norm_backward", &norm_backward, py::arg("gy"), py::arg("x"), py::arg("mean"), py::arg("rstd"),
        py::arg("weight"), py::arg("batch_stats"), py::arg("geom"), py::arg("on_cpu_backend") = false);
  h.def("norm_chunks", &norm_chunks);
  h.def("moments_merge", [](const std::vector<std::vector<double>>& parts) {
    // Welford over each part, then the parts merged in order: (n, mean, m2).
    Moments total;
    for (const auto& part : parts) {
      Moments m;
      for (double v : part) m.push(v);
      total = Moments::merge(total, m);
    }
    return std::make_tuple(total.n, total.mean, total.m2);
  });
  h.def("sort_order", &sort_order, py::arg("x"), py::arg("descending") = false);
  h.def("bits_for", &bits_for);
  h.def("multinomial_rows", &multinomial_rows, py::arg("probs"), py::arg("n"), py::arg("replacement"),
        py::arg("key"));
  h.def("embedding_backward", &embedding_backward, py::arg("grad"), py::arg("indices"), py::arg("num"),
        py::arg("padding_idx"), py::arg("scale_by_freq"));
  h.def("reduce_rows", &reduce_rows, py::arg("x"), py::arg("op"));
  h.def("lif", &lif, py::arg("x"), py::arg("mem0"), py::arg("beta"), py::arg("threshold"), py::arg("reset"),
        py::arg("surrogate"), py::arg("slope"), py::arg("g_spk"), py::arg("g_mem"));
}

}  // namespace nnlite::py_bind
