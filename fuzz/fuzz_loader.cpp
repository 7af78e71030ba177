// libFuzzer harness: the native loader's batch assembly. The bytes choose the
// sources' shapes and dtypes, the image augmentation (crop window, padding,
// flip, lookup table, fill), the sample order and the batching; some choices
// are invalid on purpose (sizes 0, negative pads, wrong table shapes, indices
// out of range), which must be refused with nnlite::Error before any batch is
// assembled.
#include <cstring>
#include <optional>

#include "fuzz_common.h"
#include "nnlite/data.h"
#include "nnlite/ops.h"

namespace {

// Bytes in order; 0 once they run out.
struct Bytes {
  const uint8_t* p;
  size_t n;
  int take() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  int small(int mod, int offset = 0) { return take() % mod + offset; }
};

// A tensor of `shape` whose bytes come from the input (then zeros).
nnlite::Tensor filled(Bytes& b, const nnlite::Shape& shape, nnlite::DType dtype) {
  nnlite::Tensor t = nnlite::zeros(shape, dtype);
  auto* out = static_cast<uint8_t*>(t.data_ptr());
  const size_t n = t.numel() * t.itemsize();
  for (size_t i = 0; i < n && b.n > 0; ++i) out[i] = static_cast<uint8_t>(b.take());
  if (dtype == nnlite::DType::Float32 || dtype == nnlite::DType::Float64) t = nnlite::nan_to_num(t, 0.0, 0.0, 0.0);
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes b{data, size};
  using nnlite::DType;
  nnlite::fuzz::expect_clean([&] {
    const int64_t N = b.small(4, 1), C = b.small(3, 1), H = b.small(8, 1), W = b.small(8, 1);
    std::vector<nnlite::data::Field> fields(2);
    fields[0].source = filled(b, {N, C, H, W}, b.take() & 1 ? DType::UInt8 : DType::Float32);
    if (b.take() & 1) {
      nnlite::data::ImageAugment a;
      a.out_h = b.small(10);
      a.out_w = b.small(10);
      a.random_crop = b.take() & 1;
      a.pad_top = b.small(6, -1), a.pad_left = b.small(6, -1), a.pad_bottom = b.small(6, -1), a.pad_right = b.small(6, -1);
      a.top = b.small(12, -4), a.left = b.small(12, -4);
      a.has_flip = b.take() & 1;
      a.flip_p = b.small(5) / 4.0;
      const DType lut_dtype = b.take() & 1 ? DType::UInt8 : DType::Float32;
      const int64_t lut_c = b.take() % 8 == 0 ? C + 1 : C;  // sometimes the wrong channel count
      a.lut = filled(b, {lut_c, b.take() % 8 == 0 ? 255 : 256}, lut_dtype);
      a.fill = filled(b, {C}, b.take() % 8 == 0 ? DType::Float64 : lut_dtype);
      fields[0].augment = a;
    }
    fields[1].source = filled(b, {b.take() % 8 == 0 ? N + 1 : N}, DType::Int64);
    const int64_t M = b.small(9);
    nnlite::Tensor order = nnlite::zeros({M}, DType::Int64);
    auto* idx = static_cast<int64_t*>(order.data_ptr());
    for (int64_t i = 0; i < M; ++i) idx[i] = b.small(static_cast<int>(N) + 2, -1);  // -1 and N are out of range
    const int64_t batch_size = b.small(5);
    const bool drop_last = b.take() & 1;
    const uint64_t seed = static_cast<uint64_t>(b.take());
    const int threads = b.small(2, 1), prefetch = b.small(3, 1);
    nnlite::data::BatchLoader loader(fields, order, batch_size, drop_last, seed, threads, prefetch,
                                     std::make_shared<nnlite::data::BufferPool>(2));
    while (std::optional<nnlite::TensorList> batch = loader.next()) {
      for (const nnlite::Tensor& t : *batch) {  // every byte of the batch must be readable
        const auto* p = static_cast<const volatile uint8_t*>(t.data_ptr());
        const size_t n = t.numel() * t.itemsize();
        if (n > 0) (void)p[0], (void)p[n - 1];
      }
    }
  });
  return 0;
}
