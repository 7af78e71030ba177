// Filling one batch: gather rows by index and, for the image field, crop,
// flip and map bytes through the lookup table. Called by BatchLoader's
// threads; touches nothing shared but the (read-only) sources.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "nnlite/data.h"

namespace nnlite::data {
namespace {

void check_augment(const Field& f, size_t i) {
  const ImageAugment& a = *f.augment;
  const Tensor& s = f.source;
  NNLITE_CHECK(s.dtype() == DType::UInt8 && s.dim() == 4, Value, "BatchLoader: field ", i,
               ": augmentation needs uint8 images [N, C, H, W], got shape ", shape_str(s.shape()), " of ",
               dtype_name(s.dtype()));
  const int64_t C = s.size(1), H = s.size(2), W = s.size(3);
  NNLITE_CHECK(a.out_h > 0 && a.out_w > 0, Value, "BatchLoader: field ", i, ": output size must be positive, got ",
               a.out_h, "x", a.out_w);
  NNLITE_CHECK(a.lut.defined() && a.lut.device().is_cpu() &&
                   (a.lut.dtype() == DType::Float32 || a.lut.dtype() == DType::UInt8),
               Type, "BatchLoader: field ", i, ": the lookup table must be a float32 or uint8 CPU tensor");
  NNLITE_CHECK(a.lut.dim() == 2 && a.lut.size(0) == C && a.lut.size(1) == 256, Value, "BatchLoader: field ", i,
               ": the lookup table must be [C, 256] = [", C, ", 256], got ", shape_str(a.lut.shape()));
  NNLITE_CHECK(a.fill.defined() && a.fill.dtype() == a.lut.dtype() && a.fill.dim() == 1 && a.fill.size(0) == C,
               Value, "BatchLoader: field ", i, ": fill must be a [", C, "] tensor of ", dtype_name(a.lut.dtype()));
  if (a.random_crop) {
    NNLITE_CHECK(a.pad_top >= 0 && a.pad_left >= 0 && a.pad_bottom >= 0 && a.pad_right >= 0, Value,
                 "BatchLoader: field ", i, ": padding must be non-negative");
    NNLITE_CHECK(H + a.pad_top + a.pad_bottom >= a.out_h && W + a.pad_left + a.pad_right >= a.out_w, Value,
                 "BatchLoader: field ", i, ": crop ", a.out_h, "x", a.out_w, " is larger than the padded image ",
                 H + a.pad_top + a.pad_bottom, "x", W + a.pad_left + a.pad_right);
  }
  NNLITE_CHECK(!a.has_flip || (a.flip_p >= 0 && a.flip_p <= 1), Value, "BatchLoader: field ", i,
               ": flip probability must be in [0, 1], got ", a.flip_p);
}

// One augmented image: src uint8 [C, H, W] -> dst OutT [C, oh, ow].
template <typename OutT>
void augment_one(const ImageAugment& a, const uint8_t* src, int64_t C, int64_t H, int64_t W, uint64_t seed,
                 OutT* dst) {
  const int64_t oh = a.out_h, ow = a.out_w;
  int64_t top = a.top, left = a.left;
  Generator g(seed);
  // Draw order: crop top, crop left, flip; the Python transforms draw the same.
  if (a.random_crop) {
    top = static_cast<int64_t>(uniform_below(g, static_cast<uint64_t>(H + a.pad_top + a.pad_bottom - oh + 1))) -
          a.pad_top;
    left = static_cast<int64_t>(uniform_below(g, static_cast<uint64_t>(W + a.pad_left + a.pad_right - ow + 1))) -
           a.pad_left;
  }
  const bool flip = a.has_flip && g.next_double() < a.flip_p;
  const int64_t x0 = std::clamp<int64_t>(-left, 0, ow), x1 = std::clamp<int64_t>(W - left, x0, ow);
  const OutT* lut = a.lut.data<OutT>();
  const OutT* fill = a.fill.data<OutT>();
  for (int64_t c = 0; c < C; ++c) {
    const OutT* table = lut + c * 256;
    const OutT pad = fill[c];
    for (int64_t y = 0; y < oh; ++y) {
      OutT* row = dst + (c * oh + y) * ow;
      const int64_t sy = top + y;
      if (sy < 0 || sy >= H || x1 <= x0) {
        std::fill(row, row + ow, pad);
        continue;
      }
      const uint8_t* s = src + (c * H + sy) * W;  // source row sy
      if (!flip) {
        std::fill(row, row + x0, pad);
        for (int64_t x = x0; x < x1; ++x) row[x] = table[s[left + x]];
        std::fill(row + x1, row + ow, pad);
      } else {  // output column x shows source column left + ow - 1 - x
        std::fill(row, row + (ow - x1), pad);
        for (int64_t x = ow - x1; x < ow - x0; ++x) row[x] = table[s[left + ow - 1 - x]];
        std::fill(row + (ow - x0), row + ow, pad);
      }
    }
  }
}

}  // namespace

void check_fields(std::vector<Field>& fields) {
  NNLITE_CHECK(!fields.empty(), Value, "BatchLoader: needs at least one field");
  int augmented = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    Field& f = fields[i];
    NNLITE_CHECK(f.source.defined(), Value, "BatchLoader: field ", i, " is undefined");
    NNLITE_CHECK(f.source.device().is_cpu(), Value, "BatchLoader: field ", i, " is on ", f.source.device().str(),
                 "; the native loader reads CPU tensors");
    NNLITE_CHECK(f.source.dim() >= 1, Value, "BatchLoader: field ", i, " is 0-d; it needs a sample dimension");
    NNLITE_CHECK(f.source.size(0) == fields[0].source.size(0), Value, "BatchLoader: field ", i, " has ",
                 f.source.size(0), " samples, field 0 has ", fields[0].source.size(0));
    f.source = f.source.contiguous();
    if (f.augment) {
      ++augmented;
      check_augment(f, i);
      f.augment->lut = f.augment->lut.contiguous();
      f.augment->fill = f.augment->fill.contiguous();
    }
  }
  NNLITE_CHECK(augmented <= 1, Value, "BatchLoader: at most one field can be augmented, got ", augmented);
}

