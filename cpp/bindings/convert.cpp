#include "convert.h"

#include <cstring>

#include "exported/recorder.h"

namespace nnlite::py_bind {

namespace {
bool is_index(py::handle o) {  // Python ints and NumPy integer scalars, not bools or floats
  return !PyBool_Check(o.ptr()) && !PyFloat_Check(o.ptr()) && !py::isinstance<Tensor>(o) &&
         (PyLong_Check(o.ptr()) || (py::hasattr(o, "__index__") && py::hasattr(o, "dtype")));
}
}  // namespace

// ---- sizes read from x.shape while an export records --------------------------
// nnlite._export.dims: TracedDim (an int that remembers the graph value and
// dim it was read from) and DerivedDim (arithmetic on those). Both carry the
// class attribute _nnlite_derived; only int subclasses are looked at, so
// plain ints cost one type comparison.

namespace {
bool is_int_subclass(py::handle v) { return PyLong_Check(v.ptr()) && Py_TYPE(v.ptr()) != &PyLong_Type; }

exported::SizeSource source_of(py::handle v) {
  exported::SizeSource src;
  if (!is_int_subclass(v) || !py::hasattr(v, "_nnlite_derived")) return src;
  if (py::hasattr(v, "value") && py::hasattr(v, "dim")) {
    src.kind = exported::SizeSource::Traced;
    src.value = py::str(v.attr("value"));
    src.dim = v.attr("dim").cast<int64_t>();
  } else {
    src.kind = exported::SizeSource::Derived;
  }
  return src;
}

// A number computed from sizes read while recording, used where the graph
// stores a fixed number: refused rather than frozen.
void refuse_derived(py::handle v, const char* op, const char* name) {
  if (!exported::recording_active() || !is_int_subclass(v) || !py::hasattr(v, "_nnlite_derived")) return;
  throw ExportError(std::string("export: ") + op + "'s " + name + " (" + std::to_string(v.attr("__index__")().cast<int64_t>()) +
                    ") is computed from the inputs' sizes, but the graph stores it as a fixed number, which would "
                    "be wrong for inputs of other sizes");
}
}  // namespace

Shape shape_from_object(py::handle o, const char* op) {
  if (is_index(o)) {
    Shape s{o.attr("__index__")().cast<int64_t>()};
    if (exported::recording_active()) exported::note_sizes(s, {source_of(o)});
    return s;
  }
  NNLITE_CHECK(py::isinstance<py::sequence>(o) && !py::isinstance<py::str>(o), Type, op,
               ": expected a shape (a sequence of ints), got ", type_name(o));
  Shape s;
  const bool recording = exported::recording_active();
  std::vector<exported::SizeSource> sources;
  for (py::handle v : o) {
    NNLITE_CHECK(is_index(v), Type, op, ": shape entries must be ints, got ",
                 type_name(v));
    s.push_back(v.attr("__index__")().cast<int64_t>());
    if (recording) sources.push_back(source_of(v));
  }
  // The side channel (exported/recorder.h): the op called next with this
  // shape learns which sizes follow a graph value.
  if (recording) exported::note_sizes(s, std::move(sources));
  return s;
}

Shape shape_from_args(const py::args& args, const char* op) {
  if (args.size() == 1 && !is_index(args[0])) return shape_from_object(args[0], op);
  return shape_from_object(args, op);
}

Dims dims_from(py::handle o, const char* op) {
  if (o.is_none()) return {};
  return shape_from_object(o, op);
}

bool is_number(py::handle o) {
  if (PyBool_Check(o.ptr()) || PyLong_Check(o.ptr()) || PyFloat_Check(o.ptr())) return true;
  // NumPy scalars
  return py::hasattr(o, "dtype") && py::hasattr(o, "item") && !py::isinstance<py::array>(o) &&
         !py::isinstance<Tensor>(o);
}

int64_t int_arg(py::handle o, const char* op, const char* name) {
  if (PyLong_CheckExact(o.ptr())) {  // a plain int (not a bool or a traced size): no attribute lookups
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
    NNLITE_CHECK(!overflow, Value, op, ": argument '", name, "' (", std::string(py::str(o)), ") does not fit in int64");
    return static_cast<int64_t>(v);
  }
  NNLITE_CHECK(is_index(o), Type, op, ": argument '", name, "' must be an int, got ", type_name(o));
  refuse_derived(o, op, name);
  return o.attr("__index__")().cast<int64_t>();
}

bool is_sequence(py::handle o) { return py::isinstance<py::sequence>(o) && !py::isinstance<py::str>(o); }

Pair pair_arg(py::handle o, const char* op, const char* name) {
  if (is_sequence(o)) {
    auto s = py::reinterpret_borrow<py::sequence>(o);
    NNLITE_CHECK(s.size() == 1 || s.size() == 2, Value, op, ": ", name,
                 " must be an int or a pair of ints (height, width), got a sequence of ", s.size(), " values");
    int64_t a = int_arg(s[0], op, name);
    return {a, s.size() == 2 ? int_arg(s[1], op, name) : a};
  }
  NNLITE_CHECK(!o.is_none(), Type, op, ": ", name, " must be an int or a pair of ints, got None");
  int64_t v = int_arg(o, op, name);
  return {v, v};
}

double float_arg(py::handle o, const char* op, const char* name) {
  NNLITE_CHECK(!PyBool_Check(o.ptr()) && (PyFloat_Check(o.ptr()) || PyLong_Check(o.ptr()) || is_number(o)), Type, op,
               ": argument '", name, "' must be a number, got ", type_name(o));
  refuse_derived(o, op, name);
  return scalar_from(o, op).to_double();
}

Scalar scalar_from(py::handle o, const char* op) {
  if (PyBool_Check(o.ptr())) return Scalar(o.cast<bool>());
  if (PyLong_Check(o.ptr())) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
    NNLITE_CHECK(!overflow, Value, op, ": integer ", std::string(py::str(o)), " does not fit in int64");
    return Scalar(static_cast<int64_t>(v));
  }
  if (PyFloat_Check(o.ptr())) return Scalar(o.cast<double>());
  NNLITE_CHECK(is_number(o), Type, op, ": expected a number, got ", type_name(o));
  return scalar_from(o.attr("item")(), op);  // NumPy scalars
}

