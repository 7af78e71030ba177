// TensorOptions: what a creation op should make (dtype, device,
// requires_grad), spelled as in libtorch:
//
//   zeros({2, 3}, TensorOptions().dtype(kFloat64).device(kCPU).requires_grad(true));
//   zeros({2, 3}, dtype(kInt64));          // the free-function shorthands
//   zeros({2, 3}, kInt64);                 // a dtype or a device converts implicitly
//   empty_like(x) / zeros(x.sizes(), x.options());
//
// A field left unset takes the op's default: float32 for most ops (int64 for
// randint and randperm, inferred from the values for arange, full and tensor),
// the CPU, no gradient; the *_like ops take unset fields from their input.
#pragma once
#include <optional>
#include <ostream>
#include <string>

#include "nnlite/device.h"
#include "nnlite/dtype.h"

namespace nnlite {

class TensorOptions {
 public:
  TensorOptions() = default;
  TensorOptions(DType d) : dtype_(d) {}           // NOLINT: implicit, as in libtorch
  TensorOptions(Device d) : device_(d) {}         // NOLINT
  TensorOptions(DeviceType t) : device_(Device(t)) {}  // NOLINT

  // Setters return a copy with one field changed, so calls chain.
  TensorOptions dtype(DType d) const {
    TensorOptions o = *this;
    o.dtype_ = d;
    return o;
  }
  TensorOptions device(Device d) const {
    TensorOptions o = *this;
    o.device_ = d;
    return o;
  }
  TensorOptions requires_grad(bool on) const {  // no default: requires_grad() is the getter
    TensorOptions o = *this;
    o.requires_grad_ = on;
    return o;
  }

  // Getters: the value, or the default (float32, CPU) when unset.
  DType dtype() const { return dtype_.value_or(DType::Float32); }
  Device device() const { return device_.value_or(Device()); }
  bool requires_grad() const { return requires_grad_; }
  bool has_dtype() const { return dtype_.has_value(); }
  bool has_device() const { return device_.has_value(); }
  std::optional<DType> dtype_opt() const { return dtype_; }
  std::optional<Device> device_opt() const { return device_; }

  bool operator==(const TensorOptions& o) const {
    return dtype_ == o.dtype_ && device_ == o.device_ && requires_grad_ == o.requires_grad_;
  }
  bool operator!=(const TensorOptions& o) const { return !(*this == o); }
  // "TensorOptions(dtype=float32, device=cpu, requires_grad=false)"; unset fields show as "(default)".
  std::string str() const;

 private:
  std::optional<DType> dtype_;
  std::optional<Device> device_;
  bool requires_grad_ = false;
};

inline TensorOptions dtype(DType d) { return TensorOptions().dtype(d); }
inline TensorOptions device(Device d) { return TensorOptions().device(d); }
inline TensorOptions requires_grad(bool on = true) { return TensorOptions().requires_grad(on); }

std::ostream& operator<<(std::ostream& os, const TensorOptions& o);

}  // namespace nnlite
