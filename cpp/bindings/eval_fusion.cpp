// The cache entry of the eager eval-mode fusion (python/nnlite/nn/_fusion.py):
// a Conv2d's weight and bias with the BatchNorm2d after it folded in, and what
// they were folded from. Python checks the modules and builds an entry after a
// fold; calling the entry runs the fused convolution when nothing it was built
// from has changed, and returns None otherwise, so that Python checks
// everything again. Each check here is an identity or a version compare: the
// same checks in Python took about 4 us a layer, a tenth of a batch-1
// ResNet-20 layer's time.
#include <pybind11/pybind11.h>

#include <array>

#include "bindings.h"
#include "convert.h"
#include "exported/recorder.h"
#include "nnlite/autograd.h"
#include "ops/conv_fused.h"

namespace py = pybind11;

namespace nnlite::py_bind {
namespace {

// The instance dict of a module (every nnlite.nn.Module has one; public API,
// unlike _PyObject_GetDictPtr), or a null object.
py::object instance_dict(py::handle m) {
  PyObject* d = PyObject_GenericGetDict(m.ptr(), nullptr);
  if (!d) PyErr_Clear();
  return py::reinterpret_steal<py::object>(d);
}

// The keys looked up, interned once (PyDict_GetItemString makes a new string
// object per lookup: 2 us over the 25 lookups of a call).
enum Key { kTraining, kForward, kPreHooks, kHooks, kBackwardHooks, kStride, kPadding, kDilation, kGroups,
           kPaddingMode, kEps, kParameters, kBuffers, kWeight, kBias, kRunningMean, kRunningVar, kKeys };
PyObject* key(Key k) {
  static const std::array<PyObject*, kKeys> keys = [] {
    static constexpr std::array<const char*, kKeys> names{
        "training", "forward", "_forward_pre_hooks", "_forward_hooks", "_backward_hooks", "stride", "padding",
        "dilation", "groups", "padding_mode", "eps", "_parameters", "_buffers", "weight", "bias", "running_mean",
        "running_var"};
    std::array<PyObject*, kKeys> interned{};
    for (size_t i = 0; i < names.size(); ++i) interned[i] = PyUnicode_InternFromString(names[i]);  // never freed
    return interned;
  }();
  return keys[k];
}

// A borrowed item of a dict, or null (also when `dict` is null or not a dict).
PyObject* item(PyObject* dict, Key k) { return dict && PyDict_Check(dict) ? PyDict_GetItem(dict, key(k)) : nullptr; }

// Whether calling module m runs exactly its class's forward: no hooks and no
// forward set on the instance (Module.__call__'s and _fusion._replaced's rule).
bool plain_call(PyObject* dict) {
  for (Key hooks : {kPreHooks, kHooks, kBackwardHooks}) {
    PyObject* h = item(dict, hooks);
    if (!h || !PyDict_Check(h) || PyDict_Size(h) != 0) return false;
  }
  return !item(dict, kForward);
}

bool in_eval(PyObject* dict) { return item(dict, kTraining) == Py_False; }

class FoldedConv {
 public:
  // sources: (conv weight, conv bias, running mean, running var, bn weight, bn bias), each a Tensor or None.
  FoldedConv(py::object conv, py::object bn, py::object relu_type, py::tuple sources, Tensor weight,
             const OptTensor& bias)
      : conv_type_(py::reinterpret_borrow<py::object>(py::type::handle_of(conv))),
        bn_(std::move(bn)),
        relu_type_(std::move(relu_type)),
        weight_(std::move(weight)),
        bias_(or_undefined(bias)) {
    NNLITE_CHECK(sources.size() == sources_.size(), Value, "_FoldedConv: expected 6 sources");
    const py::object d_owner = instance_dict(conv);
    PyObject* d = d_owner.ptr();
    for (size_t i = 0; i < attrs_.size(); ++i) {
      PyObject* a = item(d, kConvAttrs[i]);
      NNLITE_CHECK(a, Value, "_FoldedConv: the convolution lacks one of stride, padding, dilation, groups and "
                   "padding_mode");
      attrs_[i] = py::reinterpret_borrow<py::object>(a);
    }
    PyObject* eps = item(instance_dict(bn_).ptr(), kEps);
    NNLITE_CHECK(eps, Value, "_FoldedConv: the batch norm has no attribute eps");
    eps_ = py::reinterpret_borrow<py::object>(eps);
    for (size_t i = 0; i < sources_.size(); ++i) {
      sources_[i] = sources[i];
      if (!sources_[i].is_none()) tensors_[i] = sources_[i].cast<Tensor>();
      versions_[i] = tensors_[i].defined() ? tensors_[i].version() : 0;
    }
    const char* op = "conv2d";
    stride_ = pair_arg(attrs_[0], op, "stride");
    padding_ = pair_arg(attrs_[1], op, "padding");
    dilation_ = pair_arg(attrs_[2], op, "dilation");
    groups_ = int_arg(attrs_[3], op, "groups");
  }

