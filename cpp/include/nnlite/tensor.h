// Tensor: a strided view over shared, reference-counted storage, plus the
// autograd metadata (requires_grad, grad, grad_fn) that the engine walks.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <ostream>
#include <type_traits>
#include <vector>

#include "nnlite/detail/tensor_impl.h"
#include "nnlite/device.h"
#include "nnlite/dtype.h"
#include "nnlite/error.h"
#include "nnlite/options.h"
#include "nnlite/scalar.h"
#include "nnlite/shape.h"

namespace nnlite {

class Tensor;
using TensorList = std::vector<Tensor>;
struct Node;
namespace backend {
class Backend;
}

namespace detail {
// Out-of-line halves of the typed accessors' checks (messages name the op).
void check_data_ptr(const Tensor& t, DType requested);
[[noreturn]] void item_out_of_range(const Scalar& value, bool is_signed, size_t bytes);
template <typename T>
bool fits(const Scalar& v) {
  if constexpr (std::is_same_v<T, bool> || !std::is_integral_v<T>) {
    return true;
  } else if (v.kind() == Scalar::Kind::Float) {
    // Conversion truncates toward zero; NaN fails every test.
    const double d = v.to_double();
    const double top = static_cast<double>(std::numeric_limits<T>::max()) + 1.0;  // 2^bits or 2^(bits-1)
    return std::is_signed_v<T> ? d >= -top && d < top : d > -1.0 && d < top;
  } else {
    const int64_t i = v.to<int64_t>();
    if constexpr (std::is_signed_v<T>)
      return i >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
             i <= static_cast<int64_t>(std::numeric_limits<T>::max());
    else
      return i >= 0 && static_cast<uint64_t>(i) <= static_cast<uint64_t>(std::numeric_limits<T>::max());
  }
}
}  // namespace detail

std::string shape_str(const Shape& s);  // "[2, 3]"
int64_t shape_numel(const Shape& s);    // throws on negative sizes or overflow

// A block of device memory. Views share one Storage; its version counter is
// bumped by every in-place write so autograd can reject stale saved tensors.
class Storage {
 public:
  Storage(size_t nbytes, Device device);  // allocates (64-byte aligned on the CPU)
  Storage(void* data, size_t nbytes, Device device, std::function<void(void*)> deleter);  // wraps
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  void* data() const { return data_; }
  size_t nbytes() const { return nbytes_; }
  Device device() const { return device_; }
  uint64_t version() const { return version_.load(std::memory_order_relaxed); }
  void bump_version() { version_.fetch_add(1, std::memory_order_relaxed); }

 private:
  void* data_;
  size_t nbytes_;
  Device device_;
  std::function<void(void*)> deleter_;  // for wrapped memory; empty for memory from the allocator
  backend::Backend* allocator_ = nullptr;  // the backend that allocated the memory (and frees it), if one did
  std::atomic<uint64_t> version_{0};
};

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(std::shared_ptr<detail::TensorImpl> impl) : impl_(std::move(impl)) {}

  // --- metadata ---
  bool defined() const { return impl_ != nullptr; }
  const Shape& sizes() const { return impl_->shape; }  // libtorch's name; Shape has .size(), [i], .vec()
  const Shape& shape() const { return impl_->shape; }
  const Shape& strides() const { return impl_->strides; }
  int64_t stride(int64_t d) const;  // negative d counts from the end
  int64_t storage_offset() const { return impl_->offset; }
  int64_t offset() const { return impl_->offset; }
  int64_t dim() const { return static_cast<int64_t>(impl_->shape.size()); }
  int64_t size(int64_t d) const;  // negative d counts from the end
  int64_t numel() const;
  DType dtype() const { return impl_->dtype; }
  DType scalar_type() const { return impl_->dtype; }
  Device device() const { return impl_->storage->device(); }
  // dtype and device, for making tensors like this one: zeros(s, x.options()).
  // As in libtorch, requires_grad is not carried over.
  TensorOptions options() const { return TensorOptions().dtype(dtype()).device(device()); }
  bool is_cpu() const { return device().is_cpu(); }
  bool is_cuda() const { return device().is_cuda(); }
  bool is_floating_point() const { return is_floating(dtype()); }
  bool is_contiguous() const;
  size_t itemsize() const { return nnlite::itemsize(dtype()); }
  size_t element_size() const { return itemsize(); }

