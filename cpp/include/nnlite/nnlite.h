// The umbrella header of nnlite's C++ API. Headers under nnlite/detail/ are
// engine internals that the public ones need for inline code; do not use them.
#pragma once
#include "nnlite/autograd.h"
#include "nnlite/custom_function.h"
#include "nnlite/data.h"
#include "nnlite/device.h"
#include "nnlite/dtype.h"
#include "nnlite/error.h"
#include "nnlite/export.h"
#include "nnlite/graph.h"
#include "nnlite/io.h"
#include "nnlite/nn.h"
#include "nnlite/ops.h"
#include "nnlite/optim.h"
#include "nnlite/options.h"
#include "nnlite/random.h"
#include "nnlite/scalar.h"
#include "nnlite/shape.h"
#include "nnlite/tensor.h"

namespace nnlite {
const char* version();
const char* simd_level();  // the CPU kernel set chosen at run time: avx512, avx2 or generic
int get_num_threads();
void set_num_threads(int n);
}  // namespace nnlite
