// See optimize.h. Slots are rewired, never renamed: a fused step writes the
// slot the last absorbed node wrote, so later steps and the graph's outputs
// read it unchanged.
#include "exported/optimize.h"

#include <algorithm>
#include <cstdlib>

#include "exported/fused_step.h"
#include "nnlite/ops.h"
#include "ops/fold_batch_norm.h"

namespace nnlite::exported {
namespace {

using Step = Graph::Impl::Step;

bool is_layer(const Step& s) { return s.op == "conv2d" || s.op == "linear"; }

// Per slot: how many step inputs and graph outputs read it.
std::vector<int> readers(const Graph::Impl& g) {
  std::vector<int> n(g.initial.size(), 0);
  for (const Step& s : g.steps)
    for (int slot : s.inputs)
      if (slot >= 0) ++n[static_cast<size_t>(slot)];
  for (int slot : g.output_slots) ++n[static_cast<size_t>(slot)];
  return n;
}

// The one step after `from` reading `slot`, or -1.
int reader_of(const Graph::Impl& g, int slot, size_t from) {
  for (size_t s = from + 1; s < g.steps.size(); ++s)
    for (int in : g.steps[s].inputs)
      if (in == slot) return static_cast<int>(s);
  return -1;
}

// A pointer into g.initial: valid until the next add_constant.
const Tensor* constant(const Graph::Impl& g, int slot) {
  if (slot < 0 || !g.initial[static_cast<size_t>(slot)].defined()) return nullptr;
  return &g.initial[static_cast<size_t>(slot)];
}

int add_constant(Graph::Impl& g, Tensor t) {
  g.initial.push_back(std::move(t));
  return static_cast<int>(g.initial.size()) - 1;
}

double number_attr(const Step& s, const char* key, double fallback) {
  const io::json::Value* j = s.attrs.is_object() ? s.attrs.find(key) : nullptr;
  return j && j->is_number() ? j->as_double() : fallback;
}

bool bool_attr(const Step& s, const char* key, bool fallback) {
  const io::json::Value* j = s.attrs.is_object() ? s.attrs.find(key) : nullptr;
  return j && j->is_bool() ? j->as_bool() : fallback;
}

// Folds an eval-mode batch_norm into the layer before it (ops/fold_batch_norm.h).
// False when the operands do not fit (then the batch_norm stays and reports
// any error at run time).
bool fold(Graph::Impl& g, Step& layer, const Step& bn) {
  const Tensor* w = constant(g, layer.inputs[1]);
  const Tensor* b = layer.inputs.size() > 2 ? constant(g, layer.inputs[2]) : nullptr;
  if (!w || (layer.inputs.size() > 2 && layer.inputs[2] >= 0 && !b)) return false;
  if (w->dtype() != DType::Float32 && w->dtype() != DType::Float64) return false;
  const int64_t K = w->dim() >= 1 ? w->size(0) : 0;
  const Tensor* stats[4] = {};  // mean, var, gamma?, beta?
  for (size_t i = 0; i < 4; ++i) {
    const int slot = i + 1 < bn.inputs.size() ? bn.inputs[i + 1] : -1;
    stats[i] = constant(g, slot);
    if (slot >= 0 && !stats[i]) return false;  // a computed statistic: not foldable
    if (stats[i] && (stats[i]->dim() != 1 || stats[i]->size(0) != K || stats[i]->dtype() != w->dtype())) return false;
  }
  if (!stats[0] || !stats[1] || bool_attr(bn, "training", false)) return false;
  if (b && (b->dim() != 1 || b->size(0) != K || b->dtype() != w->dtype())) return false;
  auto or_none = [](const Tensor* t) { return t ? *t : Tensor(); };
  auto [w_folded, b_folded] = fold_batch_norm(*w, or_none(b), *stats[0], *stats[1], or_none(stats[2]),
                                              or_none(stats[3]), number_attr(bn, "eps", 1e-5));
  // Folded before add_constant grows g.initial, which w, b and stats point into.
  layer.inputs.resize(3, -1);
  layer.inputs[1] = add_constant(g, std::move(w_folded));
  layer.inputs[2] = add_constant(g, std::move(b_folded));
  layer.outputs[0] = bn.outputs[0];
  return true;
}

void fold_batch_norms(Graph::Impl& g, std::vector<FusedSpec>& specs) {
  for (size_t s = 0; s < g.steps.size(); ++s) {
    Step& layer = g.steps[s];
    if (!is_layer(layer) || readers(g)[static_cast<size_t>(layer.outputs[0])] != 1) continue;
    const int r = reader_of(g, layer.outputs[0], s);
    if (r < 0 || g.steps[static_cast<size_t>(r)].op != "batch_norm" ||
        g.steps[static_cast<size_t>(r)].inputs[0] != layer.outputs[0])
      continue;
    if (!fold(g, layer, g.steps[static_cast<size_t>(r)])) continue;
    specs[s].folded_rank = layer.op == "conv2d" ? 4 : 2;  // the rank batch_norm's channel dim 1 assumed
    g.steps.erase(g.steps.begin() + r);
    specs.erase(specs.begin() + r);
  }
}

// layer [-> add(., residual)] [-> relu] into one step at the add's place (the
// residual may be computed after the layer; everything the layer reads is
// ready by then).
// True when the layer at s was fused (the step now at s is another, or the fused one).
bool fuse_at(Graph::Impl& g, std::vector<FusedSpec>& specs, size_t s) {
  if (!is_layer(g.steps[s])) return false;
  FusedSpec spec = specs[s];
  spec.layer_inputs = g.steps[s].inputs.size();
  int out = g.steps[s].outputs[0], at = static_cast<int>(s), residual = -1;
  std::vector<int> absorbed;
  auto sole_reader = [&](int slot, size_t from) {
    return readers(g)[static_cast<size_t>(slot)] == 1 ? reader_of(g, slot, from) : -1;
  };
  int r = sole_reader(out, s);
  if (r >= 0 && g.steps[static_cast<size_t>(r)].op == "add" && g.steps[static_cast<size_t>(r)].inputs.size() == 2) {
    const Step& add = g.steps[static_cast<size_t>(r)];
    residual = add.inputs[0] == out ? add.inputs[1] : add.inputs[0];
    if (residual == out) residual = -1;  // y + y: not a residual
    if (residual >= 0) {
      absorbed.push_back(r);
      at = r, out = add.outputs[0];
      r = sole_reader(out, static_cast<size_t>(r));
    }
  }
  if (r >= 0 && g.steps[static_cast<size_t>(r)].op == "relu") {
    absorbed.push_back(r);
    spec.relu = true, out = g.steps[static_cast<size_t>(r)].outputs[0];
  }
  if (absorbed.empty()) return false;
  spec.residual = residual >= 0;
  Step fused = make_fused_step(g.steps[s], spec, residual, out);
  g.steps[static_cast<size_t>(at)] = std::move(fused);
  // Erase from the back so the indices stay valid.
  std::vector<size_t> gone;
  if (static_cast<int>(s) != at) gone.push_back(s);  // the layer, unless the fused step took its place
  for (int a : absorbed)
    if (a != at) gone.push_back(static_cast<size_t>(a));
  std::sort(gone.rbegin(), gone.rend());
  for (size_t i : gone) {
    g.steps.erase(g.steps.begin() + static_cast<std::ptrdiff_t>(i));
    specs.erase(specs.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return true;
}

void fuse_epilogues(Graph::Impl& g, std::vector<FusedSpec>& specs) {
  size_t s = 0;
  while (s < g.steps.size())
    if (!fuse_at(g, specs, s)) ++s;  // else the layer at s is gone: the step now there is new to the loop
}

}  // namespace

double serial_below_flop() {
  const char* env = std::getenv("NNLITE_SERIAL_BELOW_FLOP");
  if (!env || !*env) return kSerialBelowFlop;
  char* end = nullptr;
  const double v = std::strtod(env, &end);
  NNLITE_CHECK(end && *end == '\0' && v >= 0, Value, "load_graph: NNLITE_SERIAL_BELOW_FLOP must be a non-negative "
               "number, got '", env, "'");
  return v;
}

void optimize(Graph::Impl& g) {
  const double serial_below = serial_below_flop();
  std::vector<FusedSpec> specs(g.steps.size());
  for (FusedSpec& spec : specs) spec.serial_below = serial_below;
  fold_batch_norms(g, specs);
  // Folded layers with nothing to fuse still need their rank check: wrap them too.
  fuse_epilogues(g, specs);
  for (size_t s = 0; s < g.steps.size(); ++s)
    if (is_layer(g.steps[s]) && specs[s].folded_rank) {
      FusedSpec spec = specs[s];
      spec.layer_inputs = g.steps[s].inputs.size();
      g.steps[s] = make_fused_step(g.steps[s], spec, -1, g.steps[s].outputs[0]);
    }
}

}  // namespace nnlite::exported
