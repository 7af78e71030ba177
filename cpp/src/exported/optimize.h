// Graph optimisations for inference, applied by load_graph (unless asked not
// to) once every node is loaded and checked:
//  1. an eval-mode batch_norm whose input is a conv2d's or linear's output
//     read by nothing else is folded into that layer's weight and bias
//     (constants computed once, at load);
//  2. a conv2d or linear followed by an add of a residual and/or a relu,
//     each reading only the previous one's output, becomes one step that
//     applies them in place to the layer's output (backend/cpu/epilogue.h);
//     the bias is already added inside the layer's kernel.
// A fused step runs on one thread when its layer is too small to gain from
// threads (batch-1 inference), so no parallel region waits on a thread the
// scheduler took away.
#pragma once
#include "exported/program.h"

namespace nnlite::exported {

void optimize(Graph::Impl& g);

// FLOP below which a fused layer runs on one thread; the environment
// variable NNLITE_SERIAL_BELOW_FLOP, read when a graph loads, overrides it
// (for measuring the crossover on another machine; 0 turns it off).
constexpr double kSerialBelowFlop = 1.5e6;
double serial_below_flop();

}  // namespace nnlite::exported
