// Host-side run of the CUDA recurrent layers (nnlite._C._cuda_host.
// recurrent_layer): recurrent_math.h's time loops, gate functors and GEMM
// arguments driven by a host executor (each launch a plain loop over its
// elements, each GEMM a plain triple loop over the GemmArgs the device hands
// to cuBLAS), so tests compare the whole step decomposition of the GPU path
// with the CPU backend's layers on a machine without a GPU. Scratch and the
// outputs start as NaN: a value the device would read from memory nobody
// wrote shows up in the results. Built with or without CUDA.
#include <pybind11/stl.h>

#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/backend.h"
#include "backend/cuda/recurrent_math.h"
#include "bindings.h"
#include "nnlite/error.h"
#include "nnlite/ops.h"

namespace nnlite::py_bind {

namespace py = pybind11;
using namespace cuda_impl;
using backend::RecurrentGeometry;

namespace {

class HostExec {
 public:
  template <typename F>
  void each(int64_t n, const F& f, const char*) {
    for (int64_t i = 0; i < n; ++i) f(i);
  }
  template <typename T>
  void gemm(const GemmArgs<T>& p, const char*) {
    for (int64_t b = 0; b < p.B; ++b)
      for (int64_t m = 0; m < p.M; ++m)
        for (int64_t n = 0; n < p.N; ++n) {
          T acc = T(0);
          for (int64_t k = 0; k < p.K; ++k)
            acc += p.a[b * p.sa.batch + m * p.sa.row + k * p.sa.col] *
                   p.b[b * p.sb.batch + k * p.sb.row + n * p.sb.col];
          if (p.bias) acc += p.bias[n * p.bias_stride];
          T& c = p.c[b * p.sc.batch + m * p.sc.row + n * p.sc.col];
          c = p.accumulate ? c + acc : acc;
        }
  }
  template <typename T>
  void copy(T* dst, const T* src, int64_t n) {
    if (n > 0) std::memcpy(dst, src, sizeof(T) * n);
  }
  template <typename T>
  T* scratch(int64_t n) {
    auto buf = std::make_unique<T[]>(static_cast<size_t>(n > 0 ? n : 1));
    for (int64_t i = 0; i < n; ++i) buf[i] = std::numeric_limits<T>::quiet_NaN();
    T* p = buf.get();
    held_.push_back(std::shared_ptr<void>(buf.release(), [](void* q) { delete[] static_cast<T*>(q); }));
    return p;
  }