  // relu?(conv2d(x) + residual?) with the folded weights, or None where the entry no longer applies.
  py::object call(py::handle conv, py::handle bn, py::handle x, py::handle residual, py::handle relu) const {
    if (!current(conv, bn, relu) || exported::recording_active()) return py::none();
    if (!py::isinstance<Tensor>(x) || (!residual.is_none() && !py::isinstance<Tensor>(residual))) return py::none();
    const Tensor& xt = x.cast<const Tensor&>();
    if (xt.dim() != 4 || xt.dtype() != weight_.dtype() || xt.device() != weight_.device() || !versions_match(xt))
      return py::none();  // (a mismatch: the modules raise their own errors)
    const Tensor res = residual.is_none() ? Tensor() : residual.cast<Tensor>();
    return py::cast(conv2d_fused(xt, weight_, bias_, stride_, padding_, dilation_, groups_, res, !relu.is_none()));
  }

 private:
  // Attributes of the convolution that the call reads, compared by identity.
  static constexpr std::array<Key, 5> kConvAttrs{kStride, kPadding, kDilation, kGroups, kPaddingMode};
  // Where each source lives: (module 0 = conv / 1 = bn, registry, name).
  struct Place {
    int module;
    Key registry, name;
  };
  static constexpr std::array<Place, 6> kPlaces{{{0, kParameters, kWeight},
                                                 {0, kParameters, kBias},
                                                 {1, kBuffers, kRunningMean},
                                                 {1, kBuffers, kRunningVar},
                                                 {1, kParameters, kWeight},
                                                 {1, kParameters, kBias}}};

  // The same modules, classes, modes, attributes and source tensors as at the fold; no hooks.
  bool current(py::handle conv, py::handle bn, py::handle relu) const {
    if (!bn.is(bn_) || !py::type::handle_of(conv).is(conv_type_)) return false;
    if (!relu.is_none() && !py::type::handle_of(relu).is(relu_type_)) return false;
    const py::object cd_owner = instance_dict(conv), bd_owner = instance_dict(bn);
    PyObject* cd = cd_owner.ptr();
    PyObject* bd = bd_owner.ptr();
    if (!in_eval(cd) || !in_eval(bd) || !plain_call(cd) || !plain_call(bd)) return false;
    if (!relu.is_none() && !plain_call(instance_dict(relu).ptr())) return false;
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (item(cd, kConvAttrs[i]) != attrs_[i].ptr()) return false;
    if (item(bd, kEps) != eps_.ptr()) return false;
    for (size_t i = 0; i < kPlaces.size(); ++i) {
      PyObject* s = item(item(kPlaces[i].module == 0 ? cd : bd, kPlaces[i].registry), kPlaces[i].name);
      if (s != sources_[i].ptr()) return false;
    }
    return true;
  }

  // No source changed in place since the fold, and autograd has nothing to record.
  bool versions_match(const Tensor& x) const {
    const bool grad = grad_enabled();
    if (grad && x.requires_grad()) return false;
    for (size_t i = 0; i < tensors_.size(); ++i) {
      const Tensor& s = tensors_[i];
      if (s.defined() && (s.version() != versions_[i] || (grad && s.requires_grad()))) return false;
    }
    return true;
  }

  py::object conv_type_, bn_, relu_type_, eps_;
  std::array<py::object, kConvAttrs.size()> attrs_;
  std::array<py::object, 6> sources_;  // compared by identity with the modules' registries
  std::array<Tensor, 6> tensors_;      // the same tensors (undefined for None), for versions without a cast
  std::array<uint64_t, 6> versions_{};
  Tensor weight_, bias_;
  Pair stride_{1, 1}, padding_{0, 0}, dilation_{1, 1};
  int64_t groups_ = 1;
};

}  // namespace

void init_eval_fusion(py::module_& m) {
  py::class_<FoldedConv>(m, "_FoldedConv",
                         "The eager eval fusion's cache entry of one Conv2d + BatchNorm2d (nn/_fusion.py).")
      .def(py::init<py::object, py::object, py::object, py::tuple, Tensor, const OptTensor&>(), py::arg("conv"),
           py::arg("bn"), py::arg("relu_type"), py::arg("sources"), py::arg("weight"), py::arg("bias"))
      .def("__call__", &FoldedConv::call, py::arg("conv"), py::arg("bn"), py::arg("input"), py::arg("residual"),
           py::arg("relu"),
           "relu?(conv(input) + residual?) with the folded weights, or None where the entry no longer applies "
           "(then the caller checks the modules again).");
}

}  // namespace nnlite::py_bind