namespace {
Tensor number(py::handle o) {
  Scalar s = scalar_from(o, "operand");
  return scalar_tensor(s, s.dtype(), true);
}
}  // namespace

Tensor operand(py::handle o, const char* op) {
  // Load the Tensor caster directly: isinstance + cast would look the type
  // up twice, on every operator call.
  py::detail::make_caster<Tensor> tensor;
  if (tensor.load(o, /*convert=*/false)) return py::detail::cast_op<const Tensor&>(tensor);
  if (is_number(o)) {
    if (exported::recording_active() && is_int_subclass(o) && py::hasattr(o, "_nnlite_derived"))
      throw ExportError(std::string("export: ") + op + " uses a number computed from the inputs' sizes as an "
                        "operand; graphs cannot follow it (use tensor ops instead)");
    return number(o);
  }
  NNLITE_FAIL(Type, op, ": expected a Tensor or a number, got ", type_name(o));
}

std::optional<DType> dtype_from(py::handle o) {
  if (o.is_none()) return std::nullopt;
  if (py::isinstance<DType>(o)) return o.cast<DType>();
  if (py::isinstance<py::str>(o)) return dtype_from_name(o.cast<std::string>());
  if (o.ptr() == reinterpret_cast<PyObject*>(&PyFloat_Type)) return DType::Float32;
  if (o.ptr() == reinterpret_cast<PyObject*>(&PyLong_Type)) return DType::Int64;
  if (o.ptr() == reinterpret_cast<PyObject*>(&PyBool_Type)) return DType::Bool;
  try {  // numpy dtypes and scalar types
    py::object np = py::module_::import("numpy");
    std::string name = py::str(np.attr("dtype")(o).attr("name"));
    return dtype_from_name(name);
  } catch (py::error_already_set&) {
  }
  NNLITE_FAIL(Type, "dtype: cannot interpret ", std::string(py::repr(o)), " as an nnlite dtype");
}

