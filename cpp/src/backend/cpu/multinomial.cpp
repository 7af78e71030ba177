// Category draws (multinomial). Every row is checked before anything is
// drawn, then rows are drawn in order from one generator, so a seed gives the
// same draws whatever the thread count.
//  - with replacement: the row's cumulative weights (in double), then one
//    uniform u in [0, total) per draw and the first category whose cumulative
//    weight exceeds u (a binary search; zero-weight categories are never hit);
//  - without replacement: draw from the remaining weights by a linear scan,
//    then set the drawn weight to zero.
#include <algorithm>
#include <cmath>
#include <vector>

#include "backend/cpu/cpu_backend.h"
#include "backend/cpu/loops.h"

namespace nnlite::cpu {

using backend::MultinomialFault;

namespace {
// The last category with a positive weight: the draw when rounding puts u at
// the very end of the cumulative weights.
int64_t last_positive(const std::vector<double>& w) {
  for (int64_t c = static_cast<int64_t>(w.size()) - 1; c > 0; --c)
    if (w[c] > 0) return c;
  return 0;
}
}  // namespace

MultinomialFault CpuBackend::multinomial(const Tensor& probs, int64_t n, bool replacement, Tensor& out,
                                         Generator& g) {
  const int64_t R = probs.shape()[0], C = probs.shape()[1];
  std::vector<double> w(static_cast<size_t>(R * C));
  dispatch_float(probs.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = probs.data<T>();
    for (int64_t i = 0; i < R * C; ++i) w[i] = static_cast<double>(p[i]);
  });
  for (int64_t r = 0; r < R; ++r) {
    const double* row = w.data() + r * C;
    double total = 0;
    int64_t positive = 0;
    for (int64_t c = 0; c < C; ++c) {
      if (!(row[c] >= 0) || std::isinf(row[c])) return {MultinomialFault::BadValue, r};
      total += row[c];
      positive += row[c] > 0;
    }
    if (!(total > 0)) return {MultinomialFault::ZeroSum, r};
    if (!replacement && positive < n) return {MultinomialFault::TooFewCategories, r};
  }
  int64_t* o = out.data<int64_t>();
  std::vector<double> cdf(C);
  for (int64_t r = 0; r < R; ++r) {
    std::vector<double> row(w.begin() + r * C, w.begin() + (r + 1) * C);
    if (replacement) {
      double acc = 0;
      for (int64_t c = 0; c < C; ++c) cdf[c] = acc += row[c];
      for (int64_t s = 0; s < n; ++s) {
        const double u = g.next_double() * acc;
        int64_t c = std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin();
        o[r * n + s] = c < C ? c : last_positive(row);
      }
    } else {
      for (int64_t s = 0; s < n; ++s) {
        double total = 0;
        for (int64_t c = 0; c < C; ++c) total += row[c];
        const double u = g.next_double() * total;
        int64_t pick = -1;
        double acc = 0;
        for (int64_t c = 0; c < C && pick < 0; ++c)
          if (row[c] > 0 && (acc += row[c]) > u) pick = c;
        if (pick < 0) pick = last_positive(row);
        o[r * n + s] = pick;
        row[pick] = 0;
      }
    }
  }
  return {};
}

}  // namespace nnlite::cpu
