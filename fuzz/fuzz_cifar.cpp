// libFuzzer harness: CIFAR binary batches; the first byte picks CIFAR-10 or -100.
#include "fuzz_common.h"
#include "nnlite/io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto kind = data[0] & 1 ? nnlite::io::CifarKind::Cifar100 : nnlite::io::CifarKind::Cifar10;
  nnlite::fuzz::expect_clean([&] { (void)nnlite::io::parse_cifar(data + 1, size - 1, kind, "fuzz.bin"); });
  return 0;
}