Shape field_batch_shape(const Field& f, int64_t rows) {
  Shape s = f.source.shape();
  s[0] = rows;
  if (f.augment) {
    s[2] = f.augment->out_h;
    s[3] = f.augment->out_w;
  }
  return s;
}

DType field_batch_dtype(const Field& f) { return f.augment ? f.augment->lut.dtype() : f.source.dtype(); }

void fill_batch(const std::vector<Field>& fields, const int64_t* idx, int64_t rows, uint64_t base_seed,
                int64_t position0, const TensorList& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    const Tensor& s = f.source;
    if (!f.augment) {
      // Plain gather: each sample is one contiguous run of bytes.
      const size_t row = s.size(0) == 0 ? 0 : static_cast<size_t>(s.numel() / s.size(0)) * s.itemsize();
      const auto* in = static_cast<const uint8_t*>(s.data_ptr());
      auto* o = static_cast<uint8_t*>(out[i].data_ptr());
      for (int64_t j = 0; j < rows; ++j) std::memcpy(o + j * row, in + idx[j] * row, row);
      continue;
    }
    const int64_t C = s.size(1), H = s.size(2), W = s.size(3);
    const int64_t in_img = C * H * W, out_img = C * f.augment->out_h * f.augment->out_w;
    const uint8_t* in = s.data<uint8_t>();
    for (int64_t j = 0; j < rows; ++j) {
      const uint64_t seed = sample_seed(base_seed, static_cast<uint64_t>(position0 + j));
      if (f.augment->lut.dtype() == DType::Float32)
        augment_one(*f.augment, in + idx[j] * in_img, C, H, W, seed, out[i].data<float>() + j * out_img);
      else
        augment_one(*f.augment, in + idx[j] * in_img, C, H, W, seed, out[i].data<uint8_t>() + j * out_img);
    }
  }
}

}  // namespace nnlite::data