 private:
  std::vector<std::shared_ptr<void>> held_;
};

Tensor cpu_or_none(const std::optional<Tensor>& t, const char* what) {
  if (!t) return Tensor();
  NNLITE_CHECK(t->device().is_cpu(), Value, what, ": expected CPU tensors");
  return t->contiguous();
}

template <typename T>
const T* cptr(const Tensor& t) {
  return t.defined() ? t.data<T>() : nullptr;
}
template <typename T>
T* mptr(Tensor& t) {
  return t.defined() ? t.data<T>() : nullptr;
}

Tensor nan_tensor(const Shape& s, DType dt) { return full(s, std::numeric_limits<double>::quiet_NaN(), dt); }

std::optional<Tensor> opt(const Tensor& t) { return t.defined() ? std::optional<Tensor>(t) : std::nullopt; }

// One layer, one direction, forward and (with gy) backward, as the CUDA
// backend runs it. Returns [y, hn, cn, act, h_prev, c_prev, dx, dh0, dc0,
// dw_ih, dw_hh, db_ih, db_hh, dw_hr] (None where absent); train=False runs
// the inference forward (no saved tensors, no backward).
std::vector<std::optional<Tensor>> recurrent_layer(
    const std::string& mode_name, const Tensor& x_in, const Tensor& h0_in, const std::optional<Tensor>& c0_in,
    const Tensor& w_ih_in, const Tensor& w_hh_in, const std::optional<Tensor>& b_ih_in,
    const std::optional<Tensor>& b_hh_in, const std::optional<Tensor>& w_hr_in, bool reverse,
    const std::optional<Tensor>& lengths_in, const std::optional<Tensor>& gy_in, const std::optional<Tensor>& ghn_in,
    const std::optional<Tensor>& gcn_in, bool train) {
  const char* what = "recurrent_layer";
  RnnMode mode;
  if (mode_name == "lstm") mode = RnnMode::Lstm;
  else if (mode_name == "gru") mode = RnnMode::Gru;
  else if (mode_name == "tanh") mode = RnnMode::Tanh;
  else if (mode_name == "relu") mode = RnnMode::Relu;
  else NNLITE_FAIL(Value, what, ": mode must be lstm, gru, tanh or relu, got ", mode_name);
  const Tensor x = cpu_or_none(x_in, what), h0 = cpu_or_none(h0_in, what), c0 = cpu_or_none(c0_in, what);
  const Tensor w_ih = cpu_or_none(w_ih_in, what), w_hh = cpu_or_none(w_hh_in, what);
  const Tensor b_ih = cpu_or_none(b_ih_in, what), b_hh = cpu_or_none(b_hh_in, what);
  const Tensor w_hr = cpu_or_none(w_hr_in, what), lengths = cpu_or_none(lengths_in, what);
  NNLITE_CHECK(x.dim() == 3, Value, what, ": expected x [T, N, I]");
  NNLITE_CHECK(x.dtype() == DType::Float32 || x.dtype() == DType::Float64, Type, what, ": expected float32/64");
  const bool lstm = mode == RnnMode::Lstm;
  const int64_t T_ = x.size(0), N = x.size(1), I = x.size(2), G = rnn_gates(mode), H = w_ih.size(0) / G;
  const int64_t P = w_hr.defined() ? w_hr.size(0) : H, A = G == 1 ? H : 4 * H;
  NNLITE_CHECK(!lengths.defined() || (lengths.dtype() == DType::Int64 && lengths.numel() == N), Value, what,
               ": expected int64 lengths [N]");
  const int64_t* len = lengths.defined() ? lengths.data<int64_t>() : nullptr;
  for (int64_t b = 0; len && b < N; ++b)
    NNLITE_CHECK(len[b] >= 0 && len[b] <= T_, Value, what, ": every length must be within [0, ", T_, "]");
  const RecurrentGeometry g{mode, T_, N, I, H, P, reverse};
  const DType dt = x.dtype();

  Tensor y = nan_tensor({T_, N, P}, dt), hn = nan_tensor({N, P}, dt), cn = lstm ? nan_tensor({N, H}, dt) : Tensor();
  Tensor act, h_prev, c_prev;
  if (train) {
    act = nan_tensor({T_, N, A}, dt);
    h_prev = nan_tensor({T_, N, P}, dt);
    if (lstm) c_prev = nan_tensor({T_, N, H}, dt);
  }
  Tensor dx, dh0, dc0, dw_ih, dw_hh, db_ih, db_hh, dw_hr;
  const bool back = train && gy_in.has_value();
  if (back) {
    dx = nan_tensor({T_, N, I}, dt), dh0 = nan_tensor({N, P}, dt), dw_ih = nan_tensor({G * H, I}, dt);
    dw_hh = nan_tensor({G * H, P}, dt);
    if (lstm) dc0 = nan_tensor({N, H}, dt);
    if (b_ih.defined()) db_ih = nan_tensor({G * H}, dt);
    if (b_hh.defined()) db_hh = nan_tensor({G * H}, dt);
    if (w_hr.defined()) dw_hr = nan_tensor({P, H}, dt);
  }
  const Tensor gy = back ? cpu_or_none(gy_in, what) : Tensor(), ghn = back ? cpu_or_none(ghn_in, what) : Tensor();
  const Tensor gcn = back ? cpu_or_none(gcn_in, what) : Tensor();
  NNLITE_CHECK(!back || ghn.defined(), Value, what, ": the backward needs ghn");
  NNLITE_CHECK(!back || !lstm || gcn.defined(), Value, what, ": the LSTM backward needs gcn");

  auto run = [&](auto tag) {
    using T = decltype(tag);
    HostExec ex;
    ForwardIo<T> fio{cptr<T>(x),    cptr<T>(h0),    cptr<T>(c0),  cptr<T>(w_ih),   cptr<T>(w_hh),
                     cptr<T>(b_ih), cptr<T>(b_hh),  cptr<T>(w_hr), len,            mptr<T>(y),
                     mptr<T>(hn),   mptr<T>(cn),    mptr<T>(act), mptr<T>(h_prev), mptr<T>(c_prev)};
    recurrent_forward_loop<T>(ex, g, fio);
    if (!back) return;
    BackwardIo<T> bio{cptr<T>(x),     cptr<T>(w_ih),   cptr<T>(w_hh),  cptr<T>(w_hr),  len,
                      cptr<T>(act),   cptr<T>(h_prev), cptr<T>(c_prev), cptr<T>(gy),   cptr<T>(ghn),
                      cptr<T>(gcn),   mptr<T>(dx),     mptr<T>(dh0),   mptr<T>(dc0),   mptr<T>(dw_ih),
                      mptr<T>(dw_hh), mptr<T>(db_ih),  mptr<T>(db_hh), mptr<T>(dw_hr)};
    HostExec bex;
    recurrent_backward_loop<T>(bex, g, bio);
  };
  if (dt == DType::Float32) run(float{});
  else run(double{});
  return {opt(y),  opt(hn),  opt(cn),    opt(act),   opt(h_prev), opt(c_prev), opt(dx),
          opt(dh0), opt(dc0), opt(dw_ih), opt(dw_hh), opt(db_ih),  opt(db_hh),  opt(dw_hr)};
}

}  // namespace

void init_cuda_host_recurrent(py::module_& m) {
  py::module_ h = m.attr("_cuda_host");
  h.def("recurrent_layer", &recurrent_layer, py::arg("mode"), py::arg("x"), py::arg("h0"), py::arg("c0"),
        py::arg("w_ih"), py::arg("w_hh"), py::arg("b_ih"), py::arg("b_hh"), py::arg("w_hr"), py::arg("reverse"),
        py::arg("lengths"), py::arg("gy") = py::none(), py::arg("ghn") = py::none(), py::arg("gcn") = py::none(),
        py::arg("train") = true,
        "One recurrent layer (mode 'lstm', 'gru', 'tanh' or 'relu'), one direction, run on the host exactly as\n"
        "the CUDA backend runs it (recurrent_math.h): the forward and, with gy, the backward through time.\n"
        "Returns [y, hn, cn, act, h_prev, c_prev, dx, dh0, dc0, dw_ih, dw_hh, db_ih, db_hh, dw_hr], None where\n"
        "absent; train=False runs the inference forward only.");
}

}  // namespace nnlite::py_bind
