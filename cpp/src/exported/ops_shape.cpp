// Graph ops that move data without computing: reshape, flatten, transpose,
// permute, squeeze, unsqueeze, expand, slicing, joining and splitting, and
// "full" (a filled tensor whose shape may follow the inputs' sizes). Views
// stay views; values in a graph are never written in place.
#include <algorithm>
#include <limits>

#include "exported/registry.h"
#include "nnlite/ops.h"

namespace nnlite::exported {
namespace {

OpSpec inputs(int min, int max, int outputs, std::function<Kernel(Attrs&)> prepare) {
  OpSpec s;
  s.min_inputs = min;
  s.max_inputs = max;
  s.outputs = outputs;
  s.prepare = std::move(prepare);
  return s;
}

void register_views(OpRegistry& r) {
  // inputs: x, then any tensors whose sizes the shape refers to ({"dim_of": k, "dim": d}).
  r.add("reshape", inputs(1, -1, 1, [](Attrs& a) -> Kernel {
          ShapeSpec shape = a.shape("shape");
          return [=](const TensorList& in) { return one(in[0].reshape(resolve_shape(shape, in, "reshape"))); };
        }));
  r.add("expand", inputs(1, -1, 1, [](Attrs& a) -> Kernel {
          ShapeSpec shape = a.shape("shape");
          return [=](const TensorList& in) { return one(in[0].expand(resolve_shape(shape, in, "expand"))); };
        }));
  r.add("flatten", unary_spec([](Attrs& a) -> Kernel {
          int64_t start = a.integer("start_dim", 0), end = a.integer("end_dim", -1);
          return [=](const TensorList& in) { return one(in[0].flatten(start, end)); };
        }));
  r.add("transpose", unary_spec([](Attrs& a) -> Kernel {
          int64_t d0 = a.integer("dim0"), d1 = a.integer("dim1");
          return [=](const TensorList& in) { return one(in[0].transpose(d0, d1)); };
        }));
  r.add("permute", unary_spec([](Attrs& a) -> Kernel {
          Shape dims = a.ints("dims");
          return [=](const TensorList& in) { return one(in[0].permute(dims)); };
        }));
  // dims absent: every dim of size one, decided on each run as in eager mode.
  r.add("squeeze", unary_spec([](Attrs& a) -> Kernel {
          bool all = !a.has("dims");
          Shape dims = a.ints("dims", {});
          return [=](const TensorList& in) {
            if (all) return one(in[0].squeeze());
            // highest dim first keeps the others in place
            Shape wrapped;
            for (int64_t d : dims) {
              NNLITE_CHECK(d >= -in[0].dim() && d < in[0].dim(), Index, "squeeze: dim ", d, " is out of range for "
                           "a tensor of ", in[0].dim(), " dims");
              wrapped.push_back(d < 0 ? d + in[0].dim() : d);
            }
            std::sort(wrapped.rbegin(), wrapped.rend());
            Tensor t = in[0];
            for (int64_t d : wrapped) t = t.squeeze(d);
            return one(t);
          };
        }));
  r.add("unsqueeze", unary_spec([](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim");
          return [=](const TensorList& in) { return one(in[0].unsqueeze(dim)); };
        }));
}

void register_slicing(OpRegistry& r) {
  // stop absent: to the end (Python's x[a::s]).
  r.add("slice", unary_spec([](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim"), start = a.integer("start", 0);
          int64_t stop = a.integer("stop", std::numeric_limits<int64_t>::max()), step = a.integer("step", 1);
          NNLITE_CHECK(step > 0, Value, a.where(), ": attribute 'step' must be positive, got ", step);
          return [=](const TensorList& in) { return one(in[0].slice(dim, start, stop, step)); };
        }));
  r.add("select", unary_spec([](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim"), index = a.integer("index");
          return [=](const TensorList& in) { return one(in[0].select(dim, index)); };
        }));
  r.add("narrow", unary_spec([](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim"), start = a.integer("start"), length = a.integer("length");
          return [=](const TensorList& in) { return one(in[0].narrow(dim, start, length)); };
        }));
}

void register_joins(OpRegistry& r) {
  r.add("cat", inputs(1, -1, 1, [](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim", 0);
          return [=](const TensorList& in) { return one(cat(in, dim)); };
        }));
  r.add("stack", inputs(1, -1, 1, [](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim", 0);
          return [=](const TensorList& in) { return one(stack(in, dim)); };
        }));
  // As many outputs as pieces; a run whose sizes give another count fails
  // when the graph checks the outputs of the node.
  r.add("split", inputs(1, 1, -1, [](Attrs& a) -> Kernel {
          int64_t dim = a.integer("dim", 0);
          if (a.has("split_size")) {
            int64_t size = a.integer("split_size");
            return [=](const TensorList& in) { return split(in[0], size, dim); };
          }
          std::vector<int64_t> sizes = a.ints("sizes");
          return [=](const TensorList& in) { return split(in[0], sizes, dim); };
        }));
  r.add("chunk", inputs(1, 1, -1, [](Attrs& a) -> Kernel {
          int64_t chunks = a.integer("chunks"), dim = a.integer("dim", 0);
          return [=](const TensorList& in) { return chunk(in[0], chunks, dim); };
        }));
  // inputs: tensors whose sizes the shape refers to (often none).
  r.add("full", inputs(0, -1, 1, [](Attrs& a) -> Kernel {
          ShapeSpec shape = a.shape("shape");
          Scalar value = a.scalar("value");
          DType dtype = a.dtype("dtype");
          return [=](const TensorList& in) { return one(full(resolve_shape(shape, in, "full"), value, dtype)); };
        }));
}

}  // namespace

void register_shape_ops(OpRegistry& r) {
  register_views(r);
  register_slicing(r);
  register_joins(r);
}

}  // namespace nnlite::exported
