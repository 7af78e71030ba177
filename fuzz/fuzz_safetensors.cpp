// libFuzzer harness: the safetensors reader (nnlite.load's format) on any bytes.
#include "fuzz_common.h"
#include "nnlite/io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nnlite::fuzz::expect_clean([&] {
    nnlite::io::Metadata meta;
    nnlite::io::TensorMap tensors = nnlite::io::load_from_bytes(data, size, &meta, "fuzz.safetensors");
    // What loaded must be readable to its last byte (ASan checks the bounds).
    for (auto& [name, t] : tensors) {
      const auto* p = static_cast<const volatile uint8_t*>(t.data_ptr());
      const size_t n = t.numel() * t.itemsize();
      if (n > 0) (void)p[0], (void)p[n - 1];
    }
  });
  return 0;
}