  // --- data ---
  void* data_ptr() const;  // first element (storage + offset)
  // The first element as T*; Type error unless T is this tensor's dtype
  // (float for float32, int64_t for int64, ...; see cpp_type_to_dtype).
  template <typename T>
  T* data_ptr() const {
    detail::check_data_ptr(*this, cpp_type_to_dtype<T>());
    return static_cast<T*>(data_ptr());
  }
  // Unchecked data_ptr<T>(), for kernels that have checked the dtype already.
  template <typename T>
  T* data() const { return static_cast<T*>(data_ptr()); }
  double item() const;  // one-element tensor to a double
  // One-element tensor to T: exact for integers (int64 beyond 2^53 too);
  // Value error when the value does not fit in an integer T.
  template <typename T>
  T item() const {
    static_assert(std::is_arithmetic_v<T>, "item<T>: T must be a C++ number type");
    const Scalar v = item_scalar();
    if (!detail::fits<T>(v)) detail::item_out_of_range(v, std::is_signed_v<T>, sizeof(T));
    return v.to<T>();
  }
  Scalar item_scalar() const;  // one-element tensor to a Scalar of its kind (bool, int or float)

  // --- internals (the engine's; see detail/tensor_impl.h) ---
  const std::shared_ptr<Storage>& storage() const { return impl_->storage; }
  detail::TensorImpl* impl() const { return impl_.get(); }
  const std::shared_ptr<detail::TensorImpl>& impl_ptr() const { return impl_; }
  bool same(const Tensor& o) const { return impl_ == o.impl_; }
  std::string repr() const;  // "tensor([...], shape=[..], dtype=.., device=..)"
  uint64_t version() const { return impl_->storage->version(); }

  // --- autograd ---
  bool requires_grad() const { return impl_->requires_grad; }
  Tensor& requires_grad_(bool on = true);
  bool is_leaf() const { return impl_->grad_fn == nullptr; }
  const std::shared_ptr<Node>& grad_fn() const { return impl_->grad_fn; }
  Tensor grad() const;
  void set_grad(const Tensor& g);
  void backward(const Tensor& grad = Tensor(), bool retain_graph = false, bool create_graph = false) const;
  Tensor detach() const;  // same storage, no history
  // Replace the contents in place (param.data = src, libtorch's set_data):
  // every handle to this tensor sees src's storage, shape, strides, dtype and
  // device; its autograd identity (leaf, requires_grad, grad) stays.
  void set_data(const Tensor& src) const;
  void register_hook(GradHook hook) const;
  void register_post_accumulate_grad_hook(PostAccumulateGradHook hook) const;  // leaves only
  void retain_grad() const;

  // --- views (no copy) ---
  Tensor view(const Shape& shape) const;     // -1 infers one size
  Tensor reshape(const Shape& shape) const;  // a view when strides allow, else a copy
  Tensor transpose(int64_t d0, int64_t d1) const;
  Tensor permute(const Shape& dims) const;
  Tensor t() const;  // 2-d transpose, and what .T means
  Tensor expand(const Shape& shape) const;   // -1 keeps a size
  Tensor squeeze() const;
  Tensor squeeze(int64_t d) const;
  Tensor unsqueeze(int64_t d) const;
  Tensor flatten(int64_t start = 0, int64_t end = -1) const;
  Tensor slice(int64_t d, int64_t start, int64_t stop, int64_t step = 1) const;  // python semantics, clamped
  Tensor narrow(int64_t d, int64_t start, int64_t length) const;
  Tensor select(int64_t d, int64_t index) const;
  Tensor operator[](int64_t index) const { return select(0, index); }  // t[i], as in libtorch
  Tensor contiguous() const;
  Tensor as_strided(const Shape& shape, const Shape& strides, int64_t offset) const;  // no autograd

  // --- conversion ---
  Tensor to(DType t) const;  // returns *this when the dtype already matches
  // non_blocking: a copy from page-locked host memory to a GPU may still be
  // running when this returns (the source must stay untouched until the
  // stream reaches it); otherwise the copy has finished reading the source.
  Tensor to(Device d, bool non_blocking = false) const;
  Tensor clone() const;

 private:
  std::shared_ptr<detail::TensorImpl> impl_;
};

std::ostream& operator<<(std::ostream& os, const Tensor& t);

// A contiguous tensor over fresh, uninitialised storage (float32 on the CPU
// unless the options say otherwise).
Tensor empty(const Shape& shape, const TensorOptions& options = {});
Tensor empty(const Shape& shape, DType dtype, Device device = Device());
Tensor from_blob(void* data, const Shape& shape, DType dtype, std::function<void(void*)> deleter = nullptr,
                 Device device = Device(), const Shape& strides = {});
Shape contiguous_strides(const Shape& shape);
// Wrap a C++ number as a 0-d tensor that does not promote within its category.
Tensor scalar_tensor(Scalar v, DType dtype, bool wrapped = false);

}  // namespace nnlite
