// nnlite.Tensor: metadata, conversions, NumPy/DLPack interop, operators and
// indexing. The math methods are bound in ops.cpp.
#include "backend/backend.h"
#include "bindings.h"
#include "convert.h"
#include "docstrings.h"
#include "exported/recorder.h"
#include "indexing.h"
#include "ops/inplace.h"
#include "ops/op_util.h"

namespace nnlite::py_bind {

py::capsule to_dlpack(const Tensor& t);  // dlpack.cpp
Tensor from_dlpack(py::object obj);

namespace {

py::tuple tuple_of(const Shape& s) {
  py::tuple t(s.size());
  for (size_t i = 0; i < s.size(); ++i) t[i] = py::int_(s[i]);
  return t;
}

// ---- export recording hooks ----------------------------------------------------
// While this thread records an export, the sizes of a graph value are
// TracedDim ints (nnlite._export.dims) that remember (value, dim), so that
// x.view(x.shape[0], -1) follows other batch sizes (convert.cpp hands them
// to the recorder), and reading a graph value's numbers is refused.

py::object traced_dim(int64_t size, const std::string& value, int64_t dim) {
  static py::handle cls = py::object(py::module_::import("nnlite._export.dims").attr("TracedDim")).release();
  return cls(size, value, dim);
}

// x's sizes, as TracedDims when x is a graph value of this thread's recording.
py::tuple shape_of(const Tensor& x) {
  if (!exported::recording_active()) return tuple_of(x.shape());
  auto name = exported::value_name(x);
  if (!name) return tuple_of(x.shape());
  py::tuple t(x.shape().size());
  for (size_t i = 0; i < x.shape().size(); ++i)
    t[i] = traced_dim(x.shape()[i], *name, static_cast<int64_t>(i));
  return t;
}

// Python reading the numbers of a graph value (control flow on values).
void refuse_read(const Tensor& x, const char* what) {
  if (exported::recording_active() && exported::value_name(x))
    throw ExportError(std::string("export: Tensor.") + what + " reads the values of a tensor computed from the "
                      "model's inputs; Python control flow or numbers that depend on input values cannot be "
                      "recorded in a graph");
}

// x.to(dtype), x.to("cpu"), x.to(other_tensor), x.to(device, dtype)
Tensor to_any(const Tensor& x, const py::args& args, const py::kwargs& kw) {
  Tensor r = x;
  backend::NonBlockingCopy asked(kw.contains("non_blocking") && kw["non_blocking"].cast<bool>());
  auto apply = [&](py::handle a) {
    if (a.is_none()) return;
    if (py::isinstance<Tensor>(a)) {
      Tensor o = a.cast<Tensor>();
      r = r.to(o.device()).to(o.dtype());
    } else if (py::isinstance<Device>(a)) {
      r = r.to(a.cast<Device>());
    } else if (py::isinstance<py::str>(a)) {
      std::string s = a.cast<std::string>();
      bool is_dtype = true;
      try {
        dtype_from_name(s);
      } catch (const Error&) {
        is_dtype = false;
      }
      r = is_dtype ? r.to(dtype_from_name(s)) : r.to(Device(s));
    } else {
      r = r.to(*dtype_from(a));
    }
  };
  for (py::handle a : args) apply(a);
  if (kw.contains("device")) apply(kw["device"]);
  if (kw.contains("dtype")) apply(kw["dtype"]);
  return r;
}

// torch returns the same object when a conversion changes nothing.
TensorSelf same_or(py::object self, const Tensor& r) {
  return r.same(self.cast<Tensor&>()) ? self : py::object(py::cast(r));
}

py::object getitem(const Tensor& x, py::handle key) {
  Indexed ix = apply_index(x, key);
  if (!ix.has_advanced) return py::cast(ix.view);
  return py::cast(index(ix.view, ix.advanced));
}

void setitem(Tensor& x, py::handle key, py::handle value) {
  Tensor v = operand(value, "index_put");
  if (grad_enabled() && (x.requires_grad() || v.requires_grad())) {
    // Differentiable path: find the flat positions the key selects (by
    // indexing a tensor of positions the same way), then write out of place.
    Tensor pos = arange(x.numel()).view(x.shape());
    Indexed ip = apply_index(pos, key);
    Tensor where_to = ip.has_advanced ? index(ip.view, ip.advanced) : ip.view;
    while (v.dim() > where_to.dim() && v.size(0) == 1) v = v.squeeze(0);
    Tensor vals = v.to(x.dtype()).expand(where_to.shape()).reshape({-1});
    // Copy before viewing: a view of x itself would go stale when x is overwritten.
    Tensor flat = detail::inplace_input(x, x, vals).reshape({-1});
    Tensor updated = index_put(flat, {where_to.reshape({-1})}, detail::inplace_input(vals, x, vals), false);
    detail::assign_(x, updated.view(x.shape()), "setitem");
    return;
  }
  Indexed ix = apply_index(x, key);
  // torch drops leading size-1 dims of the value (x[0] = t of shape [1]).
  while (v.dim() > ix.view.dim() && v.size(0) == 1) v = v.squeeze(0);
  if (!ix.has_advanced) {
    copy_(ix.view, v);
    return;
  }
  Tensor updated = index_put(ix.view, ix.advanced, v, false);
  if (ix.view.same(x))
    detail::assign_(x, updated, "index_put_");
  else
    copy_(ix.view, updated);
}

std::string grad_fn_name(const Node& n) {
  std::string s = n.name;
  bool up = true;
  std::string out;
  for (char c : s) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(c)) : c;
    up = false;
  }
  return n.leaf ? out : out + "Backward";
}

}  // namespace

