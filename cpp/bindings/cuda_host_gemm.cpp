// The CUDA GEMM's switches (_C._cuda_gemm_info, _cuda_set_allow_tf32, ...) and
// the host-side checks of its plain C++ parts (_C._cuda_host): the cuBLAS
// argument mapping, the run-time loader, and the tiled kernel and the
// convolutions emulated on the host with the very functions the kernels run
// (gemm_plan.h, conv_index.h), thread by thread, so tests compare them with
// NumPy without a GPU.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "backend/cuda/conv_index.h"
#include "backend/cuda/cublas_loader.h"
#include "backend/cuda/gemm_plan.h"
#include "bindings.h"
#include "nnlite/error.h"

namespace nnlite::py_bind {

namespace py = pybind11;
using backend::ConvGeometry;
using cuda_impl::ColLayout;
using cuda_impl::GemmArgs;
using cuda_impl::MatStrides;

namespace {

template <typename T>
using Array = py::array_t<T, py::array::c_style | py::array::forcecast>;

// The tiled kernel on the host: every block of the launch grid, every thread
// of a block through each phase in turn (what __syncthreads separates).
template <typename T>
void emulate_tile_gemm(const GemmArgs<T>& p) {
  using Tile = typename cuda_impl::TileConfig<T>::Kernel;
  if (p.B <= 0 || p.M <= 0 || p.N <= 0) return;
  const cuda_impl::TileGrid g = cuda_impl::tile_grid(p.B, p.M, p.N, Tile::kBM, Tile::kBN);
  struct Acc {
    T v[Tile::kTM][Tile::kTN];
  };
  std::vector<T> as(Tile::kBK * Tile::kBM), bs(Tile::kBK * Tile::kBN);
  std::vector<Acc> acc(Tile::kThreads);
  for (int64_t bz = 0; bz < g.z; ++bz)
    for (int64_t by = 0; by < g.y; ++by)
      for (int64_t bx = 0; bx < g.x; ++bx)
        for (int64_t batch = bz; batch < p.B; batch += g.z)
          for (int64_t tm = by; tm < g.tiles_m; tm += g.y) {
            const int64_t m0 = tm * Tile::kBM, n0 = bx * Tile::kBN;
            for (Acc& a : acc)
              for (auto& row : a.v)
                for (T& v : row) v = T(0);
            for (int64_t k0 = 0; k0 < p.K; k0 += Tile::kBK) {
              for (int t = 0; t < Tile::kThreads; ++t) Tile::load(t, p, batch, m0, n0, k0, as.data(), bs.data());
              for (int t = 0; t < Tile::kThreads; ++t) Tile::multiply(t, as.data(), bs.data(), acc[t].v);
            }
            for (int t = 0; t < Tile::kThreads; ++t) Tile::store(t, p, batch, m0, n0, acc[t].v);
          }
}

MatStrides strides3(const std::array<int64_t, 3>& s) { return {s[0], s[1], s[2]}; }

// c (flat storage, returned as a new array) after the tiled kernel ran on
// the flat storages a and b with the given shapes and strides.
template <typename T>
Array<T> tile_gemm(Array<T> a, std::array<int64_t, 3> sa, Array<T> b, std::array<int64_t, 3> sb,
                   std::array<int64_t, 4> bmnk, Array<T> c, std::array<int64_t, 3> sc, std::optional<Array<T>> bias,
                   int64_t bias_stride, bool accumulate, std::optional<bool> a_k_fast, std::optional<bool> b_n_fast) {
  Array<T> out(c.size());
  std::copy(c.data(), c.data() + c.size(), out.mutable_data());
  GemmArgs<T> p{};
  p.B = bmnk[0], p.M = bmnk[1], p.N = bmnk[2], p.K = bmnk[3];
  p.a = a.data(), p.sa = strides3(sa);
  p.b = b.data(), p.sb = strides3(sb);
  p.c = out.mutable_data(), p.sc = strides3(sc);
  p.bias = bias ? bias->data() : nullptr;
  p.bias_stride = bias_stride;
  p.accumulate = accumulate;
  p.a_k_fast = a_k_fast.value_or(sa[2] == 1);
  p.b_n_fast = b_n_fast.value_or(sb[2] == 1);
  emulate_tile_gemm(p);
  return out;
}

ConvGeometry geometry(const std::array<int64_t, 16>& v) {
  return ConvGeometry{v[0], v[1], v[2],  v[3],  v[4],  v[5],  v[6],  v[7],
                      v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]};
}

void host_im2col(const double* x, double* cols, const ConvGeometry& g, int64_t n0, int64_t count, ColLayout lay) {
  const double* xs = x + n0 * g.C * g.H * g.W;
  const int64_t n = count * g.C * g.kh * g.kw * g.Ho * g.Wo;
  for (int64_t i = 0; i < n; ++i) {
    const cuda_impl::Im2colStep s = cuda_impl::im2col_step(g, i, lay);
    cols[s.dst] = s.src < 0 ? 0.0 : xs[s.src];
  }
}

// conv.cu's three drivers with the host GEMM and index loops: the same
// chunks (at most `budget` cols elements), the same GEMM arguments.
Array<double> conv_forward(Array<double> x, Array<double> w, std::optional<Array<double>> bias,
                           std::array<int64_t, 16> geo, int64_t budget) {
  const ConvGeometry g = geometry(geo);
  const int64_t CK = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo;
  Array<double> y(g.N * g.K * HWo);
  double* yp = y.mutable_data();
  const bool direct = cuda_impl::conv_is_pointwise(g);
  const int64_t nb = direct ? g.N : cuda_impl::conv_chunk_images(g, budget);
  std::vector<double> cols(direct ? 0 : nb * CK * HWo);
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    if (!direct) host_im2col(x.data(), cols.data(), g, n0, count, ColLayout{CK * HWo, HWo});
    const double* src = direct ? x.data() + n0 * g.C * HWo : cols.data();
    for (int64_t gi = 0; gi < g.groups; ++gi)
      emulate_tile_gemm(cuda_impl::conv_forward_gemm(g, w.data(), src, yp, n0, count, gi));
  }
  if (bias)
    for (int64_t i = 0; i < g.N * g.K * HWo; ++i) yp[i] += bias->data()[(i / HWo) % g.K];
  return y;
}

