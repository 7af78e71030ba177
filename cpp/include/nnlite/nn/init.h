// nn::init: PyTorch's weight initialisations, in place and without history
// (python/nnlite/nn/init.py computes the same bounds, so with the same seed
// both APIs draw the same numbers). `gen` null means the default generator.
#pragma once
#include <optional>
#include <string>

#include "nnlite/random.h"
#include "nnlite/tensor.h"

namespace nnlite::nn::init {

enum class FanMode { FanIn, FanOut };

// The recommended gain for an activation: "linear", "conv2d", "sigmoid" (1),
// "tanh" (5/3), "relu" (sqrt 2), "leaky_relu" (sqrt(2 / (1 + slope^2)),
// slope 0.01 unless given), "selu" (3/4).
double calculate_gain(const std::string& nonlinearity, std::optional<double> param = std::nullopt);
// fan_in = size(1) * receptive field, fan_out = size(0) * receptive field.
std::pair<int64_t, int64_t> calculate_fan_in_and_fan_out(const Tensor& t);

Tensor& uniform_(Tensor& t, double a = 0.0, double b = 1.0, Generator* gen = nullptr);
Tensor& normal_(Tensor& t, double mean = 0.0, double std = 1.0, Generator* gen = nullptr);
Tensor& constant_(Tensor& t, double value);
Tensor& ones_(Tensor& t);
Tensor& zeros_(Tensor& t);
Tensor& xavier_uniform_(Tensor& t, double gain = 1.0, Generator* gen = nullptr);
Tensor& xavier_normal_(Tensor& t, double gain = 1.0, Generator* gen = nullptr);
// Zero-element tensors are left alone (Python warns and does the same).
Tensor& kaiming_uniform_(Tensor& t, double a = 0, FanMode mode = FanMode::FanIn,
                         const std::string& nonlinearity = "leaky_relu", Generator* gen = nullptr);
Tensor& kaiming_normal_(Tensor& t, double a = 0, FanMode mode = FanMode::FanIn,
                        const std::string& nonlinearity = "leaky_relu", Generator* gen = nullptr);

// The default initialisations of the layers (PyTorch's), shared by both nn
// APIs: weight kaiming_uniform_(a = sqrt(5)), i.e. U(-1/sqrt(fan_in),
// 1/sqrt(fan_in)), and the bias (when defined) from the same bound. Linear's
// bias bound is 0 when fan_in is 0; the convolutions then leave the bias alone.
void reset_linear_(Tensor& weight, Tensor& bias, Generator* gen = nullptr);
void reset_conv_(Tensor& weight, Tensor& bias, Generator* gen = nullptr);
// Normalization affine parameters: weight ones, bias zeros (either may be undefined).
void reset_affine_(Tensor& weight, Tensor& bias);
// BatchNorm's running statistics: mean 0, variance 1, no batches tracked (undefined ones are skipped).
void reset_running_stats_(Tensor& running_mean, Tensor& running_var, Tensor& num_batches_tracked);

}  // namespace nnlite::nn::init
