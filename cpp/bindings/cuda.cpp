// nnlite.cuda's runtime calls (memory figures, synchronize, events) and the
// host-side checks of the CUDA backend's plain C++ parts (_C._cuda_host):
// Philox, the strided index math, launch configuration and the caching
// allocator's bookkeeping, which run here whether or not CUDA is built.
#include <pybind11/stl.h>

#include <array>
#include <memory>

#include "backend/backend.h"
#include "backend/cpu/poisson.h"
#include "backend/cuda/block_cache.h"
#include "backend/cuda/philox.h"
#include "backend/cuda/pinned.h"
#include "backend/cuda/strided_index.h"
#include "bindings.h"
#include "nnlite/device.h"
#include "nnlite/error.h"

namespace nnlite::py_bind {

namespace py = pybind11;
using cuda_impl::BlockCache;

namespace {

// A BlockCache over a fake device of `capacity` bytes: addresses are counted
// up, so a test sees exactly which blocks are reused and which are returned.
struct FakeDeviceCache {
  size_t capacity, in_use = 0, next = 4096, frees = 0;
  BlockCache cache;
  explicit FakeDeviceCache(size_t cap)
      : capacity(cap),
        cache([this](size_t n) -> void* {
                if (in_use + n > capacity) return nullptr;
                in_use += n;
                void* p = reinterpret_cast<void*>(next);
                next += n;
                return p;
              },
              [this](void*, size_t n) {
                in_use -= n;
                ++frees;
              }) {}
};

template <int N>
std::vector<std::vector<int64_t>> strided_offsets(const std::vector<int64_t>& shape,
                                                  const std::array<std::vector<int64_t>, N>& strides) {
  cuda_impl::StridedIndex<N> ix;
  NNLITE_CHECK(cuda_impl::make_strided_index<N>(shape, strides, ix), Value, "strided_offsets: too many dims");
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  std::vector<std::vector<int64_t>> out(N);
  for (int64_t i = 0; i < n; ++i) {
    int64_t off[N];
    ix.offsets(i, off);
    for (int k = 0; k < N; ++k) out[k].push_back(off[k]);
  }
  return out;
}

void init_host_checks(py::module_& m) {
  auto h = m.def_submodule("_cuda_host", "host-side checks of the CUDA backend's plain C++ parts");
  // The stand-in CUDA device of the tests on a machine without a GPU (backend.h).
  h.def("set_host_cuda", &backend::set_host_cuda, py::arg("on"));
  h.def("host_cuda", &backend::host_cuda);
  // a + b straight through the backend of a's device, as an op would call it (the stand-in's own test).
  h.def("backend_add", [](const Tensor& a, const Tensor& b) {
    Tensor out = empty(a.shape(), a.dtype(), a.device());
    backend::backend_for(a.device()).binary(backend::Binary::Add, a, b, out);
    return out;
  });
  h.def("philox", [](std::array<uint32_t, 4> ctr, uint32_t k0, uint32_t k1) {
    const cuda_impl::Philox4 r = cuda_impl::philox4x32_10({{ctr[0], ctr[1], ctr[2], ctr[3]}}, k0, k1);
    return std::array<uint32_t, 4>{r.v[0], r.v[1], r.v[2], r.v[3]};
  });
  // n Poisson draws for elements 0..n-1 of a call keyed by `key`, as the kernel makes them.
  h.def("poisson_draws", [](uint64_t key, double rate, int64_t n) {
    std::vector<int64_t> out;
    for (int64_t i = 0; i < n; ++i) {
      cuda_impl::PhiloxStream s(key, static_cast<uint64_t>(i));
      out.push_back(cpu::poisson_draw(rate, s));
    }
    return out;
  });
  h.def("uniform_doubles", [](uint64_t key, int64_t n) {
    std::vector<double> out;
    for (int64_t i = 0; i < n; ++i) {
      const cuda_impl::Philox4 b = cuda_impl::philox_block(key, static_cast<uint64_t>(i));
      out.push_back(cuda_impl::unit_double(b.v[0], b.v[1]));
    }
    return out;
  });
  h.def("strided_offsets2", &strided_offsets<2>);
  h.def("strided_offsets3", &strided_offsets<3>);
  h.def("merged_ndim", [](const std::vector<int64_t>& shape, const std::vector<int64_t>& strides) {
    cuda_impl::StridedIndex<1> ix;
    return cuda_impl::make_strided_index<1>(shape, {strides}, ix) ? ix.ndim : -1;
  });
  h.attr("max_dims") = cuda_impl::kMaxDims;
  h.def("size_class", &BlockCache::size_class);
  py::class_<FakeDeviceCache>(h, "FakeDeviceCache")
      .def(py::init<size_t>(), py::arg("capacity"))
      .def("allocate", [](FakeDeviceCache& c, size_t n) -> py::object {
        void* p = c.cache.allocate(n);
        return p ? py::object(py::int_(reinterpret_cast<uintptr_t>(p))) : py::object(py::none());
      })
      .def("release", [](FakeDeviceCache& c, uintptr_t p) { return c.cache.release(reinterpret_cast<void*>(p)); })
      .def("empty_cache", [](FakeDeviceCache& c) { c.cache.empty_cache(); })
      .def("reset_peak", [](FakeDeviceCache& c) { c.cache.reset_peak(); })
      .def_readonly("device_in_use", &FakeDeviceCache::in_use)
      .def_readonly("device_frees", &FakeDeviceCache::frees)
      .def("stats", [](const FakeDeviceCache& c) {
        const BlockCache::Stats s = c.cache.stats();
        py::dict d;
        d["allocated"] = s.allocated;
        d["peak_allocated"] = s.peak_allocated;
        d["reserved"] = s.reserved;
        d["cached_blocks"] = s.cached_blocks;
        d["device_allocs"] = s.device_allocs;
        return d;
      });
}

// A CUDA event owned by Python.
struct PyEvent {
  std::shared_ptr<void> handle;
  explicit PyEvent(bool timing) : handle(cuda::event_create(timing), cuda::event_destroy) {}
};

}  // namespace

void init_cuda(py::module_& m) {
  m.def("cuda_memory_allocated", &cuda::memory_allocated);
  m.def("cuda_max_memory_allocated", &cuda::max_memory_allocated);
  m.def("cuda_memory_reserved", &cuda::memory_reserved);
  m.def("cuda_reset_peak_memory_stats", &cuda::reset_peak_memory_stats);
  m.def("cuda_empty_cache", &cuda::empty_cache);
  m.def("cuda_synchronize", &cuda::synchronize);
  m.def("cuda_stream_query", &cuda::stream_query);
  m.def("cuda_pin_memory", &cuda::pin_memory, py::arg("x"));
  m.def("cuda_is_pinned", &cuda::is_pinned, py::arg("x"));
  py::class_<PyEvent>(m, "CudaEvent")
      .def(py::init<bool>(), py::arg("enable_timing") = false)
      .def("record", [](PyEvent& e) { cuda::event_record(e.handle.get()); })
      .def("synchronize", [](PyEvent& e) { cuda::event_synchronize(e.handle.get()); })
      .def("query", [](PyEvent& e) { return cuda::event_query(e.handle.get()); })
      .def("elapsed_time", [](PyEvent& a, PyEvent& b) { return cuda::event_elapsed_ms(a.handle.get(), b.handle.get()); });
  init_host_checks(m);
}

}  // namespace nnlite::py_bind
