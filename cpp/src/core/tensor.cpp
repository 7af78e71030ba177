// Tensor metadata, construction and conversions. View ops live in
// ops/view.cpp, the autograd entry points in autograd/.
#include "nnlite/tensor.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#include "backend/backend.h"
#include "exported/recorder.h"
#include "nnlite/autograd.h"
#include "nnlite/ops.h"

namespace nnlite {

namespace {
// For data_ptr<T>'s message: the C++ type and the constant of a dtype.
const char* cpp_name(DType t) {
  switch (t) {
    case DType::Bool: return "bool";
    case DType::UInt8: return "uint8_t";
    case DType::Int32: return "int32_t";
    case DType::Int64: return "int64_t";
    case DType::Float32: return "float";
    case DType::Float64: return "double";
  }
  return "?";
}
const char* dtype_constant(DType t) {
  switch (t) {
    case DType::Bool: return "kBool";
    case DType::UInt8: return "kUInt8";
    case DType::Int32: return "kInt32";
    case DType::Int64: return "kInt64";
    case DType::Float32: return "kFloat32";
    case DType::Float64: return "kFloat64";
  }
  return "?";
}
}  // namespace

detail::TensorImpl::~TensorImpl() {
  if (grad_fn) release_node(std::move(grad_fn));
}

std::string shape_str(const Shape& s) {
  std::ostringstream os;
  os << "[";
  for (size_t i = 0; i < s.size(); ++i) os << (i ? ", " : "") << s[i];
  os << "]";
  return os.str();
}

int64_t shape_numel(const Shape& s) {
  // The strides multiply the sizes with zeros counted as one, so that product
  // must fit too, even when the element count is zero.
  int64_t n = 1, span = 1;
  for (int64_t d : s) {
    NNLITE_CHECK(d >= 0, Value, "shape ", shape_str(s), " has a negative size");
    int64_t e = std::max<int64_t>(d, 1);
    NNLITE_CHECK(span <= std::numeric_limits<int64_t>::max() / e, Value, "shape ", shape_str(s),
                 " has more elements than fit in int64");
    span *= e;
    n *= d;
  }
  return n;
}

Shape contiguous_strides(const Shape& shape) {
  Shape st(shape.size());
  int64_t s = 1;
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    st[i] = s;
    s *= std::max<int64_t>(shape[i], 1);
  }
  return st;
}

Tensor empty(const Shape& shape, DType dtype, Device device) {
  int64_t n = shape_numel(shape);
  NNLITE_CHECK(n <= std::numeric_limits<int64_t>::max() / static_cast<int64_t>(nnlite::itemsize(dtype)), Value,
               "empty: a ", dtype_name(dtype), " tensor of shape ", shape_str(shape), " needs more bytes than fit in "
               "int64");
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = std::make_shared<Storage>(static_cast<size_t>(n) * nnlite::itemsize(dtype), device);
  impl->shape = shape;
  impl->strides = contiguous_strides(shape);
  impl->dtype = dtype;
  return Tensor(std::move(impl));
}

Tensor from_blob(void* data, const Shape& shape, DType dtype, std::function<void(void*)> deleter, Device device,
                 const Shape& strides) {
  int64_t n = shape_numel(shape);
  NNLITE_CHECK(strides.empty() || strides.size() == shape.size(), Value, "from_blob: ", strides.size(),
               " strides given for shape ", shape_str(shape));
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = shape;
  impl->strides = strides.empty() ? contiguous_strides(shape) : strides;
  // The extent that the strides reach, for the storage's byte count.
  int64_t extent = n == 0 ? 0 : 1;
  if (n > 0)
    for (size_t i = 0; i < shape.size(); ++i) extent += (shape[i] - 1) * std::abs(impl->strides[i]);
  impl->storage = std::make_shared<Storage>(data, static_cast<size_t>(extent) * nnlite::itemsize(dtype), device,
                                            deleter ? deleter : [](void*) {});
  impl->dtype = dtype;
  return Tensor(std::move(impl));
}

Tensor scalar_tensor(Scalar v, DType dtype, bool wrapped) {
  Tensor t = empty({}, dtype);
  backend::cpu_backend().fill(t, v);
  t.impl()->wrapped_number = wrapped;
  return t;
}

int64_t Tensor::size(int64_t d) const {
  int64_t n = dim();
  NNLITE_CHECK(d >= -n && d < n, Index, "size: dimension ", d, " is out of range for a tensor of ", n,
               " dimensions");
  return impl_->shape[d < 0 ? d + n : d];
}

