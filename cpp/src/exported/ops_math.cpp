// Graph ops of the math family: elementwise unary and binary ops (NumPy
// broadcasting and type promotion as in the C++ ops), where, masked_fill,
// matmul, reductions, casts, gathers, and "scalar", which gives the 0-d
// tensor a Python number becomes when it meets a tensor (it keeps
// x * 0.5 float32 for a float32 x, as in eager mode).
#include "exported/registry.h"
#include "nnlite/ops.h"

namespace nnlite::exported {
namespace {

OpSpec fixed(int inputs, int outputs, std::function<Kernel(Attrs&)> prepare) {
  OpSpec s;
  s.min_inputs = s.max_inputs = inputs;
  s.outputs = outputs;
  s.prepare = std::move(prepare);
  return s;
}

void register_unary(OpRegistry& r) {
  struct Entry {
    const char* name;
    Tensor (*f)(const Tensor&);
  };
  static const Entry entries[] = {
      {"neg", &neg},   {"abs", &nnlite::abs},   {"sign", &sign}, {"exp", &nnlite::exp},
      {"log", &nnlite::log},   {"sqrt", &nnlite::sqrt}, {"rsqrt", &rsqrt}, {"sin", &nnlite::sin},
      {"cos", &nnlite::cos},   {"erf", &nnlite::erf},   {"logical_not", &logical_not},
  };
  for (const Entry& e : entries) {
    auto f = e.f;
    r.add(e.name, unary_spec([f](Attrs&) -> Kernel { return [f](const TensorList& in) { return one(f(in[0])); }; }));
  }
}

void register_binary(OpRegistry& r) {
  struct Entry {
    const char* name;
    Tensor (*f)(const Tensor&, const Tensor&);
  };
  static const Entry entries[] = {
      {"add", &add}, {"sub", &sub}, {"mul", &mul}, {"div", &div}, {"pow", &nnlite::pow},
      {"maximum", &maximum}, {"minimum", &minimum}, {"eq", &eq}, {"ne", &ne}, {"lt", &lt},
      {"le", &le}, {"gt", &gt}, {"ge", &ge}, {"logical_and", &logical_and}, {"logical_or", &logical_or},
      {"matmul", &matmul},
  };
  for (const Entry& e : entries) {
    auto f = e.f;
    r.add(e.name, fixed(2, 1, [f](Attrs&) -> Kernel {
            return [f](const TensorList& in) { return one(f(in[0], in[1])); };
          }));
  }
  r.add("where", fixed(3, 1, [](Attrs&) -> Kernel {
          return [](const TensorList& in) { return one(where(in[0], in[1], in[2])); };
        }));
  r.add("masked_fill", fixed(2, 1, [](Attrs& a) -> Kernel {
          Scalar value = a.scalar("value");
          return [=](const TensorList& in) { return one(masked_fill(in[0], in[1], value)); };
        }));
  // No inputs: a Python number as a 0-d tensor that does not promote within its category.
  r.add("scalar", fixed(0, 1, [](Attrs& a) -> Kernel {
          Scalar value = a.scalar("value");
          Tensor t = scalar_tensor(value, value.dtype(), true);
          return [t](const TensorList&) { return one(t); };
        }));
}

void register_reductions(OpRegistry& r) {
  using Reduce = Tensor (*)(const Tensor&, const Dims&, bool);
  struct Entry {
    const char* name;
    Reduce f;
  };
  static const Entry entries[] = {{"sum", &sum}, {"mean", &mean}, {"prod", &prod}, {"amax", &amax},
                                  {"amin", &amin}, {"logsumexp", &logsumexp}};
  for (const Entry& e : entries) {
    auto f = e.f;
    // dims: [] reduces every dim
    r.add(e.name, unary_spec([f](Attrs& a) -> Kernel {
            Dims dims = a.ints("dims", {});
            bool keepdim = a.boolean("keepdim", false);
            return [=](const TensorList& in) { return one(f(in[0], dims, keepdim)); };
          }));
  }
  using Spread = Tensor (*)(const Tensor&, const Dims&, double, bool);
  for (auto [name, f] : {std::pair<const char*, Spread>{"var", &var}, {"std", &nnlite::std}}) {
    r.add(name, unary_spec([f = f](Attrs& a) -> Kernel {
            Dims dims = a.ints("dims", {});
            double correction = a.number("correction", 1.0);
            bool keepdim = a.boolean("keepdim", false);
            return [=](const TensorList& in) { return one(f(in[0], dims, correction, keepdim)); };
          }));
  }
  // values and indices along one dim
  using MaxMin = std::pair<Tensor, Tensor> (*)(const Tensor&, int64_t, bool);
  for (auto [name, f] : {std::pair<const char*, MaxMin>{"max", &max}, {"min", &min}}) {
    r.add(name, fixed(1, 2, [f = f](Attrs& a) -> Kernel {
            int64_t dim = a.integer("dim");
            bool keepdim = a.boolean("keepdim", false);
            return [=](const TensorList& in) {
              auto vi = f(in[0], dim, keepdim);
              return TensorList{vi.first, vi.second};
            };
          }));
  }
  using Arg = Tensor (*)(const Tensor&, std::optional<int64_t>, bool);
  for (auto [name, f] : {std::pair<const char*, Arg>{"argmax", &argmax}, {"argmin", &argmin}}) {
    r.add(name, unary_spec([f = f](Attrs& a) -> Kernel {
            std::optional<int64_t> dim = a.optional_integer("dim");  // null: over the flattened tensor
            bool keepdim = a.boolean("keepdim", false);
            return [=](const TensorList& in) { return one(f(in[0], dim, keepdim)); };
          }));
  }
}

void register_indexing(OpRegistry& r) {
  r.add("to", unary_spec([](Attrs& a) -> Kernel {
          DType dtype = a.dtype("dtype");
          return [=](const TensorList& in) { return one(in[0].to(dtype)); };
        }));
  r.add("index_select", fixed(2, 1, [](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim");
          return [=](const TensorList& in) { return one(index_select(in[0], dim, in[1])); };
        }));
  r.add("gather", fixed(2, 1, [](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim");
          return [=](const TensorList& in) { return one(gather(in[0], dim, in[1])); };
        }));
}

}  // namespace

void register_math_ops(OpRegistry& r) {
  register_unary(r);
  register_binary(r);
  register_reductions(r);
  register_indexing(r);
}

}  // namespace nnlite::exported
