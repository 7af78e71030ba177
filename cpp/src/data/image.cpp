// Geometry of single images for the transforms: crop (with padding) plus an
// optional horizontal flip, and a bilinear resize. Both work plane by plane
// on [..., H, W] tensors; they are data utilities, not differentiable ops.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "nnlite/data.h"
#include "nnlite/ops.h"

namespace nnlite::data {
namespace {

void check_image(const Tensor& img, const char* op) {
  NNLITE_CHECK(img.defined(), Value, op, ": got an undefined tensor");
  NNLITE_CHECK(img.device().is_cpu(), Value, op, ": expected a CPU tensor, got one on ", img.device().str());
  NNLITE_CHECK(img.dim() >= 2, Value, op, ": expected an image [..., H, W] with at least 2 dims, got shape ",
               shape_str(img.shape()));
}

// `fill` as the bytes of one element of `t`, refusing values the type cannot hold.
std::vector<uint8_t> fill_bytes(DType t, double fill, const char* op) {
  std::vector<uint8_t> b(itemsize(t));
  auto put = [&](auto v) { std::memcpy(b.data(), &v, sizeof(v)); };
  if (is_floating(t)) {
    t == DType::Float32 ? put(static_cast<float>(fill)) : put(fill);
    return b;
  }
  const double lo = t == DType::Bool || t == DType::UInt8 ? 0 : t == DType::Int32 ? -2147483648.0 : -9.2e18;
  const double hi = t == DType::Bool ? 1 : t == DType::UInt8 ? 255 : t == DType::Int32 ? 2147483647.0 : 9.2e18;
  NNLITE_CHECK(std::floor(fill) == fill && fill >= lo && fill <= hi, Value, op, ": fill value ", fill,
               " cannot be stored in a ", dtype_name(t), " image");
  switch (t) {
    case DType::Bool: put(static_cast<uint8_t>(fill != 0)); break;
    case DType::UInt8: put(static_cast<uint8_t>(fill)); break;
    case DType::Int32: put(static_cast<int32_t>(fill)); break;
    default: put(static_cast<int64_t>(fill)); break;
  }
  return b;
}

// Copy one row: `n` elements of `size` bytes, reversed when flipping.
template <size_t Size>
void copy_row(const uint8_t* src, uint8_t* dst, int64_t n, bool reverse) {
  if (!reverse) {
    std::memcpy(dst, src, static_cast<size_t>(n) * Size);
    return;
  }
  for (int64_t i = 0; i < n; ++i) std::memcpy(dst + (n - 1 - i) * Size, src + i * Size, Size);
}

void copy_row_any(size_t size, const uint8_t* src, uint8_t* dst, int64_t n, bool reverse) {
  switch (size) {
    case 1: copy_row<1>(src, dst, n, reverse); break;
    case 4: copy_row<4>(src, dst, n, reverse); break;
    default: copy_row<8>(src, dst, n, reverse); break;
  }
}

}  // namespace

Tensor crop_flip(const Tensor& img, int64_t top, int64_t left, int64_t h, int64_t w, bool flip, double fill) {
  check_image(img, "crop");
  NNLITE_CHECK(h > 0 && w > 0, Value, "crop: the output size must be positive, got ", h, "x", w);
  const Tensor src = img.contiguous();
  const int64_t H = src.size(-2), W = src.size(-1);
  Shape shape = src.shape();
  shape[shape.size() - 2] = h;
  shape[shape.size() - 1] = w;
  Tensor out = empty(shape, src.dtype());
  const size_t sz = src.itemsize();
  const std::vector<uint8_t> pad = fill_bytes(src.dtype(), fill, "crop");
  int64_t planes = 1;
  for (int64_t d = 0; d + 2 < src.dim(); ++d) planes *= src.size(d);
  // Columns of the output row that come from the image: the source columns
  // left + x for x in [x0, x1), the rest is fill. A flip mirrors the output row.
  const int64_t x0 = std::clamp<int64_t>(-left, 0, w), x1 = std::clamp<int64_t>(W - left, x0, w);
  const auto* in = static_cast<const uint8_t*>(src.data_ptr());
  auto* o = static_cast<uint8_t*>(out.data_ptr());
  std::vector<uint8_t> fill_row(static_cast<size_t>(w) * sz);
  for (int64_t x = 0; x < w; ++x) std::memcpy(fill_row.data() + x * sz, pad.data(), sz);
  for (int64_t p = 0; p < planes; ++p) {
    for (int64_t y = 0; y < h; ++y) {
      uint8_t* row = o + ((p * h + y) * w) * sz;
      const int64_t sy = top + y;
      std::memcpy(row, fill_row.data(), fill_row.size());
      if (sy < 0 || sy >= H || x1 <= x0) continue;
      const uint8_t* srow = in + ((p * H + sy) * W + left + x0) * sz;
      // Flipped, source column left + x lands at output column w - 1 - x.
      uint8_t* dst = flip ? row + (w - x1) * sz : row + x0 * sz;
      copy_row_any(sz, srow, dst, x1 - x0, flip);
    }
  }
  return out;
}

namespace {

struct Tap {
  int64_t i0, i1;
  double w1;  // weight of i1; i0 gets 1 - w1
};

// Source taps of each output coordinate, half-pixel centres, clamped at the
// borders the way torch does for align_corners=False.
std::vector<Tap> taps(int64_t in, int64_t out) {
  std::vector<Tap> t(static_cast<size_t>(out));
  const double scale = static_cast<double>(in) / static_cast<double>(out);
  for (int64_t i = 0; i < out; ++i) {
    double s = std::max((static_cast<double>(i) + 0.5) * scale - 0.5, 0.0);
    int64_t i0 = std::min(static_cast<int64_t>(s), in - 1);
    int64_t i1 = std::min(i0 + 1, in - 1);
    t[i] = {i0, i1, s - static_cast<double>(i0)};
  }
  return t;
}

template <typename T>
void resize_planes(const T* in, T* out, int64_t planes, int64_t H, int64_t W, int64_t h, int64_t w) {
  const std::vector<Tap> ty = taps(H, h), tx = taps(W, w);
  for (int64_t p = 0; p < planes; ++p) {
    const T* plane = in + p * H * W;
    for (int64_t y = 0; y < h; ++y) {
      const T* r0 = plane + ty[y].i0 * W;
      const T* r1 = plane + ty[y].i1 * W;
      const double wy = ty[y].w1;
      T* dst = out + (p * h + y) * w;
      for (int64_t x = 0; x < w; ++x) {
        const Tap& c = tx[x];
        const double top = r0[c.i0] + (static_cast<double>(r0[c.i1]) - r0[c.i0]) * c.w1;
        const double bot = r1[c.i0] + (static_cast<double>(r1[c.i1]) - r1[c.i0]) * c.w1;
        const double v = top + (bot - top) * wy;
        if constexpr (std::is_same_v<T, uint8_t>)
          dst[x] = static_cast<uint8_t>(std::clamp(std::nearbyint(v), 0.0, 255.0));
        else
          dst[x] = static_cast<T>(v);
      }
    }
  }
}

}  // namespace

Tensor resize_bilinear(const Tensor& img, int64_t h, int64_t w) {
  check_image(img, "resize");
  NNLITE_CHECK(h > 0 && w > 0, Value, "resize: the output size must be positive, got ", h, "x", w);
  const DType t = img.dtype();
  NNLITE_CHECK(t == DType::UInt8 || t == DType::Float32 || t == DType::Float64, Type,
               "resize: expected a uint8, float32 or float64 image, got ", dtype_name(t));
  const Tensor src = img.contiguous();
  const int64_t H = src.size(-2), W = src.size(-1);
  NNLITE_CHECK(H > 0 && W > 0, Value, "resize: cannot resize an empty image of shape ", shape_str(src.shape()));
  Shape shape = src.shape();
  shape[shape.size() - 2] = h;
  shape[shape.size() - 1] = w;
  Tensor out = empty(shape, t);
  const int64_t planes = src.numel() / (H * W);
  if (t == DType::UInt8) resize_planes(src.data<uint8_t>(), out.data<uint8_t>(), planes, H, W, h, w);
  else if (t == DType::Float32) resize_planes(src.data<float>(), out.data<float>(), planes, H, W, h, w);
  else resize_planes(src.data<double>(), out.data<double>(), planes, H, W, h, w);
  return out;
}

}  // namespace nnlite::data
