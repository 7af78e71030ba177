// Classify images with a model exported from Python:
//
//   nnlite.export(model, example_batch, "model.nnlg")          # Python
//   classify [--mean M[,M,M]] [--std S[,S,S]] [--logits] model.nnlg IMAGE...
//
// Each IMAGE is a binary PGM (P5, grey) or PPM (P6, colour) file with 8-bit
// samples, all of the same size and kind; see README.md. The pixels are
// scaled to [0, 1] and standardised per channel as (x - mean) / std (what
// ToTensor and Normalize do in Python), the images run through the graph as
// one batch, and each line of output is "IMAGE CLASS" (the index of the
// largest output), followed by the outputs themselves with --logits.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nnlite/graph.h>
#include <nnlite/nnlite.h>

#include "pnm.h"

using nnlite::Tensor;

namespace {

struct Options {
  std::vector<double> mean, std;
  bool logits = false;
  std::string graph;
  std::vector<std::string> images;
};

std::vector<double> numbers(const std::string& text, const char* flag) {
  std::vector<double> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0') throw std::runtime_error(std::string(flag) + ": not a number: '" + item + "'");
    out.push_back(v);
  }
  return out;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--mean" || a == "--std") && i + 1 < argc) {
      (a == "--mean" ? o.mean : o.std) = numbers(argv[++i], a.c_str());
    } else if (a == "--logits") {
      o.logits = true;
    } else if (!a.empty() && a[0] == '-') {
      throw std::invalid_argument("unknown option " + a);
    } else if (o.graph.empty()) {
      o.graph = a;
    } else {
      o.images.push_back(a);
    }
  }
  if (o.graph.empty() || o.images.empty()) throw std::invalid_argument("give a graph file and at least one image");
  return o;
}

// A per-channel constant [1, C, 1, 1] from one value or one per channel.
Tensor per_channel(const std::vector<double>& v, int64_t channels, const char* what) {
  if (v.size() != 1 && static_cast<int64_t>(v.size()) != channels)
    throw std::runtime_error(std::string(what) + ": give 1 or " + std::to_string(channels) + " values");
  std::vector<double> values(static_cast<size_t>(channels), v[0]);
  if (v.size() != 1) values = v;
  return nnlite::tensor(values, nnlite::dtype(nnlite::kFloat32)).view({1, channels, 1, 1});
}

// uint8 [N, C, H, W] -> float32 in [0, 1], standardised per channel when asked.
Tensor preprocess(const Tensor& images, const Options& o) {
  Tensor x = images.to(nnlite::kFloat32) * (1.0 / 255.0);
  const int64_t channels = images.size(1);
  if (!o.mean.empty()) x = x - per_channel(o.mean, channels, "--mean");
  if (!o.std.empty()) x = x * (1.0 / per_channel(o.std, channels, "--std"));
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  try {
    opts = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "classify: " << e.what() << "\nusage: classify [--mean M[,M,M]] [--std S[,S,S]] [--logits] "
              << "GRAPH IMAGE...\n";
    return 2;
  }
  try {
    nnlite::Graph graph = nnlite::load_graph(opts.graph);
    nnlite::TensorList images;
    for (const std::string& path : opts.images) images.push_back(read_pnm(path));
    Tensor batch = nnlite::stack(images, 0);  // [N, C, H, W]; sizes must agree
    Tensor out = graph.run({preprocess(batch, opts)}).at(0);
    if (out.dim() != 2 || out.size(0) != batch.size(0))
      throw std::runtime_error("the graph gave outputs of shape " + nnlite::shape_str(out.sizes()) +
                               ", expected [images, classes]");
    Tensor classes = nnlite::argmax(out, 1);
    Tensor scores = out.to(nnlite::kFloat64).contiguous();
    const double* score = scores.data_ptr<double>();
    for (size_t i = 0; i < opts.images.size(); ++i) {
      const auto row = static_cast<int64_t>(i);
      std::printf("%s %lld", opts.images[i].c_str(), static_cast<long long>(classes[row].item<int64_t>()));
      if (opts.logits)
        for (int64_t k = 0; k < out.size(1); ++k) std::printf(" %.9g", score[row * out.size(1) + k]);
      std::printf("\n");
    }
  } catch (const std::exception& e) {
    std::cerr << "classify: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
