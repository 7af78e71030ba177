// The step that runs a conv2d or linear with its fused epilogue (see
// optimize.h): the layer's own kernel (bias inside it), then residual add and
// ReLU in one in-place pass over its fresh output.
#pragma once
#include "exported/program.h"

namespace nnlite::exported {

struct FusedSpec {
  int folded_rank = 0;     // a batch_norm was folded in: the output rank its channel dim assumed
  bool residual = false;   // the step's last input is added to the layer's output
  bool relu = false;
  size_t layer_inputs = 0; // the layer's own inputs come first
  double serial_below = 0; // the layer runs on one thread under this many FLOP
};

// A step running `layer` (conv2d or linear) with `spec`'s epilogue, reading
// `residual_slot` (when spec.residual) and writing `out_slot`.
Graph::Impl::Step make_fused_step(const Graph::Impl::Step& layer, const FusedSpec& spec, int residual_slot,
                                  int out_slot);

}  // namespace nnlite::exported
