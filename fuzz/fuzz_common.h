// Shared by the fuzz harnesses: the libFuzzer entry point's contract and the
// one rule every harness follows. A parser may reject hostile bytes only with
// nnlite::Error (a clear message); anything else (a crash, a sanitizer report,
// another exception, an allocation past libFuzzer's -malloc_limit_mb) is a
// finding. The same files build into libFuzzer binaries (clang, scripts/fuzz.sh)
// and into the gcc replay driver the test suite runs over the corpora.
#pragma once
#include <cstddef>
#include <cstdint>

#include "nnlite/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace nnlite::fuzz {

// Runs f, accepting nnlite::Error as the parser's answer to a bad input.
template <typename F>
void expect_clean(F f) {
  try {
    f();
  } catch (const nnlite::Error&) {
  }
}

}  // namespace nnlite::fuzz