Array<double> conv_input_grad(Array<double> gy, Array<double> w, std::array<int64_t, 16> geo, int64_t budget) {
  const ConvGeometry g = geometry(geo);
  const int64_t CK = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo, image = g.C * g.H * g.W;
  Array<double> gx(g.N * image);
  double* gxp = gx.mutable_data();
  const bool direct = cuda_impl::conv_is_pointwise(g);
  const int64_t nb = direct ? g.N : cuda_impl::conv_chunk_images(g, budget);
  std::vector<double> cols(direct ? 0 : nb * CK * HWo);
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    double* dst = direct ? gxp + n0 * g.C * HWo : cols.data();
    for (int64_t gi = 0; gi < g.groups; ++gi)
      emulate_tile_gemm(cuda_impl::conv_input_grad_gemm(g, w.data(), gy.data(), dst, n0, count, gi));
    if (direct) continue;
    for (int64_t i = 0; i < count * image; ++i) gxp[n0 * image + i] = cuda_impl::col2im_element(cols.data(), g, i);
  }
  return gx;
}

Array<double> conv_weight_grad(Array<double> x, Array<double> gy, std::array<int64_t, 16> geo, int64_t budget) {
  const ConvGeometry g = geometry(geo);
  const int64_t CK = g.C * g.kh * g.kw, HWo = g.Ho * g.Wo;
  Array<double> gw(g.K * (g.C / g.groups) * g.kh * g.kw);
  const int64_t nb = cuda_impl::conv_chunk_images(g, budget);
  std::vector<double> cols(nb * CK * HWo), gyt(nb * g.K * HWo);
  for (int64_t n0 = 0; n0 < g.N; n0 += nb) {
    const int64_t count = std::min(nb, g.N - n0);
    host_im2col(x.data(), cols.data(), g, n0, count, ColLayout{HWo, count * HWo});
    const double* src = gy.data() + n0 * g.K * HWo;
    for (int64_t i = 0; i < count * g.K * HWo; ++i) gyt[cuda_impl::gy_transposed_index(i, g.K, HWo, count)] = src[i];
    emulate_tile_gemm(cuda_impl::conv_weight_grad_gemm(g, gyt.data(), cols.data(), gw.mutable_data(), count, n0 > 0));
  }
  return gw;
}

py::dict library_dict(const cuda_impl::CublasLibrary& lib) {
  py::dict d;
  d["available"] = lib.available;
  d["path"] = lib.path;
  d["reason"] = lib.reason;
  return d;
}

template <typename T>
void def_tile_gemm(py::module_& h, const char* name) {
  h.def(name, &tile_gemm<T>, py::arg("a"), py::arg("sa"), py::arg("b"), py::arg("sb"), py::arg("bmnk"), py::arg("c"),
        py::arg("sc"), py::arg("bias") = py::none(), py::arg("bias_stride") = 0, py::arg("accumulate") = false,
        py::arg("a_k_fast") = py::none(), py::arg("b_n_fast") = py::none());
}

}  // namespace

