// libFuzzer harness: the graph loader, then a run of the loaded graph on
// zero inputs of the shapes it was exported with (a graph file may still be
// refused at run time, with nnlite::Error).
#include "fuzz_common.h"
#include "nnlite/graph.h"
#include "nnlite/ops.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nnlite::fuzz::expect_clean([&] {
    nnlite::Graph g = nnlite::parse_graph(data, size, "fuzz.nnlg");
    nnlite::TensorList inputs;
    for (const auto& in : g.inputs()) {
      int64_t n = 1;
      for (int64_t d : in.example_shape) n *= d < 0 ? 0 : d;
      if (n > (1 << 16) || static_cast<int64_t>(in.example_shape.size()) != in.rank) return;  // a run, not a soak
      inputs.push_back(nnlite::zeros(in.example_shape, in.dtype));
    }
    (void)g.run(inputs);
  });
  return 0;
}
