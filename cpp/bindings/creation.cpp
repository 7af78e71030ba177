// Factory functions (zeros, arange, randn, ...), random generators and
// run-time information.
#include <random>

#include "bindings.h"
#include "convert.h"
#include "docstrings.h"
#include "exported/recorder.h"

namespace nnlite::py_bind {

namespace {

// The keyword arguments torch's factories take: dtype, device and
// requires_grad go into TensorOptions (None leaves the op's default),
// generator to the random ops.
struct Options {
  TensorOptions tensor;
  Generator* generator = nullptr;
};

// What the factories give when dtype/device are not named: the default device (set_default_device),
// and, for a factory whose result is floating (``floating``), the default floating dtype.
Options options(const py::kwargs& kw, const char* op, bool floating = false);

// The _like ops take unset fields from their input, not from the defaults.
Options like_kwargs(const py::kwargs& kw, const char* op);

Options options(const py::kwargs& kw, const char* op, bool floating) {
  Options o = like_kwargs(kw, op);
  if (!o.tensor.has_device() && default_device()) o.tensor = o.tensor.device(*default_device());
  if (floating && !o.tensor.has_dtype() && default_float_dtype() != DType::Float32)
    o.tensor = o.tensor.dtype(default_float_dtype());
  return o;
}

Options like_kwargs(const py::kwargs& kw, const char* op) {
  Options o;
  for (auto item : kw) {
    std::string k = py::str(item.first);
    if (k == "dtype") {
      if (auto d = dtype_from(item.second)) o.tensor = o.tensor.dtype(*d);
    } else if (k == "device") {
      if (!item.second.is_none()) o.tensor = o.tensor.device(device_from(item.second));
    } else if (k == "requires_grad") {
      o.tensor = o.tensor.requires_grad(item.second.cast<bool>());
    } else if (k == "generator") {
      o.generator = item.second.is_none() ? nullptr : item.second.cast<Generator*>();
    } else if (k == "size") {
      continue;
    } else {
      NNLITE_FAIL(Type, op, ": unexpected keyword argument '", k, "'");
    }
  }
  return o;
}

Shape size_of(const py::args& args, const py::kwargs& kw, const char* op) {
  if (args.size() == 0 && kw.contains("size")) return shape_from_object(kw["size"], op);
  return shape_from_args(args, op);
}

// The factories below take torch's keywords through **kwargs, so their
// docstrings (docstrings_creation.cpp) carry the signature line pybind11 would
// write as (*args, **kwargs): bind them inside a NoSignature scope.
struct NoSignature {
  py::options opts;
  NoSignature() { opts.disable_function_signatures(); }
};

template <typename F>
void sized(py::module_& m, const char* name, F make) {
  NoSignature scope;
  m.def(name, [make, name](py::args args, py::kwargs kw) {
    return make(size_of(args, kw, name), options(kw, name, true));
  }, doc_of(name));
}

// full(size, 1.5) and arange(0.5, 2) are floating because a value is a Python/NumPy float.
bool any_float(std::initializer_list<py::handle> values) {
  for (py::handle v : values)
    if (py::isinstance<py::float_>(v) ||
        (py::hasattr(v, "dtype") && std::string(py::str(v.attr("dtype").attr("kind"))) == "f"))
      return true;
  return false;
}

// What the *_like ops do with their options, for the random ones given a
// generator (which the C++ *_like ops, as libtorch's, do not take).
TensorOptions like_options(const Tensor& x, const TensorOptions& o) {
  return TensorOptions()
      .dtype(o.has_dtype() ? o.dtype() : x.dtype())
      .device(o.has_device() ? o.device() : x.device())
      .requires_grad(o.requires_grad());
}

template <typename F>
void like(py::module_& m, const char* name, F make) {
  NoSignature scope;
  m.def(name, [make, name](const Tensor& x, py::kwargs kw) { return make(x, like_kwargs(kw, name)); },
        py::arg("input"), doc_of(name));
}

// A seed as torch takes it: any int in [-2^63, 2^64); negatives wrap to uint64. Checked here so
// 2**70 gets a message naming the call instead of pybind11's "incompatible function arguments".
uint64_t seed_from(const py::object& h, const char* op) {
  if (!py::isinstance<py::int_>(h) || py::isinstance<py::bool_>(h))
    throw py::type_error(std::string(op) + ": seed must be an int, got " +
                         std::string(py::str(py::type::handle_of(h).attr("__name__"))));
  const py::int_ lo(-(int64_t{1} << 62) * 2), hi(py::int_(uint64_t{1} << 63) * py::int_(2));
  if (h < lo || h >= hi)
    throw py::value_error(std::string(op) + ": seed must be in [-2**63, 2**64), got " + std::string(py::str(h)));
  return h < py::int_(0) ? static_cast<uint64_t>(h.cast<int64_t>()) : h.cast<uint64_t>();
}

}  // namespace

void init_creation(py::module_& m) {
  py::class_<Generator>(m, "Generator", doc_of("Generator"))
      .def(py::init([](py::object device) {
        (void)device;
        return Generator(static_cast<uint64_t>(std::random_device{}()));
      }), py::arg("device") = py::none())
      .def("manual_seed", [](py::object self, py::object seed) {
        self.cast<Generator&>().manual_seed(seed_from(seed, "Generator.manual_seed"));
        return self;
      }, py::arg("seed"), doc_of("Generator.manual_seed"))
      .def("initial_seed", &Generator::initial_seed, doc_of("Generator.initial_seed"));
  m.def("default_generator", []() -> Generator& { return default_generator(); }, py::return_value_policy::reference, doc_of("default_generator"));
  m.def("manual_seed", [](py::object seed) {
    manual_seed(seed_from(seed, "manual_seed"));
    return py::module_::import("nnlite").attr("default_generator")();
  }, py::arg("seed"), doc_of("manual_seed"));
  m.def("initial_seed", []() { return default_generator().initial_seed(); }, doc_of("initial_seed"));

  // empty gives zeros: the same cost here, and no uninitialised memory reaches Python.
  sized(m, "zeros", [](const Shape& s, const Options& o) { return zeros(s, o.tensor); });
  sized(m, "ones", [](const Shape& s, const Options& o) { return ones(s, o.tensor); });
  sized(m, "empty", [](const Shape& s, const Options& o) { return zeros(s, o.tensor); });
  sized(m, "rand", [](const Shape& s, const Options& o) { return rand(s, o.generator, o.tensor); });
  sized(m, "randn", [](const Shape& s, const Options& o) { return randn(s, o.generator, o.tensor); });
  like(m, "zeros_like", [](const Tensor& x, const Options& o) { return zeros_like(x, o.tensor); });
  like(m, "ones_like", [](const Tensor& x, const Options& o) { return ones_like(x, o.tensor); });
  like(m, "empty_like", [](const Tensor& x, const Options& o) { return zeros_like(x, o.tensor); });
  like(m, "rand_like", [](const Tensor& x, const Options& o) {
    return o.generator ? rand(x.shape(), o.generator, like_options(x, o.tensor)) : rand_like(x, o.tensor);
  });
  like(m, "randn_like", [](const Tensor& x, const Options& o) {
    return o.generator ? randn(x.shape(), o.generator, like_options(x, o.tensor)) : randn_like(x, o.tensor);
  });
  {
  NoSignature scope;  // for full .. randint, as in sized()
  m.def("full", [](py::object size, py::object value, py::kwargs kw) {
    return full(shape_from_object(size, "full"), scalar_from(value, "full"),
                options(kw, "full", any_float({value})).tensor);
  }, py::arg("size"), py::arg("fill_value"), doc_of("full"));
  m.def("full_like", [](const Tensor& x, py::object value, py::kwargs kw) {
    return full_like(x, scalar_from(value, "full_like"), like_kwargs(kw, "full_like").tensor);
  }, py::arg("input"), py::arg("fill_value"), doc_of("full_like"));
  m.def("arange", [](py::object start, py::object end, py::object step, py::kwargs kw) {
    Options o = options(kw, "arange", any_float({start, end, step}));
    if (end.is_none()) {
      end = start;
      start = py::int_(0);
    }
    return arange(scalar_from(start, "arange"), scalar_from(end, "arange"), scalar_from(step, "arange"), o.tensor);
  }, py::arg("start"), py::arg("end") = py::none(), py::arg("step") = 1, doc_of("arange"));
  m.def("linspace", [](double start, double end, int64_t steps, py::kwargs kw) {
    return linspace(start, end, steps, options(kw, "linspace", true).tensor);
  }, py::arg("start"), py::arg("end"), py::arg("steps"), doc_of("linspace"));
  m.def("eye", [](int64_t n, py::object mcols, py::kwargs kw) {
    Options o = options(kw, "eye", true);
    return eye(n, mcols.is_none() ? n : int_arg(mcols, "eye", "m"), o.tensor);
  }, py::arg("n"), py::arg("m") = py::none(), doc_of("eye"));
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
    return randint(low, high, shape_from_object(size, "randint"), o.generator, o.tensor);
  }, doc_of("randint"));
  }
  // normal(mean, std): tensors broadcast, or one a float; normal(mean, std, size) with floats.
  m.def("normal", [](py::object mean, py::object std, py::object size, py::kwargs kw) -> Tensor {
    Options o = options(kw, "normal", true);
    const bool mt = py::isinstance<Tensor>(mean), st = py::isinstance<Tensor>(std);
    if (!mt && !st) {
      NNLITE_CHECK(!size.is_none(), Type, "normal: with a float mean and std, expected a size");
      return normal(float_arg(mean, "normal", "mean"), float_arg(std, "normal", "std"),
                    shape_from_object(size, "normal"), o.generator, o.tensor);
    }
    NNLITE_CHECK(size.is_none(), Type, "normal: size is taken only with a float mean and std");
    if (mt && st) return normal(mean.cast<const Tensor&>(), std.cast<const Tensor&>(), o.generator);
    if (mt) return normal(mean.cast<const Tensor&>(), float_arg(std, "normal", "std"), o.generator);
    return normal(float_arg(mean, "normal", "mean"), std.cast<const Tensor&>(), o.generator);
  }, py::arg("mean"), py::arg("std") = 1.0, py::arg("size") = py::none(), doc_of("normal"));
  // randint_like(input, high) or randint_like(input, low, high), low and high also by name.
  m.def("randint_like", [](const Tensor& x, py::args args, py::kwargs kw) {
    py::dict rest;
    std::optional<int64_t> low, high;
    for (auto item : kw) {
      std::string k = py::str(item.first);
      if (k == "low") low = int_arg(item.second, "randint_like", "low");
      else if (k == "high") high = int_arg(item.second, "randint_like", "high");
      else rest[item.first] = item.second;
    }
    NNLITE_CHECK(args.size() <= 2, Type, "randint_like: expected (input, high) or (input, low, high), got ",
                 args.size() + 1, " positional arguments");
    if (args.size() == 2) {
      low = int_arg(args[0], "randint_like", "low");
      high = int_arg(args[1], "randint_like", "high");
    } else if (args.size() == 1) {
      (high ? low : high) = int_arg(args[0], "randint_like", high ? "low" : "high");
    }
    NNLITE_CHECK(high.has_value(), Type, "randint_like: missing the argument 'high'");
    Options o = like_kwargs(py::kwargs(rest), "randint_like");
    return randint_like(x, low.value_or(0), *high, o.generator, o.tensor);
  }, py::arg("input"), doc_of("randint_like"));
  NoSignature scope;  // randperm only: the rest have their own signatures
  m.def("randperm", [](int64_t n, py::kwargs kw) {
    Options o = options(kw, "randperm");
    return randperm(n, o.generator, o.tensor);
  }, py::arg("n"), doc_of("randperm"));
  scope.opts.enable_function_signatures();

  m.def("set_default_dtype", [](py::object d) {
    auto dt = dtype_from(d);
    NNLITE_CHECK(dt.has_value(), Type, "set_default_dtype: expected a dtype such as nnlite.float64, got None");
    set_default_float_dtype(*dt);
  }, py::arg("d"),
        "The floating dtype that factories and nnlite.tensor() give when no dtype is named (torch's "
        "set_default_dtype).\n\nArgs:\n    d (dtype): nnlite.float32 (the default) or nnlite.float64.\n\nRaises:\n"
        "    TypeError: for any other dtype.\n\nExample:\n    >>> nnlite.set_default_dtype(nnlite.float64)\n"
        "    >>> nnlite.zeros(1).dtype == nnlite.float64\n    True\n    >>> nnlite.set_default_dtype(nnlite.float32)\n");
  m.def("get_default_dtype", []() { return default_float_dtype(); },
        "The floating dtype factories give when none is named (see set_default_dtype).\n\nReturns:\n"
        "    dtype: nnlite.float32 unless set_default_dtype changed it.\n\nExample:\n"
        "    >>> nnlite.get_default_dtype() == nnlite.float32\n    True\n");
  m.def("_set_default_device", [](py::object d) {
    set_default_device(d.is_none() ? std::nullopt : std::optional<Device>(device_from(d)));
  }, py::arg("device"));
  m.def("_get_default_device", []() { return default_device().value_or(Device()); });

  m.def("version", &nnlite::version);
  m.def("simd_level", &nnlite::simd_level, doc_of("simd_level"));
  m.def("get_num_threads", &nnlite::get_num_threads, doc_of("get_num_threads"));
  m.def("set_num_threads", &nnlite::set_num_threads, py::arg("n"), doc_of("set_num_threads"));
  m.def("cuda_is_compiled", &cuda::is_compiled);
  m.def("cuda_is_available", &cuda::is_available);
  m.def("cuda_device_count", &cuda::device_count);
}

}  // namespace nnlite::py_bind