void init_cuda_host_gemm(py::module_& m) {
  m.def("_cuda_gemm_info", [] {
    const cuda_impl::CublasLibrary& lib = cuda_impl::cublas_library();
    py::dict d = library_dict(lib);
    d["candidates"] = cuda_impl::cublas_candidates();
    d["use_cublas"] = cuda_impl::use_cublas();
    d["allow_tf32"] = cuda_impl::allow_tf32();
    d["last_path"] = std::string(cuda_impl::last_gemm_path());
    return d;
  });
  m.def("_cuda_set_allow_tf32", &cuda_impl::set_allow_tf32, py::arg("on"));
  m.def("_cuda_allow_tf32", &cuda_impl::allow_tf32);
  m.def("_cuda_set_use_cublas", &cuda_impl::set_use_cublas, py::arg("on"));
  m.def("_cuda_add_cublas_search_dir", &cuda_impl::add_cublas_search_dir, py::arg("dir"));

  py::module_ h = m.attr("_cuda_host");
  h.def("load_cublas", [](const std::vector<std::string>& candidates) {
    return library_dict(cuda_impl::load_cublas_library(candidates));
  }, py::arg("candidates"));
  h.def("column_major_view", [](int64_t rows, int64_t cols, int64_t rs, int64_t cs) -> py::object {
    int op = 0;
    int64_t ld = 0;
    if (!cuda_impl::column_major_view(rows, cols, rs, cs, op, ld)) return py::none();
    return py::make_tuple(op == 0 ? "N" : "T", ld);
  });
  h.def("cublas_call", [](int64_t M, int64_t N, int64_t K, std::array<int64_t, 3> sa, std::array<int64_t, 3> sb,
                          std::array<int64_t, 3> sc) -> py::object {
    const cuda_impl::CublasCall c = cuda_impl::cublas_call(M, N, K, strides3(sa), strides3(sb), strides3(sc));
    if (!c.ok) return py::none();
    py::dict d;
    d["transa"] = c.transa == 0 ? "N" : "T";
    d["transb"] = c.transb == 0 ? "N" : "T";
    d["m"] = c.m, d["n"] = c.n, d["k"] = c.k;
    d["lda"] = c.lda, d["ldb"] = c.ldb, d["ldc"] = c.ldc;
    d["stride_a"] = c.stride_a, d["stride_b"] = c.stride_b, d["stride_c"] = c.stride_c;
    return d;
  });
  h.def("tile_grid", [](int64_t B, int64_t M, int64_t N, int BM, int BN) {
    const cuda_impl::TileGrid g = cuda_impl::tile_grid(B, M, N, BM, BN);
    return py::make_tuple(g.x, g.y, g.z, g.tiles_m);
  });
  h.def("tile_config", [](const std::string& dtype) {
    auto cfg = [](auto tile) {
      using Tile = decltype(tile);
      return py::make_tuple(Tile::kBM, Tile::kBN, Tile::kBK, Tile::kTM, Tile::kTN, Tile::kThreads);
    };
    if (dtype == "float32") return cfg(cuda_impl::TileConfig<float>::Kernel{});
    NNLITE_CHECK(dtype == "float64" || dtype == "int64", Value, "tile_config: unknown dtype ", dtype);
    return cfg(cuda_impl::TileConfig<double>::Kernel{});
  });
  def_tile_gemm<float>(h, "tile_gemm_float32");
  def_tile_gemm<double>(h, "tile_gemm_float64");
  def_tile_gemm<int64_t>(h, "tile_gemm_int64");
  h.def("im2col", [](Array<double> x, std::array<int64_t, 16> geo, int64_t n0, int64_t count, int64_t image,
                     int64_t row, int64_t size) {
    Array<double> cols(size);
    std::fill(cols.mutable_data(), cols.mutable_data() + size, -1.0);  // untouched elements stay visible
    host_im2col(x.data(), cols.mutable_data(), geometry(geo), n0, count, ColLayout{image, row});
    return cols;
  });
  h.def("col2im", [](Array<double> cols, std::array<int64_t, 16> geo, int64_t count) {
    const ConvGeometry g = geometry(geo);
    Array<double> gx(count * g.C * g.H * g.W);
    for (int64_t i = 0; i < gx.size(); ++i) gx.mutable_data()[i] = cuda_impl::col2im_element(cols.data(), g, i);
    return gx;
  });
  h.def("conv_chunk_images", [](std::array<int64_t, 16> geo, int64_t budget) {
    return cuda_impl::conv_chunk_images(geometry(geo), budget);
  });
  h.def("conv2d", &conv_forward, py::arg("x"), py::arg("w"), py::arg("bias"), py::arg("geometry"), py::arg("budget"));
  h.def("conv2d_input_grad", &conv_input_grad, py::arg("gy"), py::arg("w"), py::arg("geometry"), py::arg("budget"));
  h.def("conv2d_weight_grad", &conv_weight_grad, py::arg("x"), py::arg("gy"), py::arg("geometry"),
        py::arg("budget"));
}

}  // namespace nnlite::py_bind
