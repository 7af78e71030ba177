// Factory functions (zeros, arange, randn, ...), random generators and
// run-time information.
#include <random>

#include "bindings.h"
#include "convert.h"
#include "exported/recorder.h"

namespace nnlite::py_bind {

namespace {

struct Options {
  std::optional<DType> dtype;
  Device device;
  bool requires_grad = false;
  Generator* generator = nullptr;
};

Options options(const py::kwargs& kw, const char* op) {
  Options o;
  for (auto item : kw) {
    std::string k = py::str(item.first);
    if (k == "dtype") o.dtype = dtype_from(item.second);
    else if (k == "device") o.device = item.second.is_none() ? Device() : device_from(item.second);
    else if (k == "requires_grad") o.requires_grad = item.second.cast<bool>();
    else if (k == "generator") o.generator = item.second.is_none() ? nullptr : item.second.cast<Generator*>();
    else if (k == "size") continue;
    else NNLITE_FAIL(Type, op, ": unexpected keyword argument '", k, "'");
  }
  return o;
}

Tensor finish(Tensor t, const Options& o) {
  if (!o.device.is_cpu()) t = t.to(o.device);
  if (o.requires_grad) t.requires_grad_(true);
  return t;
}

Shape size_of(const py::args& args, const py::kwargs& kw, const char* op) {
  if (args.size() == 0 && kw.contains("size")) return shape_from_object(kw["size"], op);
  return shape_from_args(args, op);
}

DType number_dtype(py::handle v) {
  if (PyBool_Check(v.ptr())) return DType::Bool;
  if (PyLong_Check(v.ptr())) return DType::Int64;
  return DType::Float32;
}

template <typename F>
void sized(py::module_& m, const char* name, F make) {
  m.def(name, [make, name](py::args args, py::kwargs kw) {
    Options o = options(kw, name);
    return finish(make(size_of(args, kw, name), o), o);
  });
}

template <typename F>
void like(py::module_& m, const char* name, F make) {
  m.def(name, [make, name](const Tensor& x, py::kwargs kw) {
    Options o = options(kw, name);
    if (!o.dtype) o.dtype = x.dtype();
    if (exported::recording_active()) exported::note_shape_of(x);  // an export: the sizes follow x
    return finish(make(x.shape(), o), o);
  }, py::arg("input"));
}

}  // namespace

void init_creation(py::module_& m) {
  py::class_<Generator>(m, "Generator")
      .def(py::init([](py::object device) {
        (void)device;
        return Generator(static_cast<uint64_t>(std::random_device{}()));
      }), py::arg("device") = py::none())
      .def("manual_seed", [](py::object self, uint64_t seed) {
        self.cast<Generator&>().manual_seed(seed);
        return self;
      }, py::arg("seed"))
      .def("initial_seed", &Generator::initial_seed);
  m.def("default_generator", []() -> Generator& { return default_generator(); }, py::return_value_policy::reference);
  m.def("manual_seed", [](int64_t seed) {
    manual_seed(static_cast<uint64_t>(seed));
    return py::module_::import("nnlite").attr("default_generator")();
  }, py::arg("seed"));
  m.def("initial_seed", []() { return default_generator().initial_seed(); });

  auto fdt = [](const Options& o) { return o.dtype.value_or(DType::Float32); };
  sized(m, "zeros", [fdt](const Shape& s, const Options& o) { return zeros(s, fdt(o)); });
  sized(m, "ones", [fdt](const Shape& s, const Options& o) { return ones(s, fdt(o)); });
  sized(m, "empty", [fdt](const Shape& s, const Options& o) { return zeros(s, fdt(o)); });
  sized(m, "rand", [fdt](const Shape& s, const Options& o) { return rand(s, fdt(o), o.generator); });
  sized(m, "randn", [fdt](const Shape& s, const Options& o) { return randn(s, fdt(o), o.generator); });
  like(m, "zeros_like", [](const Shape& s, const Options& o) { return zeros(s, *o.dtype); });
  like(m, "ones_like", [](const Shape& s, const Options& o) { return ones(s, *o.dtype); });
  like(m, "empty_like", [](const Shape& s, const Options& o) { return zeros(s, *o.dtype); });
  like(m, "rand_like", [](const Shape& s, const Options& o) { return rand(s, *o.dtype, o.generator); });
  like(m, "randn_like", [](const Shape& s, const Options& o) { return randn(s, *o.dtype, o.generator); });
  m.def("full", [](py::object size, py::object value, py::kwargs kw) {
    Options o = options(kw, "full");
    DType t = o.dtype.value_or(number_dtype(value));
    return finish(full(shape_from_object(size, "full"), scalar_from(value, "full"), t), o);
  }, py::arg("size"), py::arg("fill_value"));
  m.def("full_like", [](const Tensor& x, py::object value, py::kwargs kw) {
    Options o = options(kw, "full_like");
    if (exported::recording_active()) exported::note_shape_of(x);  // an export: the sizes follow x
    return finish(full(x.shape(), scalar_from(value, "full_like"), o.dtype.value_or(x.dtype())), o);
  }, py::arg("input"), py::arg("fill_value"));
  m.def("arange", [](py::object start, py::object end, py::object step, py::kwargs kw) {
    Options o = options(kw, "arange");
    if (end.is_none()) {
      end = start;
      start = py::int_(0);
    }
    bool all_int = PyLong_Check(start.ptr()) && PyLong_Check(end.ptr()) && PyLong_Check(step.ptr());
    DType t = o.dtype.value_or(all_int ? DType::Int64 : DType::Float32);
    return finish(arange(scalar_from(start, "arange"), scalar_from(end, "arange"), scalar_from(step, "arange"), t),
                  o);
  }, py::arg("start"), py::arg("end") = py::none(), py::arg("step") = 1);
  m.def("linspace", [](double start, double end, int64_t steps, py::kwargs kw) {
    Options o = options(kw, "linspace");
    return finish(linspace(start, end, steps, o.dtype.value_or(DType::Float32)), o);
  }, py::arg("start"), py::arg("end"), py::arg("steps"));
  m.def("eye", [](int64_t n, py::object mcols, py::kwargs kw) {
    Options o = options(kw, "eye");
    std::optional<int64_t> mc;
    if (!mcols.is_none()) mc = int_arg(mcols, "eye", "m");
    return finish(eye(n, mc, o.dtype.value_or(DType::Float32)), o);
  }, py::arg("n"), py::arg("m") = py::none());
  m.def("randint", [](py::args args, py::kwargs kw) {
    // randint(high, size) or randint(low, high, size)
    Options o = options(kw, "randint");
    NNLITE_CHECK(args.size() >= 1, Type, "randint: expected (high, size) or (low, high, size)");
    int64_t low = 0, high;
    py::object size = kw.contains("size") ? py::object(kw["size"]) : py::object(py::none());
    std::vector<py::object> a;
    for (py::handle h : args) a.push_back(py::reinterpret_borrow<py::object>(h));
    if (size.is_none()) {
      NNLITE_CHECK(a.size() >= 2, Type, "randint: missing the size argument");
      size = a.back();
      a.pop_back();
    }
    if (a.size() == 1) {
      high = int_arg(a[0], "randint", "high");
    } else {
      NNLITE_CHECK(a.size() == 2, Type, "randint: expected (high, size) or (low, high, size)");
      low = int_arg(a[0], "randint", "low");
      high = int_arg(a[1], "randint", "high");
    }
    return finish(randint(low, high, shape_from_object(size, "randint"), o.dtype.value_or(DType::Int64), o.generator),
                  o);
  });
  m.def("randperm", [](int64_t n, py::kwargs kw) {
    Options o = options(kw, "randperm");
    Tensor t = randperm(n, o.generator);
    return finish(o.dtype ? t.to(*o.dtype) : t, o);
  }, py::arg("n"));

  m.def("version", &nnlite::version);
  m.def("simd_level", &nnlite::simd_level);
  m.def("get_num_threads", &nnlite::get_num_threads);
  m.def("set_num_threads", &nnlite::set_num_threads, py::arg("n"));
  m.def("cuda_is_compiled", &cuda::is_compiled);
  m.def("cuda_is_available", &cuda::is_available);
  m.def("cuda_device_count", &cuda::device_count);
}

}  // namespace nnlite::py_bind
