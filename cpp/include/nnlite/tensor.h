// Tensor: a strided view over shared, reference-counted storage, plus the
// autograd metadata (requires_grad, grad, grad_fn) that the engine walks.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <vector>

#include "nnlite/device.h"
#include "nnlite/dtype.h"
#include "nnlite/error.h"
#include "nnlite/scalar.h"
#include "nnlite/shape.h"

namespace nnlite {

class Tensor;
using TensorList = std::vector<Tensor>;
struct Node;

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
  bool from_allocator_ = false;         // allocated by the device's backend, which frees it
  std::atomic<uint64_t> version_{0};
};

// A gradient hook: gets the gradient, returns a replacement or an undefined
// tensor to keep it.
using GradHook = std::function<Tensor(const Tensor&)>;

struct TensorImpl {
  std::shared_ptr<Storage> storage;
  Shape shape;
  Shape strides;  // in elements
  int64_t offset = 0;  // in elements
  DType dtype = DType::Float32;
  // A Python number turned into a 0-d tensor: it does not raise the result
  // type of a binary op within its category (int tensor + 1 stays int).
  bool wrapped_number = false;

  // autograd
  bool requires_grad = false;
  bool is_view = false;                 // shares storage with a differentiable base
  std::shared_ptr<TensorImpl> grad;     // .grad of a leaf (or a retained non-leaf)
  std::shared_ptr<Node> grad_fn;        // null for leaves
  std::weak_ptr<Node> grad_accumulator; // cached AccumulateGrad node of a leaf
  std::vector<GradHook> hooks;          // hooks of a leaf; a non-leaf's live on grad_fn
  bool retains_grad = false;

  ~TensorImpl();
};

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}

  // --- metadata ---
  bool defined() const { return impl_ != nullptr; }
  const Shape& shape() const { return impl_->shape; }
  const Shape& strides() const { return impl_->strides; }
  int64_t offset() const { return impl_->offset; }
  int64_t dim() const { return static_cast<int64_t>(impl_->shape.size()); }
  int64_t size(int64_t d) const;  // negative d counts from the end
  int64_t numel() const;
  DType dtype() const { return impl_->dtype; }
  Device device() const { return impl_->storage->device(); }
  bool is_contiguous() const;
  size_t itemsize() const { return nnlite::itemsize(dtype()); }
  void* data_ptr() const;  // first element (storage + offset)
  template <typename T>
  T* data() const { return static_cast<T*>(data_ptr()); }
  const std::shared_ptr<Storage>& storage() const { return impl_->storage; }
  TensorImpl* impl() const { return impl_.get(); }
  const std::shared_ptr<TensorImpl>& impl_ptr() const { return impl_; }
  bool same(const Tensor& o) const { return impl_ == o.impl_; }
  double item() const;  // one-element tensor to a number
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
  void register_hook(GradHook hook) const;
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
  Tensor contiguous() const;
  Tensor as_strided(const Shape& shape, const Shape& strides, int64_t offset) const;  // no autograd

  // --- conversion ---
  Tensor to(DType t) const;  // returns *this when the dtype already matches
  Tensor to(Device d) const;
  Tensor clone() const;

 private:
  std::shared_ptr<TensorImpl> impl_;
};

std::ostream& operator<<(std::ostream& os, const Tensor& t);

// A contiguous tensor over fresh, uninitialised storage.
Tensor empty(const Shape& shape, DType dtype = DType::Float32, Device device = Device());
Tensor from_blob(void* data, const Shape& shape, DType dtype, std::function<void(void*)> deleter = nullptr,
                 Device device = Device(), const Shape& strides = {});
Shape contiguous_strides(const Shape& shape);
// Wrap a C++ number as a 0-d tensor that does not promote within its category.
Tensor scalar_tensor(Scalar v, DType dtype, bool wrapped = false);

}  // namespace nnlite
