// libFuzzer harness: IDX files (MNIST's format), raw from memory and, through
// a file, gzip-compressed (read_idx recognises the gzip magic).
#include <unistd.h>

#include <cstdio>
#include <string>

#include "fuzz_common.h"
#include "nnlite/io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nnlite::fuzz::expect_clean([&] { (void)nnlite::io::parse_idx(data, size, "fuzz.idx"); });
  if (size >= 2 && data[0] == 0x1F && data[1] == 0x8B) {
    static const std::string path = "/tmp/nnlite-fuzz-idx-" + std::to_string(getpid()) + ".gz";
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return 0;
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    nnlite::fuzz::expect_clean([&] { (void)nnlite::io::read_idx(path); });
    std::remove(path.c_str());
  }
  return 0;
}