int64_t Tensor::numel() const {
  int64_t n = 1;
  for (int64_t d : impl_->shape) n *= d;
  return n;
}

bool Tensor::is_contiguous() const {
  int64_t expected = 1;
  for (int64_t i = dim() - 1; i >= 0; --i) {
    if (impl_->shape[i] == 1) continue;
    if (impl_->strides[i] != expected) return false;
    expected *= impl_->shape[i];
  }
  return true;
}

void* Tensor::data_ptr() const {
  return static_cast<char*>(impl_->storage->data()) + impl_->offset * static_cast<int64_t>(itemsize());
}

int64_t Tensor::stride(int64_t d) const {
  int64_t n = dim();
  NNLITE_CHECK(d >= -n && d < n, Index, "stride: dimension ", d, " is out of range for a tensor of ", n,
               " dimensions");
  return impl_->strides[d < 0 ? d + n : d];
}

double Tensor::item() const {
  // Value-dependent control flow cannot be recorded (inside an op, item() is the op's business).
  if (exported::recording_active() && exported::t_depth == 0 && exported::value_name(*this))
    throw ExportError("export: Tensor.item reads the values of a tensor computed from the model's inputs; control "
                      "flow or numbers that depend on input values cannot be recorded in a graph");
  exported::OpScope scope;
  NNLITE_CHECK(numel() == 1, Value, "item: a tensor with ", numel(), " elements (shape ", shape_str(shape()),
               ") cannot be converted to a number; expected exactly one element");
  // Host memory is read only after the backend copied the value to the CPU.
  Tensor c = to(Device()).to(DType::Float64).contiguous();
  return *c.data<double>();
}

Scalar Tensor::item_scalar() const {
  NNLITE_CHECK(defined(), Runtime, "item: the tensor is undefined");
  NNLITE_CHECK(numel() == 1, Value, "item: a tensor with ", numel(), " elements (shape ", shape_str(shape()),
               ") cannot be converted to a number; expected exactly one element");
  // Read in the tensor's own category, so int64 values beyond 2^53 stay exact.
  if (is_floating(dtype())) return item();
  if (dtype() == DType::Bool) return to(Device()).contiguous().data<bool>()[0];
  Tensor c = to(Device()).to(DType::Int64).contiguous();
  return *c.data<int64_t>();
}

namespace detail {

void check_data_ptr(const Tensor& t, DType requested) {
  NNLITE_CHECK(t.defined(), Runtime, "data_ptr: the tensor is undefined");
  NNLITE_CHECK(t.dtype() == requested, Type, "data_ptr<T>: T holds ", dtype_name(requested),
               " but the tensor's dtype is ", dtype_name(t.dtype()), "; use data_ptr<", cpp_name(t.dtype()),
               ">() or convert with .to(", dtype_constant(requested), ")");
}

void item_out_of_range(const Scalar& value, bool is_signed, size_t bytes) {
  std::ostringstream v;
  if (value.is_floating())
    v << value.to_double();
  else
    v << value.to<int64_t>();
  NNLITE_FAIL(Value, "item<T>: the value ", v.str(), " does not fit in the requested ", is_signed ? "" : "unsigned ",
              8 * bytes, "-bit integer type");
}

}  // namespace detail

Tensor& Tensor::requires_grad_(bool on) {
  NNLITE_CHECK(!on || is_floating(dtype()), Type, "requires_grad_: only floating-point tensors can require "
               "gradients, but this tensor is ", dtype_name(dtype()));
  NNLITE_CHECK(on || is_leaf(), Runtime, "requires_grad_: you can only change requires_grad of leaf tensors; "
               "use detach() on a non-leaf");
  impl_->requires_grad = on;
  return *this;
}

Tensor Tensor::grad() const { return impl_->grad ? Tensor(impl_->grad) : Tensor(); }

void Tensor::set_grad(const Tensor& g) {
  if (g.defined()) {
    NNLITE_CHECK(g.shape() == shape(), Value, "grad: assigned gradient has shape ", shape_str(g.shape()),
                 " but the tensor has shape ", shape_str(shape()));
    NNLITE_CHECK(g.dtype() == dtype(), Type, "grad: assigned gradient has dtype ", dtype_name(g.dtype()),
                 " but the tensor has dtype ", dtype_name(dtype()));
  }
  impl_->grad = g.defined() ? g.impl_ptr() : nullptr;
}