Device device_from(py::handle o) {
  if (py::isinstance<Device>(o)) return o.cast<Device>();
  NNLITE_CHECK(py::isinstance<py::str>(o), Type, "device: expected a string such as 'cpu' or a device, got ",
               type_name(o));
  return Device(o.cast<std::string>());
}

py::object dtype_object(DType t) { return py::cast(t); }

namespace {
// Set from Python only, under the GIL.
DType g_default_float = DType::Float32;
std::optional<Device> g_default_device;
}  // namespace

DType default_float_dtype() { return g_default_float; }
void set_default_float_dtype(DType d) {
  NNLITE_CHECK(d == DType::Float32 || d == DType::Float64, Type,
               "set_default_dtype: only floating-point dtypes (float32, float64) can be the default, got ",
               dtype_name(d));
  g_default_float = d;
}
std::optional<Device> default_device() { return g_default_device; }
void set_default_device(std::optional<Device> d) { g_default_device = d; }

namespace {
DType dtype_of_numpy(const py::dtype& dt) {
  char kind = dt.kind();
  size_t size = dt.itemsize();
  if (kind == 'f' && size == 4) return DType::Float32;
  if (kind == 'f' && size == 8) return DType::Float64;
  if (kind == 'i' && size == 8) return DType::Int64;
  if (kind == 'i' && size == 4) return DType::Int32;
  if (kind == 'u' && size == 1) return DType::UInt8;
  if (kind == 'b') return DType::Bool;
  NNLITE_FAIL(Type, "from_numpy: numpy dtype ", std::string(py::str(dt)),
              " is not supported; expected float32, float64, int64, int32, uint8 or bool");
}

// nnlite's dtype names are NumPy's names too.
const char* numpy_name(DType t) { return dtype_name(t); }
}  // namespace

Tensor from_numpy(const py::array& a) {
  std::string order = py::str(a.dtype().attr("byteorder"));
  NNLITE_CHECK(order != ">", Value, "from_numpy: the array is big-endian (byte order '>'); nnlite shares memory in "
               "native byte order only: convert with arr.astype(arr.dtype.newbyteorder('='))");
  DType dt = dtype_of_numpy(a.dtype());
  // A read-only array (np.frombuffer of bytes, a read-only memmap) must not
  // be written through an nnlite tensor: share only writable memory, copy the rest.
  if (!a.writeable()) return from_numpy(py::module_::import("numpy").attr("array")(a, py::arg("copy") = true));
  const int64_t isz = static_cast<int64_t>(itemsize(dt));
  Shape shape, strides;
  bool aligned = true;
  for (py::ssize_t i = 0; i < a.ndim(); ++i) {
    shape.push_back(a.shape(i));
    if (a.strides(i) % isz != 0) aligned = false;
    strides.push_back(a.strides(i) / isz);
  }
  if (!aligned) {  // strides that are not whole elements: copy
    py::array c = py::module_::import("numpy").attr("ascontiguousarray")(a);
    return from_numpy(c);
  }
  // The storage starts at the lowest address the strides reach.
  int64_t low = 0, high = 0;
  bool empty_arr = shape_numel(shape) == 0;
  for (size_t i = 0; i < shape.size() && !empty_arr; ++i) {
    int64_t reach = (shape[i] - 1) * strides[i];
    (reach < 0 ? low : high) += reach;
  }
  char* base = static_cast<char*>(const_cast<void*>(a.data())) + low * isz;
  auto keep = new py::object(py::reinterpret_borrow<py::object>(a));
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = std::make_shared<Storage>(base, static_cast<size_t>(empty_arr ? 0 : high - low + 1) * isz, Device(),
                                            [keep](void*) {
                                              if (!Py_IsInitialized()) return;
                                              py::gil_scoped_acquire gil;
                                              delete keep;
                                            });
  impl->shape = shape;
  impl->strides = strides;
  impl->offset = -low;
  impl->dtype = dt;
  return Tensor(std::move(impl));
}

