// __dlpack__ / from_dlpack: zero-copy exchange with NumPy and PyTorch.
#include "dlpack.h"

#include "bindings.h"
#include "convert.h"

namespace nnlite::py_bind {

// The DLPack names one by one: a using-directive would also bring
// dlpack::DeviceType into the other binding files of a unity build, where it
// makes nnlite::DeviceType ambiguous.
using dlpack::DLDataType;
using dlpack::DLManagedTensor;
using dlpack::DLTensor;
using dlpack::kDLBool;
using dlpack::kDLCPU;
using dlpack::kDLFloat;
using dlpack::kDLInt;
using dlpack::kDLUInt;

namespace {

struct Export {  // what a DLManagedTensor we hand out keeps alive
  Tensor tensor;
  std::vector<int64_t> shape, strides;
  DLManagedTensor managed;
};

DLDataType dl_type(DType t) {
  switch (t) {
    case DType::Bool: return {kDLBool, 8, 1};
    case DType::UInt8: return {kDLUInt, 8, 1};
    case DType::Int32: return {kDLInt, 32, 1};
    case DType::Int64: return {kDLInt, 64, 1};
    case DType::Float32: return {kDLFloat, 32, 1};
    case DType::Float64: return {kDLFloat, 64, 1};
  }
  return {kDLFloat, 32, 1};
}

DType from_dl_type(DLDataType t) {
  NNLITE_CHECK(t.lanes == 1, Type, "from_dlpack: vector types (lanes=", t.lanes, ") are not supported");
  if (t.code == kDLFloat && t.bits == 32) return DType::Float32;
  if (t.code == kDLFloat && t.bits == 64) return DType::Float64;
  if (t.code == kDLInt && t.bits == 64) return DType::Int64;
  if (t.code == kDLInt && t.bits == 32) return DType::Int32;
  if (t.code == kDLUInt && t.bits == 8) return DType::UInt8;
  if (t.code == kDLBool && t.bits == 8) return DType::Bool;
  NNLITE_FAIL(Type, "from_dlpack: DLPack dtype (code ", int(t.code), ", bits ", int(t.bits),
              ") is not supported; expected float32/64, int32/64, uint8 or bool");
}

}  // namespace

py::capsule to_dlpack(const Tensor& t) {
  NNLITE_CHECK(t.device().is_cpu(), Type, "__dlpack__: only CPU tensors can be exported for now");
  auto* e = new Export{t.detach(), t.shape(), t.strides(), {}};
  DLTensor& d = e->managed.dl_tensor;
  d.data = t.data_ptr();
  d.device = {kDLCPU, 0};
  d.ndim = static_cast<int32_t>(t.dim());
  d.dtype = dl_type(t.dtype());
  d.shape = e->shape.data();
  d.strides = e->strides.data();
  d.byte_offset = 0;
  e->managed.manager_ctx = e;
  e->managed.deleter = [](DLManagedTensor* self) { delete static_cast<Export*>(self->manager_ctx); };
  // An unconsumed capsule still owns the tensor: free it when the capsule dies.
  return py::capsule(&e->managed, "dltensor", [](PyObject* cap) {
    if (PyCapsule_IsValid(cap, "dltensor")) {
      auto* m = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(cap, "dltensor"));
      if (m && m->deleter) m->deleter(m);
    }
  });
}

Tensor from_dlpack(py::object obj) {
  py::object cap_obj = obj;
  if (py::hasattr(obj, "__dlpack__")) cap_obj = obj.attr("__dlpack__")();
  PyObject* cap = cap_obj.ptr();
  NNLITE_CHECK(PyCapsule_IsValid(cap, "dltensor"), Type,
               "from_dlpack: expected an object with __dlpack__ or an unconsumed 'dltensor' capsule");
  auto* m = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(cap, "dltensor"));
  const DLTensor& d = m->dl_tensor;
  NNLITE_CHECK(d.device.device_type == kDLCPU, Type, "from_dlpack: only CPU tensors can be imported for now (device "
               "type ", d.device.device_type, ")");
  DType dt = from_dl_type(d.dtype);
  Shape shape(d.shape, d.shape + d.ndim);
  Shape strides = d.strides ? Shape(d.strides, d.strides + d.ndim) : contiguous_strides(shape);
  PyCapsule_SetName(cap, "used_dltensor");  // we own it now
  void* data = static_cast<char*>(d.data) + d.byte_offset;
  return from_blob(data, shape, dt, [m](void*) { if (m->deleter) m->deleter(m); }, Device(), strides);
}

}  // namespace nnlite::py_bind
