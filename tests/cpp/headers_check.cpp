// Compiled by tests/test_cpp_api.py with -Wall -Wextra -pedantic -Werror in
// C++17 and C++20: the public headers must compile cleanly, and the API's
// documented spellings (modules by value, fluent Options, loss Options aggregates, C++20
// designated initializers) must stay valid.
#include <nnlite/nnlite.h>

namespace nn = nnlite::nn;
namespace optim = nnlite::optim;

int main() {
  nn::Sequential model{nn::Conv2d(1, 4, 3, 1, "same"), nn::BatchNorm2d(4), nn::ReLU(), nn::MaxPool2d(2),
                       nn::Flatten(), nn::Linear(4 * 14 * 14, 10)};
  model.push_back(std::make_shared<nn::Dropout>(0.1));
  nn::CrossEntropyLoss loss_fn({nnlite::Tensor(), -100, nnlite::Reduction::Mean, 0.1});
  optim::SGD sgd(model.parameters(), {0.05, 0.9, 0, 5e-4, true});
  // libtorch's fluent Options.
  nn::Sequential fluent{nn::Conv2d(nn::Conv2dOptions(1, 4, 3).stride(1).padding("same").bias(false)),
                        nn::BatchNorm2d(nn::BatchNorm2dOptions(4).momentum(std::nullopt).eps(1e-3)),
                        nn::MaxPool2d(nn::MaxPool2dOptions(2).stride(2)), nn::Flatten(nn::FlattenOptions().start_dim(1)),
                        nn::Linear(nn::LinearOptions(4 * 14 * 14, 10).bias(false))};
  optim::SGD fluent_sgd(fluent.parameters(), optim::SGDOptions(0.1).momentum(0.9).weight_decay(5e-4));
  optim::Adam fluent_adam(fluent.parameters(), optim::AdamOptions(1e-3).betas({0.9, 0.99}).amsgrad(true));
#if __cplusplus >= 202002L
  optim::Adam adam(model.parameters(), optim::AdamOptions(1e-3).weight_decay(1e-4));
  nn::MSELoss mse({.reduction = nnlite::Reduction::Sum});
#endif
  return static_cast<int>(model.parameters().size()) == 0;
}