py::array to_numpy(const Tensor& t) {
  NNLITE_CHECK(t.device().is_cpu(), Type, "numpy: the tensor is on ", t.device().str(),
               "; copy it to the CPU first with .cpu()");
  const int64_t isz = static_cast<int64_t>(t.itemsize());
  std::vector<py::ssize_t> shape(t.shape().begin(), t.shape().end()), strides;
  for (int64_t s : t.strides()) strides.push_back(s * isz);
  auto holder = new std::shared_ptr<Storage>(t.storage());
  py::capsule base(holder, [](void* p) { delete static_cast<std::shared_ptr<Storage>*>(p); });
  return py::array(py::dtype(numpy_name(t.dtype())), shape, strides, t.data_ptr(), base);
}

namespace {
bool is_nested(py::handle o) { return py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o); }

std::string index_path(const std::vector<size_t>& path) {
  std::string s;
  for (size_t i : path) s += "[" + std::to_string(i) + "]";
  return s.empty() ? "the top level" : "data" + s;
}

// Finds where a nested list is ragged, for tensor()'s error: the first
// sequence whose items are not all sequences of one length, or all scalars.
// Returns "" when it finds no such place.
std::string ragged_place(py::handle o, std::vector<size_t>& path) {
  if (!is_nested(o)) return "";
  py::sequence seq = py::reinterpret_borrow<py::sequence>(o);
  for (size_t i = 1; i < seq.size(); ++i) {
    py::handle a = seq[0], b = seq[i];
    if (is_nested(a) != is_nested(b) || (is_nested(a) && py::len(a) != py::len(b))) {
      auto what = [](py::handle x) {
        return is_nested(x) ? "a sequence of length " + std::to_string(py::len(x)) : std::string("a scalar");
      };
      path.push_back(i);
      std::string at = index_path(path);
      path.back() = 0;
      return at + " is " + what(b) + " but " + index_path(path) + " is " + what(a);
    }
  }
  for (size_t i = 0; i < seq.size(); ++i) {
    path.push_back(i);
    std::string found = ragged_place(seq[i], path);
    path.pop_back();
    if (!found.empty()) return found;
  }
  return "";
}
}  // namespace

Tensor tensor_from_data(py::handle data, std::optional<DType> dtype) {
  if (py::isinstance<Tensor>(data)) {
    Tensor t = data.cast<Tensor>().detach().clone();
    return dtype ? t.to(*dtype) : t;
  }
  py::object np = py::module_::import("numpy");
  py::array arr;
  try {
    arr = np.attr("array")(data);
  } catch (py::error_already_set& e) {
    std::vector<size_t> path;
    const std::string place = e.matches(PyExc_ValueError) ? ragged_place(data, path) : "";
    if (place.empty()) throw;
    NNLITE_FAIL(Value, "tensor: the nested sequence is ragged: ", place,
                "; expected a rectangular nesting (every sequence at one depth of the same length) of numbers");
  }
  std::string kind(1, arr.dtype().kind());
  if (!dtype) {
    // Python floats take the default dtype (float32 unless set); ints int64; bools bool.
    if (kind == "f") dtype = default_float_dtype();
    else if (kind == "i" || kind == "u") dtype = arr.dtype().itemsize() == 1 && kind == "u" ? DType::UInt8
                                                 : arr.dtype().itemsize() == 4 && kind == "i" ? DType::Int32
                                                                                             : DType::Int64;
    else if (kind == "b") dtype = DType::Bool;
    else
      NNLITE_FAIL(Type, "tensor: cannot build a tensor from data of numpy dtype ", std::string(py::str(arr.dtype())),
                  "; expected numbers or nested sequences of numbers");
    // NumPy arrays and scalars keep their dtype, like torch.tensor.
    if (py::isinstance<py::array>(data) || py::hasattr(data, "dtype")) dtype = dtype_of_numpy(arr.dtype());
  }
  // np.array keeps 0-d arrays 0-d (ascontiguousarray would make them 1-d).
  arr = np.attr("array")(arr, py::arg("dtype") = py::str(numpy_name(*dtype)), py::arg("order") = "C");
  Tensor view = from_numpy(arr);
  return view.clone();
}

}  // namespace nnlite::py_bind
