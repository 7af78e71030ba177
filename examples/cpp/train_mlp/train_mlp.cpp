// Train a 784-512-256-10 MLP on MNIST with nnlite's C++ API and print the
// test accuracy. The recipe is nnlite's Python one for MNIST
// (python/nnlite/models/training.py): standardised inputs, SGD with Nesterov
// momentum 0.9, lr 0.05, weight decay 5e-4, label smoothing 0.1, batch 64,
// dropout 0.2, one warm-up epoch from lr/10 then cosine decay to zero.
//
//   train_mlp DATA_DIR [--epochs N] [--seed S]
//
// DATA_DIR holds the four MNIST IDX files, raw or .gz (the 5,000-image subset
// that the Python package ships as nnlite/data/mnist-5k works).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include <nnlite/nnlite.h>

namespace fs = std::filesystem;
using nnlite::Tensor;
namespace nn = nnlite::nn;
namespace optim = nnlite::optim;

namespace {

constexpr double kMean = 0.1307, kStd = 0.3081;  // of the MNIST training images

Tensor read_idx_file(const fs::path& dir, const std::string& stem) {
  for (const fs::path& p : {dir / stem, dir / (stem + ".gz")})
    if (fs::is_regular_file(p)) return nnlite::io::read_idx(p.string());
  throw std::runtime_error("'" + stem + "' (or '" + stem + ".gz') not found in '" + dir.string() + "'");
}

// images uint8 [N, 28, 28] -> standardised float32 [N, 784]; labels uint8 [N] -> int64 [N].
std::pair<Tensor, Tensor> load_split(const fs::path& dir, const std::string& prefix) {
  Tensor images = read_idx_file(dir, prefix + "-images-idx3-ubyte");
  Tensor labels = read_idx_file(dir, prefix + "-labels-idx1-ubyte");
  if (images.dim() != 3 || labels.dim() != 1 || images.size(0) != labels.size(0))
    throw std::runtime_error("unexpected MNIST shapes " + nnlite::shape_str(images.sizes()) + " and " +
                             nnlite::shape_str(labels.sizes()));
  Tensor x = (images.to(nnlite::kFloat32) / 255.0 - kMean) / kStd;
  return {x.reshape({images.size(0), -1}), labels.to(nnlite::kInt64)};
}

// Linear warm-up from lr/10 over `warmup` steps, then cosine decay to zero.
double learning_rate(double base, int64_t step, int64_t warmup, int64_t total) {
  if (step < warmup) return base * (0.1 + 0.9 * static_cast<double>(step) / static_cast<double>(warmup));
  const double t = static_cast<double>(step - warmup) / static_cast<double>(total - warmup);
  return base * 0.5 * (1 + std::cos(M_PI * t));
}

double accuracy(nn::Module& model, const Tensor& x, const Tensor& y) {
  nnlite::NoGradGuard no_grad;
  model.eval();
  Tensor predicted = nnlite::argmax(model(x), 1);
  return nnlite::mean(nnlite::eq(predicted, y).to(nnlite::kFloat32)).item<double>();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " DATA_DIR [--epochs N] [--seed S]\n";
    return 2;
  }
  int64_t epochs = 15, batch_size = 64;
  uint64_t seed = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string opt = argv[i];
    if (opt == "--epochs") {
      epochs = std::atoll(argv[i + 1]);
    } else if (opt == "--seed") {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      std::cerr << "unknown option " << opt << "\n";
      return 2;
    }
  }
  try {
    const fs::path dir = argv[1];
    auto [x_train, y_train] = load_split(dir, "train");
    auto [x_test, y_test] = load_split(dir, "t10k");
    std::cout << "MNIST: " << x_train.size(0) << " training and " << x_test.size(0) << " test images\n";

    nnlite::manual_seed(seed);
    // Braces build the layers left to right (the order Python draws their initial weights in).
    nn::Sequential model{nn::Linear(784, 512), nn::ReLU(), nn::Dropout(0.2), nn::Linear(512, 256), nn::ReLU(),
                         nn::Dropout(0.2), nn::Linear(256, 10)};
    nn::CrossEntropyLoss loss_fn({Tensor(), -100, nnlite::Reduction::Mean, /*label_smoothing=*/0.1});
    const double base_lr = 0.05;
    optim::SGD optimizer(model.parameters(),
                         optim::SGDOptions(base_lr).momentum(0.9).weight_decay(5e-4).nesterov(true));

    const int64_t n = x_train.size(0);
    const int64_t steps_per_epoch = (n + batch_size - 1) / batch_size;
    const int64_t total = epochs * steps_per_epoch;
    int64_t step = 0;
    for (int64_t epoch = 1; epoch <= epochs; ++epoch) {
      model.train();
      Tensor order = nnlite::randperm(n, nnlite::dtype(nnlite::kInt64));
      double loss_sum = 0;
      for (int64_t start = 0; start < n; start += batch_size) {
        Tensor idx = order.slice(0, start, start + batch_size);
        Tensor xb = nnlite::index_select(x_train, 0, idx);
        Tensor yb = nnlite::index_select(y_train, 0, idx);
        optimizer.set_lr(learning_rate(base_lr, step++, steps_per_epoch, total));
        optimizer.zero_grad();
        Tensor loss = loss_fn(model(xb), yb);
        loss.backward();
        optimizer.step();
        loss_sum += loss.item<double>() * static_cast<double>(idx.size(0));
      }
      std::printf("epoch %2lld  loss %.4f  test accuracy %.4f\n", static_cast<long long>(epoch),
                  loss_sum / static_cast<double>(n), accuracy(model, x_test, y_test));
    }
    std::printf("test accuracy: %.4f\n", accuracy(model, x_test, y_test));
  } catch (const std::exception& e) {
    std::cerr << "train_mlp: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