void Tensor::set_data(const Tensor& src) const {
  NNLITE_CHECK(defined() && src.defined(), Value, "set_data: got an undefined tensor");
  TensorImpl* d = impl();
  d->storage = src.storage();
  d->shape = src.shape();
  d->strides = src.strides();
  d->offset = src.offset();
  d->dtype = src.dtype();
  d->grad_accumulator.reset();  // its recorded shape and dtype may no longer hold
}

Tensor Tensor::detach() const {
  exported::OpScope scope;  // an export recording: the detached tensor is the same graph value
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = impl_->storage;
  impl->shape = impl_->shape;
  impl->strides = impl_->strides;
  impl->offset = impl_->offset;
  impl->dtype = impl_->dtype;
  Tensor out(std::move(impl));
  if (exported::reporting()) exported::report_alias(out, *this);
  return out;
}

void Tensor::backward(const Tensor& grad, bool retain_graph, bool create_graph) const {
  run_backward({*this}, {grad}, retain_graph || create_graph, create_graph);
}

void Tensor::register_hook(GradHook hook) const {
  NNLITE_CHECK(requires_grad(), Runtime,
               "register_hook: cannot register a hook on a tensor that does not require gradients");
  if (impl_->grad_fn)
    impl_->grad_fn->hooks.push_back(std::move(hook));
  else
    impl_->hooks.push_back(std::move(hook));
}

void Tensor::register_post_accumulate_grad_hook(PostAccumulateGradHook hook) const {
  NNLITE_CHECK(requires_grad() && is_leaf(), Runtime, "register_post_accumulate_grad_hook: only a leaf tensor that "
               "requires grad has a .grad to accumulate into, got a ", requires_grad() ? "non-leaf tensor" :
               "tensor that does not require grad");
  impl_->post_accumulate_hooks.push_back(std::move(hook));
}

void Tensor::retain_grad() const {
  NNLITE_CHECK(requires_grad(), Runtime, "retain_grad: the tensor does not require gradients");
  if (is_leaf() || impl_->retains_grad) return;
  impl_->retains_grad = true;
  impl_->grad_fn->retained = impl_;
}

Tensor Tensor::to(DType t) const {
  if (t == dtype()) return *this;
  exported::OpScope scope;
  Tensor out = empty(shape(), t, device());
  backend::backend_for(device()).copy(*this, out);
  NNLITE_REPORT("to", {*this}, {out}, {{"dtype", exported::jdtype(t)}});
  // Casting between floating types keeps the gradient flowing.
  if (is_floating(t) && is_floating(dtype())) {
    DType from = dtype();
    return record("to", out, {*this}, [from](const Tensor& g, const std::vector<bool>&) {
      return TensorList{g.to(from)};
    });
  }
  return out;
}

Tensor Tensor::to(Device d, bool non_blocking) const {
  if (d == device()) return *this;
  backend::NonBlockingCopy asked(non_blocking);
  // A copy between devices belongs to the non-CPU side's backend, the one
  // that reaches both memories; asking for it first gives its clear error
  // (e.g. CUDA not built) before anything is allocated there.
  backend::Backend& b = backend::backend_for(d.is_cpu() ? device() : d, "to");
  Tensor out = empty(shape(), dtype(), d);
  b.copy(*this, out);
  Device from = device();
  return record("to", out, {*this}, [from](const Tensor& g, const std::vector<bool>&) {
    return TensorList{g.to(from)};
  });
}

Tensor Tensor::clone() const {
  exported::OpScope scope;
  Tensor out = empty(shape(), dtype(), device());
  backend::backend_for(device()).copy(*this, out);
  if (exported::reporting()) exported::report_alias(out, *this);
  return record("clone", out, {*this}, [](const Tensor& g, const std::vector<bool>&) { return TensorList{g}; });
}

Tensor Tensor::contiguous() const {
  if (is_contiguous()) return *this;
  return clone();
}

std::string Tensor::repr() const {
  std::ostringstream os;
  os << *this;
  return os.str();
}

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
  if (!t.defined()) return os << "tensor(undefined)";
  // Host memory is read only after the backend copied the values to the CPU.
  Tensor c = t.to(Device()).to(DType::Float64).contiguous();
  const double* p = c.data<double>();
  int64_t n = c.numel();
  os << "tensor([";
  for (int64_t i = 0; i < n && i < 20; ++i) os << (i ? ", " : "") << p[i];
  if (n > 20) os << ", ...";
  os << "], shape=" << shape_str(t.shape()) << ", dtype=" << dtype_name(t.dtype())
     << ", device=" << t.device().str() << ")";
  return os;
}

}  // namespace nnlite
