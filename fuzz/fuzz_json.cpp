// libFuzzer harness: the JSON parser under safetensors headers and graph
// files. The first byte picks whether NaN/Infinity literals are allowed.
#include <string>

#include "fuzz_common.h"
#include "io/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool nonfinite = data[0] & 1;
  const char* text = reinterpret_cast<const char*>(data + 1);
  nnlite::fuzz::expect_clean([&] {
    nnlite::io::json::Value v = nnlite::io::json::parse(text, size - 1, "fuzz.json", nonfinite);
    // Writing back every string must work (the parser promises valid UTF-8).
    std::string out;
    if (v.is_string()) nnlite::io::json::write_string(out, v.as_string());
    for (const auto& m : v.is_object() ? v.members() : std::vector<nnlite::io::json::Value::Member>{})
      nnlite::io::json::write_string(out, m.first);
  });
  return 0;
}