void init_tensor(py::module_& m) {
  py::enum_<DType>(m, "dtype")
      .value("bool", DType::Bool)
      .value("uint8", DType::UInt8)
      .value("int32", DType::Int32)
      .value("int64", DType::Int64)
      .value("float32", DType::Float32)
      .value("float64", DType::Float64)
      .def("__repr__", [](DType t) { return std::string("nnlite.") + dtype_name(t); })
      .def("__str__", [](DType t) { return std::string("nnlite.") + dtype_name(t); })
      .def_property_readonly("is_floating_point", [](DType t) { return is_floating(t); })
      .def_property_readonly("itemsize", [](DType t) { return itemsize(t); })
      // pybind11's own enum name, with a docstring
      .def_property_readonly("name", [](DType t) { return std::string(dtype_name(t)); }, doc_of("dtype.name"));
  for (int i = 0; i < kNumDTypes; ++i) m.attr(dtype_name(static_cast<DType>(i))) = static_cast<DType>(i);

  py::class_<Device>(m, "device", doc_of("device"))
      .def(py::init([](const std::string& s) { return Device(s); }))
      .def_property_readonly("type", [](const Device& d) { return d.is_cpu() ? "cpu" : "cuda"; })
      .def_property_readonly("index", [](const Device& d) -> py::object {
        return d.is_cpu() ? py::none() : py::object(py::int_(d.index));
      })
      .def("__repr__", [](const Device& d) {
        return d.is_cpu() ? std::string("device(type='cpu')")
                          : "device(type='cuda', index=" + std::to_string(d.index) + ")";
      })
      .def("__str__", &Device::str)
      .def("__eq__", [](const Device& a, py::handle b) {
        if (py::isinstance<py::str>(b)) return a == Device(b.cast<std::string>());
        return py::isinstance<Device>(b) && a == b.cast<Device>();
      })
      .def("__hash__", [](const Device& d) { return static_cast<int>(d.type) * 1000 + d.index; });

  py::class_<Node, std::shared_ptr<Node>>(m, "Node")
      .def("name", &grad_fn_name)
      .def_property_readonly("next_functions", [](const Node& n) {
        py::list out;
        for (auto& e : n.next) out.append(py::make_tuple(e ? py::cast(e) : py::none(), 0));
        return py::tuple(out);
      })
      .def("__repr__", [](const Node& n) { return "<" + grad_fn_name(n) + ">"; });

  py::class_<Tensor> t(m, "Tensor", doc_of("Tensor"));
  t.def(py::init([](const Tensor& other) { return other; }), py::arg("other"))
      .def_property_readonly("shape", &shape_of)
      .def("size", [](const Tensor& x, OptDimArg d) -> py::object {
        if (d.is_none()) return shape_of(x);
        const int64_t dim = d.cast<int64_t>();
        const int64_t n = x.size(dim);  // checks dim
        if (exported::recording_active())
          if (auto name = exported::value_name(x)) return traced_dim(n, *name, dim < 0 ? dim + x.dim() : dim);
        return py::int_(n);
      }, py::arg("dim") = py::none(), doc_of("Tensor.size"))
      .def("stride", [](const Tensor& x, OptDimArg d) -> py::object {
        if (d.is_none()) return tuple_of(x.strides());
        return py::int_(x.strides()[ops::wrap_dim(d.cast<int64_t>(), x.dim(), "stride")]);
      }, py::arg("dim") = py::none(), doc_of("Tensor.stride"))
      .def("storage_offset", &Tensor::offset, doc_of("Tensor.storage_offset"))
      .def("dim", &Tensor::dim, doc_of("Tensor.dim"))
      .def_property_readonly("ndim", &Tensor::dim)
      .def("numel", &Tensor::numel, doc_of("Tensor.numel"))
      .def("__len__", [](const Tensor& x) {
        NNLITE_CHECK(x.dim() > 0, Type, "len() of a 0-d tensor");
        return x.shape()[0];
      })
      .def_property_readonly("dtype", &Tensor::dtype)
      .def_property_readonly("device", &Tensor::device)
      .def_property_readonly("is_cuda", [](const Tensor& x) { return x.device().is_cuda(); })
      .def("is_contiguous", &Tensor::is_contiguous, doc_of("Tensor.is_contiguous"))
      .def("is_floating_point", [](const Tensor& x) { return is_floating(x.dtype()); }, doc_of("Tensor.is_floating_point"))
      .def("element_size", &Tensor::itemsize, doc_of("Tensor.element_size"))
      .def_property_readonly("itemsize", &Tensor::itemsize)
      .def("data_ptr", [](const Tensor& x) { return reinterpret_cast<uintptr_t>(x.data_ptr()); }, doc_of("Tensor.data_ptr"))
      .def_property_readonly("_version", &Tensor::version)
      .def("item", [](const Tensor& x) -> py::object {
        refuse_read(x, "item");
        if (is_floating(x.dtype())) return py::float_(x.item());
        NNLITE_CHECK(x.numel() == 1, Value, "item: a tensor with ", x.numel(), " elements cannot be converted "
                     "to a number; expected exactly one element");
        // Integers are read exactly (a double would round beyond 2^53).
        return to_numpy(x.detach().reshape({}).to(Device())).attr("item")();
      }, doc_of("Tensor.item"))
      .def("numpy", [](const Tensor& x, bool force) {
        refuse_read(x, "numpy");
        NNLITE_CHECK(force || !x.requires_grad(), Runtime, "numpy: can't call numpy() on a tensor that requires "
                     "grad; use tensor.detach().numpy()");
        return to_numpy(x);
      }, py::arg("force") = false, doc_of("Tensor.numpy"))
      .def("__array__", [](const Tensor& x, DTypeArg dtype, py::object) {
        refuse_read(x, "__array__");
        py::array a = to_numpy(x.detach());
        if (!dtype.is_none()) return py::array(a.attr("astype")(dtype));
        return a;
      }, py::arg("dtype") = py::none(), py::arg("copy") = py::none())
      .def("__dlpack__", [](const Tensor& x, py::kwargs) {
        refuse_read(x, "__dlpack__");
        return to_dlpack(x);
      })
      .def("__dlpack_device__", [](const Tensor& x) { return py::make_tuple(x.device().is_cpu() ? 1 : 2, 0); })
      .def("tolist", [](const Tensor& x) {
        refuse_read(x, "tolist");
        return to_numpy(x.detach().to(Device())).attr("tolist")();  // from any device, as torch's
      }, doc_of("Tensor.tolist"))
      .def("to", [](py::object self, const py::args& args, const py::kwargs& kw) -> TensorSelf {
        Tensor& x = self.cast<Tensor&>();
        Tensor r = to_any(x, args, kw);
        return r.same(x) ? self : py::object(py::cast(r));  // like torch: no conversion, same object
      }, doc_of("Tensor.to"))
      .def("astype", [](const Tensor& x, DTypeArg d) { return x.to(*dtype_from(d)); }, doc_of("Tensor.astype"))
      .def("type", [](const Tensor& x, DTypeArg d) { return x.to(*dtype_from(d)); }, doc_of("Tensor.type"))
      .def("float", [](py::object self) { return same_or(self, self.cast<Tensor&>().to(DType::Float32)); }, doc_of("Tensor.float"))
      .def("double", [](py::object self) { return same_or(self, self.cast<Tensor&>().to(DType::Float64)); }, doc_of("Tensor.double"))
      .def("long", [](py::object self) { return same_or(self, self.cast<Tensor&>().to(DType::Int64)); }, doc_of("Tensor.long"))
      .def("int", [](py::object self) { return same_or(self, self.cast<Tensor&>().to(DType::Int32)); }, doc_of("Tensor.int"))
      .def("byte", [](py::object self) { return same_or(self, self.cast<Tensor&>().to(DType::UInt8)); }, doc_of("Tensor.byte"))
      .def("bool", [](py::object self) { return same_or(self, self.cast<Tensor&>().to(DType::Bool)); }, doc_of("Tensor.bool"))
      .def("cpu", [](const Tensor& x) { return x.to(Device()); }, doc_of("Tensor.cpu"))
      .def("cuda", [](const Tensor& x, py::object device, bool non_blocking) {
        const Device d = device.is_none() ? Device(DeviceType::CUDA, 0)
                         : py::isinstance<py::int_>(device) ? Device(DeviceType::CUDA, device.cast<int>())
                                                             : device.cast<Device>();
        NNLITE_CHECK(d.is_cuda(), Value, "cuda: expected a CUDA device, got ", d.str());
        return x.to(d, non_blocking);
      }, py::arg("device") = py::none(), py::arg("non_blocking") = false, doc_of("Tensor.cuda"))
      .def("clone", &Tensor::clone, doc_of("Tensor.clone"))
      .def("contiguous", [](py::object self) -> TensorSelf {
        Tensor& x = self.cast<Tensor&>();
        return x.is_contiguous() ? self : py::object(py::cast(x.contiguous()));
      }, doc_of("Tensor.contiguous"))
      .def("__repr__", [](py::object self) {
        return py::module_::import("nnlite._format").attr("tensor_repr")(self);
      })
      .def("__hash__", [](py::handle self) { return reinterpret_cast<intptr_t>(self.ptr()); })
      .def("__bool__", [](const Tensor& x) {
        refuse_read(x, "__bool__");
        NNLITE_CHECK(x.numel() == 1, Value, "bool: the truth value of a tensor with ", x.numel(),
                     " elements is ambiguous; use .any() or .all()");
        return x.item() != 0;
      })
      .def("__float__", [](const Tensor& x) {
        refuse_read(x, "__float__");
        return x.item();
      })
      .def("__int__", [](py::object self) {
        refuse_read(self.cast<const Tensor&>(), "__int__");
        return py::int_(self.attr("item")());
      })
      .def("__index__", [](const Tensor& x) {
        refuse_read(x, "__index__");
        NNLITE_CHECK(!is_floating(x.dtype()) && x.numel() == 1, Type, "__index__: only integer tensors of one "
                     "element can be converted to an index");
        return static_cast<int64_t>(x.item());
      })
      .def("__getitem__", &getitem)
      // Python's own sequence iterator (x[0], x[1], ... up to the first
      // IndexError), as a method so that an export can refuse it.
      .def("__iter__", [](py::object self) {
        refuse_read(self.cast<const Tensor&>(), "__iter__");
        PyObject* it = PySeqIter_New(self.ptr());
        if (!it) throw py::error_already_set();
        return py::reinterpret_steal<py::iterator>(it);
      })
      .def("__setitem__", &setitem)
      // autograd
      .def_property("requires_grad", &Tensor::requires_grad,
                    [](Tensor& x, bool on) { x.requires_grad_(on); })
      .def("requires_grad_", [](TensorSelf self, bool on) {
        self.cast<Tensor&>().requires_grad_(on);
        return self;
      }, py::arg("requires_grad") = true, doc_of("Tensor.requires_grad_"))
      .def_property("grad", [](const Tensor& x) -> MaybeTensor {
        Tensor g = x.grad();
        return g.defined() ? py::cast(g) : py::none();
      }, [](Tensor& x, MaybeTensor g) {
        NNLITE_CHECK(g.is_none() || py::isinstance<Tensor>(g), Type,
                     "grad: the assigned gradient must be a Tensor or None, got ", type_name(g));
        x.set_grad(g.is_none() ? Tensor() : g.cast<Tensor>());
      })
      .def_property_readonly("grad_fn", [](const Tensor& x) -> py::object {
        if (!x.grad_fn()) return py::none();
        return py::cast(x.grad_fn());
      })
      .def_property_readonly("is_leaf", &Tensor::is_leaf)
      .def_property_readonly("retains_grad", [](const Tensor& x) { return x.impl()->retains_grad; })
      .def("detach", &Tensor::detach, doc_of("Tensor.detach"))
      .def("detach_", [](TensorSelf self) {
        Tensor& x = self.cast<Tensor&>();
        x.impl()->grad_fn = nullptr;
        x.impl()->requires_grad = false;
        return self;
      }, doc_of("Tensor.detach_"))
      .def_property("data", &Tensor::detach, [](Tensor& x, const Tensor& src) { x.set_data(src); })
      .def("retain_grad", &Tensor::retain_grad, doc_of("Tensor.retain_grad"))
      .def("register_hook", [](const Tensor& x, py::function fn) {
        x.register_hook([fn](const Tensor& g) -> Tensor {
          py::gil_scoped_acquire gil;
          py::object r = fn(g);
          return r.is_none() ? Tensor() : r.cast<Tensor>();
        });
      }, doc_of("Tensor.register_hook"))
      .def("register_post_accumulate_grad_hook", [](const Tensor& x, py::function fn) {
        x.register_post_accumulate_grad_hook([fn](const Tensor& leaf) {
          py::gil_scoped_acquire gil;
          fn(leaf);
        });
      }, doc_of("Tensor.register_post_accumulate_grad_hook"))
      .def("backward", [](const Tensor& x, MaybeTensor gradient, OptBool retain_graph, bool create_graph) {
        Tensor g = gradient.is_none() ? Tensor() : operand(gradient, "backward");
        bool retain = retain_graph.is_none() ? create_graph : retain_graph.cast<bool>();
        x.backward(g, retain, create_graph);
      }, py::arg("gradient") = py::none(), py::arg("retain_graph") = py::none(), py::arg("create_graph") = false, doc_of("Tensor.backward"));

  m.def("from_numpy", [](py::array a) { return from_numpy(a); }, py::arg("ndarray"), doc_of("from_numpy"));
  m.def("from_dlpack", &from_dlpack, py::arg("ext_tensor"), doc_of("from_dlpack"));
  m.def("tensor", [](py::object data, DTypeArg dtype, DeviceArg device, bool requires_grad) {
    NNLITE_CHECK(!py::isinstance<py::str>(dtype), Type, "tensor: dtype must be an nnlite dtype such as "
                 "nnlite.float32, not the string '", dtype.cast<std::string>(), "'");
    Tensor t = tensor_from_data(data, dtype_from(dtype));
    if (!device.is_none()) t = t.to(device_from(device));
    else if (default_device()) t = t.to(*default_device());
    if (requires_grad) t.requires_grad_(true);
    return t;
  }, py::arg("data"), py::arg("dtype") = py::none(), py::arg("device") = py::none(),
        py::arg("requires_grad") = false, doc_of("tensor"));
  m.def("as_strided", [](const Tensor& x, SizeArg size, SizeArg stride, int64_t offset) {
    return x.as_strided(shape_from_object(size, "as_strided"), shape_from_object(stride, "as_strided"), offset);
  }, py::arg("input"), py::arg("size"), py::arg("stride"), py::arg("storage_offset") = 0, doc_of("as_strided"));
}

}  // namespace nnlite::py_bind
