// The replay driver the test suite builds with any C++ compiler (no clang or
// libFuzzer needed): every harness is compiled with its entry point renamed
// (-DLLVMFuzzerTestOneInput=fuzz_<name>) and this main feeds it each file of
// the corpora named on the command line.
//   replay <harness> <file or directory>...
// Prints "<harness>: N inputs" and exits 0; a crash, a sanitizer report or an
// exception other than nnlite::Error ends it otherwise.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#define NNLITE_HARNESSES(X) X(safetensors) X(json) X(graph) X(idx) X(cifar) X(loader)
#define NNLITE_DECLARE(name) extern "C" int fuzz_##name(const uint8_t* data, size_t size);
NNLITE_HARNESSES(NNLITE_DECLARE)

int main(int argc, char** argv) {
  using Entry = int (*)(const uint8_t*, size_t);
#define NNLITE_ENTRY(name) {#name, &fuzz_##name},
  const std::map<std::string, Entry> entries{NNLITE_HARNESSES(NNLITE_ENTRY)};
  if (argc < 2 || !entries.count(argv[1])) {
    std::fprintf(stderr, "usage: replay {safetensors|json|graph|idx|cifar|loader} <file or directory>...\n");
    return 2;
  }
  const Entry run = entries.at(argv[1]);
  std::vector<std::filesystem::path> files;
  for (int i = 2; i < argc; ++i) {
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& e : std::filesystem::directory_iterator(argv[i]))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.emplace_back(argv[i]);
    }
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "%s\n", f.c_str());  // the input in hand, should it crash
    run(bytes.data(), bytes.size());
  }
  std::printf("%s: %zu inputs\n", argv[1], files.size());
  return 0;
}
