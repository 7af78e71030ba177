// Winograd F(4x4, 3x3) transforms of one instruction set (see entries.h;
// Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2016).
// The driver that tiles, threads and runs the GEMMs is cpu/winograd.cpp.
//
// With d a 6x6 input patch, g a 3x3 filter and y the 4x4 output tile,
//   y = A^T [(G g G^T) .* (B^T d B)] A,
// which needs 36 multiplies per tile and channel pair instead of 144. The
// weight gradient is the adjoint of that map in g:
//   dg = G^T [(A dy A^T) .* (B^T d B)] G.
// Every step of a transform is one vector operation over kLanes lanes: the
// input and output-gradient transforms take kLanes channels of one tile
// (from a channel-blocked copy of the images, see blocked()), the output
// transform kLanes tiles of one channel (the GEMMs' output rows), followed by
// a scalar scatter into y.
#include <cstring>

#include "backend/cpu/isa/entries.h"
#include "backend/cpu/isa/helpers.h"

namespace nnlite::cpu {
namespace {

constexpr int kLanes = 16;

// The 1-d transforms on lanes: out[k * so + l] from in[j * si + l] for all
// kLanes lanes (a fixed count vectorises without remainder loops; unused
// lanes are computed but never stored).

// B^T: 6 -> 6 (input patches)
template <typename T>
inline void bt(const T* __restrict in, int64_t si, T* __restrict out, int64_t so) {
#pragma omp simd
  for (int l = 0; l < kLanes; ++l) {
    const T a0 = in[l], a1 = in[si + l], a2 = in[2 * si + l], a3 = in[3 * si + l], a4 = in[4 * si + l],
            a5 = in[5 * si + l];
    out[l] = T(4) * a0 - T(5) * a2 + a4;
    out[so + l] = (a3 + a4) - T(4) * (a1 + a2);
    out[2 * so + l] = (a4 - a3) + T(4) * (a1 - a2);
    out[3 * so + l] = (a4 - a2) + T(2) * (a3 - a1);
    out[4 * so + l] = (a4 - a2) - T(2) * (a3 - a1);
    out[5 * so + l] = T(4) * a1 - T(5) * a3 + a5;
  }
}

// A^T: 6 -> 4 (products back to output tiles)
template <typename T>
inline void at(const T* __restrict in, int64_t si, T* __restrict out, int64_t so) {
#pragma omp simd
  for (int l = 0; l < kLanes; ++l) {
    const T m0 = in[l], m5 = in[5 * si + l];
    const T s12 = in[si + l] + in[2 * si + l], d12 = in[si + l] - in[2 * si + l];
    const T s34 = in[3 * si + l] + in[4 * si + l], d34 = in[3 * si + l] - in[4 * si + l];
    out[l] = m0 + s12 + s34;
    out[so + l] = d12 + T(2) * d34;
    out[2 * so + l] = s12 + T(4) * s34;
    out[3 * so + l] = d12 + T(8) * d34 + m5;
  }
}

// A: 4 -> 6 (output-gradient tiles, the transpose of at)
template <typename T>
inline void a(const T* __restrict in, int64_t si, T* __restrict out, int64_t so) {
#pragma omp simd
  for (int l = 0; l < kLanes; ++l) {
    const T v0 = in[l], v1 = in[si + l], v2 = in[2 * si + l], v3 = in[3 * si + l];
    const T s02 = v0 + v2, s13 = v1 + v3, e = v0 + T(4) * v2, f = T(2) * v1 + T(8) * v3;
    out[l] = v0;
    out[so + l] = s02 + s13;
    out[2 * so + l] = s02 - s13;
    out[3 * so + l] = e + f;
    out[4 * so + l] = e - f;
    out[5 * so + l] = v3;
  }
}

// G: 3 -> 6 and G^T: 6 -> 3, on lanes of filters in double (filters are
// transformed once per call; double keeps float32 filters exact to rounding).
inline void g3(const double* __restrict in, int64_t si, double* __restrict out, int64_t so, int n) {
  constexpr double s = 1.0 / 6, t = 1.0 / 12, q = 1.0 / 24;
#pragma omp simd
  for (int l = 0; l < n; ++l) {
    const double g0 = in[l], g1 = in[si + l], g2 = in[2 * si + l];
    out[l] = 0.25 * g0;
    out[so + l] = -s * (g0 + g1 + g2);
    out[2 * so + l] = -s * (g0 - g1 + g2);
    out[3 * so + l] = q * g0 + t * g1 + s * g2;
    out[4 * so + l] = q * g0 - t * g1 + s * g2;
    out[5 * so + l] = g2;
  }
}

inline void gt3(const double* __restrict in, int64_t si, double* __restrict out, int64_t so, int n) {
  constexpr double s = 1.0 / 6, t = 1.0 / 12, q = 1.0 / 24;
#pragma omp simd
  for (int l = 0; l < n; ++l) {
    const double u0 = in[l], u1 = in[si + l], u2 = in[2 * si + l], u3 = in[3 * si + l], u4 = in[4 * si + l],
                 u5 = in[5 * si + l];
    out[l] = 0.25 * u0 - s * (u1 + u2) + q * (u3 + u4);
    out[so + l] = s * (u2 - u1) + t * (u3 - u4);
    out[2 * so + l] = s * (u3 + u4 - u1 - u2) + u5;
  }
}

// Where each lane's output tile lies: its image's offset in y (K planes of
// Ho * Wo) and its top-left corner.
struct Lanes {
  int n;
  int64_t base[kLanes], row[kLanes], col[kLanes];
};

inline Lanes locate(const WinogradTiles& t, int64_t first, int n) {
  Lanes L;
  L.n = n;
  const int64_t per_image = t.th * t.tw;
  for (int l = 0; l < n; ++l) {
    const int64_t p = first + l, img = p / per_image, r = p % per_image;
    L.base[l] = img * t.K * t.Ho * t.Wo;
    L.row[l] = (r / t.tw) * 4;
    L.col[l] = (r % t.tw) * 4;
  }
  return L;
}

// The planes [rows, cols] of images [img0, img1) of src [N, channels, rows,
// cols], copied into zeroed, channel-blocked planes
// [img1 - img0, channels / kLanes, prows, pcols, kLanes] at (top, left). Every
// tile window of the block then lies inside a plane, and each of its points
// holds kLanes channels side by side: the transforms load whole vectors with
// no bounds checks and no gathers.
template <typename T>
const T* blocked(const T* src, int64_t img0, int64_t img1, int64_t channels, int64_t rows, int64_t cols,
                 int64_t top, int64_t left, int64_t prows, int64_t pcols) {
  const int64_t cblocks = (channels + kLanes - 1) / kLanes, prow = pcols * kLanes, bplane = prows * prow;
  T* dst = scratch<T>(2, static_cast<size_t>((img1 - img0) * cblocks * bplane));
  // The rows and columns that receive data, in src's coordinates.
  const int64_t r0 = max_of<int64_t>(0, -top), r1 = min_of(rows, prows - top);
  const int64_t c0 = max_of<int64_t>(0, -left), c1 = max_of(c0, min_of(cols, pcols - left));
  for (int64_t img = img0; img < img1; ++img)
    for (int64_t cb = 0; cb < cblocks; ++cb) {
      T* out = dst + ((img - img0) * cblocks + cb) * bplane;
      const int64_t lanes = min_of<int64_t>(kLanes, channels - cb * kLanes);
      const T* planes = src + (img * channels + cb * kLanes) * rows * cols;
      for (int64_t pr = 0; pr < prows; ++pr) {
        T* o = out + pr * prow;
        const int64_t r = pr - top;
        if (r < r0 || r >= r1 || lanes < kLanes) std::memset(o, 0, static_cast<size_t>(prow) * sizeof(T));
        if (r < r0 || r >= r1) continue;
        std::memset(o, 0, static_cast<size_t>((c0 + left) * kLanes) * sizeof(T));
        std::memset(o + (c1 + left) * kLanes, 0, static_cast<size_t>((pcols - c1 - left) * kLanes) * sizeof(T));
        // One output row (a few KB, in L1) takes its column from each of the
        // block's planes in turn.
        // The planes are kLanes streams the hardware prefetcher does not
        // all follow: ask for each plane's row two ahead.
        for (int64_t l = 0; l < lanes; ++l) {
          const T* in = planes + (l * rows + r) * cols;
          for (int64_t q = 0; q < cols; q += 64 / static_cast<int64_t>(sizeof(T))) __builtin_prefetch(in + 2 * cols + q);
          for (int64_t q = c0; q < c1; ++q) o[(q + left) * kLanes + l] = in[q];
        }
      }
    }
  return dst;
}

}  // namespace

namespace NNLITE_ISA_NS {

// Both filter transforms run over kLanes input channels at once, so that U is
// read and written in rows of contiguous channels: one filter at a time would
// touch 36 addresses K*C apart, which all fall in the same cache set.
template <typename T>
void winograd_filter(const T* w, int64_t K, int64_t C, T* U) {
  alignas(64) double g[9 * kLanes], r[18 * kLanes], u[36 * kLanes];
  for (int64_t k = 0; k < K; ++k)
    for (int64_t c0 = 0; c0 < C; c0 += kLanes) {
      const int n = static_cast<int>(min_of<int64_t>(kLanes, C - c0));
      for (int l = 0; l < n; ++l)
        for (int i = 0; i < 9; ++i) g[i * kLanes + l] = static_cast<double>(w[(k * C + c0 + l) * 9 + i]);
      for (int i = 0; i < 3; ++i) g3(g + i * 3 * kLanes, kLanes, r + i * 6 * kLanes, kLanes, n);  // r[i][m]
      for (int m = 0; m < 6; ++m) g3(r + m * kLanes, 6 * kLanes, u + m * kLanes, 6 * kLanes, n);  // u[p][m]
      for (int x = 0; x < 36; ++x)
        for (int l = 0; l < n; ++l) U[(x * K + k) * C + c0 + l] = static_cast<T>(u[x * kLanes + l]);
    }
}

template <typename T>
void winograd_filter_grad(const T* dU, int64_t K, int64_t C, T* gw) {
  alignas(64) double u[36 * kLanes], r[18 * kLanes], g[9 * kLanes];
  for (int64_t k = 0; k < K; ++k)
    for (int64_t c0 = 0; c0 < C; c0 += kLanes) {
      const int n = static_cast<int>(min_of<int64_t>(kLanes, C - c0));
      for (int x = 0; x < 36; ++x)
        for (int l = 0; l < n; ++l) u[x * kLanes + l] = static_cast<double>(dU[(x * K + k) * C + c0 + l]);
      for (int i = 0; i < 6; ++i) gt3(u + i * 6 * kLanes, kLanes, r + i * 3 * kLanes, kLanes, n);  // r[i][j]
      for (int j = 0; j < 3; ++j) gt3(r + j * kLanes, 3 * kLanes, g + j * kLanes, 3 * kLanes, n);  // g[i][j]
      for (int l = 0; l < n; ++l)
        for (int i = 0; i < 9; ++i) gw[(k * C + c0 + l) * 9 + i] = static_cast<T>(g[i * kLanes + l]);
    }
}

// x [N, C, H, W] -> V [count, 36, Cp] (Cp = C rounded up to kLanes; each
// tile's 36 points of contiguous channels written in one run)
template <typename T>
void winograd_input(const T* x, const WinogradTiles& t, int64_t first, int64_t count, T* V) {
  alignas(64) T r[36 * kLanes];
  const int64_t per_image = t.th * t.tw, img0 = first / per_image, img1 = (first + count - 1) / per_image + 1;
  const int64_t Hp = 4 * t.th + 2, Wp = 4 * t.tw + 2, cblocks = (t.C + kLanes - 1) / kLanes, Cp = cblocks * kLanes;
  const T* xb = blocked(x, img0, img1, t.C, t.H, t.W, t.ph, t.pw, Hp, Wp);
  for (int64_t p = 0; p < count; ++p) {
    const int64_t img = (first + p) / per_image, q = (first + p) % per_image;
    const int64_t row = (q / t.tw) * 4, col = (q % t.tw) * 4;
    for (int64_t cb = 0; cb < cblocks; ++cb) {
      const T* d = xb + ((((img - img0) * cblocks + cb) * Hp + row) * Wp + col) * kLanes;  // d[i][j] at i*Wp + j
      for (int i = 0; i < 6; ++i) bt(d + i * Wp * kLanes, kLanes, r + i * 6 * kLanes, kLanes);
      for (int m = 0; m < 6; ++m) bt(r + m * kLanes, 6 * kLanes, V + (p * 36 + m) * Cp + cb * kLanes, 6 * Cp);
    }
  }
}

template <typename T>
void winograd_output(const T* M, int64_t ld, const WinogradTiles& t, int64_t first, int64_t count, const T* bias,
                     T* y) {
  alignas(64) T r[24 * kLanes], o[16 * kLanes];
  const int64_t plane = t.Ho * t.Wo;
  for (int64_t l0 = 0; l0 < count; l0 += kLanes) {
    const Lanes L = locate(t, first + l0, static_cast<int>(min_of<int64_t>(kLanes, count - l0)));
    for (int64_t k = 0; k < t.K; ++k) {
      for (int i = 0; i < 6; ++i) at(M + (i * 6 * t.K + k) * ld + l0, t.K * ld, r + i * 4 * kLanes, kLanes);
      for (int j = 0; j < 4; ++j) at(r + j * kLanes, 4 * kLanes, o + j * kLanes, 4 * kLanes);
      const T b = bias ? bias[k] : T(0);
      for (int l = 0; l < L.n; ++l) {
        T* dst = y + L.base[l] + k * plane + L.row[l] * t.Wo + L.col[l];
        const int64_t rows = t.Ho - L.row[l], cols = t.Wo - L.col[l];
        if (rows >= 4 && cols >= 4) {
          for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) dst[i * t.Wo + j] = o[(i * 4 + j) * kLanes + l] + b;
        } else {  // a tile over the bottom or right edge
          for (int64_t i = 0; i < min_of<int64_t>(4, rows); ++i)
            for (int64_t j = 0; j < min_of<int64_t>(4, cols); ++j) dst[i * t.Wo + j] = o[(i * 4 + j) * kLanes + l] + b;
        }
      }
    }
  }
}

// gy [N, K, Ho, Wo] -> [count, 36, Kp] (like input's V)
template <typename T>
void winograd_output_grad(const T* gy, const WinogradTiles& t, int64_t first, int64_t count, T* G) {
  alignas(64) T r[24 * kLanes];
  const int64_t per_image = t.th * t.tw, img0 = first / per_image, img1 = (first + count - 1) / per_image + 1;
  const int64_t Hp = 4 * t.th, Wp = 4 * t.tw, kblocks = (t.K + kLanes - 1) / kLanes, Kp = kblocks * kLanes;
  const T* gb = blocked(gy, img0, img1, t.K, t.Ho, t.Wo, 0, 0, Hp, Wp);
  for (int64_t p = 0; p < count; ++p) {
    const int64_t img = (first + p) / per_image, q = (first + p) % per_image;
    const int64_t row = (q / t.tw) * 4, col = (q % t.tw) * 4;
    for (int64_t kb = 0; kb < kblocks; ++kb) {
      const T* d = gb + ((((img - img0) * kblocks + kb) * Hp + row) * Wp + col) * kLanes;
      for (int i = 0; i < 4; ++i) a(d + i * Wp * kLanes, kLanes, r + i * 6 * kLanes, kLanes);
      for (int m = 0; m < 6; ++m) a(r + m * kLanes, 6 * kLanes, G + (p * 36 + m) * Kp + kb * kLanes, 6 * Kp);
    }
  }
}


NNLITE_ISA_ENTRY(winograd_filter);
NNLITE_ISA_ENTRY(winograd_input);
NNLITE_ISA_ENTRY(winograd_output);
NNLITE_ISA_ENTRY(winograd_output_grad);
NNLITE_ISA_ENTRY(winograd_filter_grad);

}  // namespace NNLITE_ISA_NS
}  // namespace nnlite::cpu
