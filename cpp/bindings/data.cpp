// Bindings of the native data pipeline (nnlite/data.h). Names start with an
// underscore: nnlite.data's DataLoader and transforms are the public face.
// Waiting for a batch and joining threads release the GIL; the loader's
// threads never take it.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "nnlite/data.h"

namespace py = pybind11;

namespace nnlite::py_bind {

void init_data(py::module_& m) {
  using data::BatchLoader;
  using data::BufferPool;
  using data::ImageAugment;

  m.def("_data_sample_seed", &data::sample_seed, py::arg("base"), py::arg("position"),
        "Seed of the sample at `position` of an epoch with base seed `base`.");
  m.def(
      "_data_sample_generator",
      [](uint64_t base, uint64_t position) { return Generator(data::sample_seed(base, position)); },
      py::arg("base"), py::arg("position"), "A Generator seeded for one sample (see _data_sample_seed).");
  m.def(
      "_data_randint", [](Generator& g, int64_t n) {
        NNLITE_CHECK(n > 0, Value, "randint: the range must hold at least one value, got ", n);
        return static_cast<int64_t>(data::uniform_below(g, static_cast<uint64_t>(n)));
      },
      py::arg("generator"), py::arg("n"), "Uniform integer in [0, n), drawn as the native loader draws it.");
  m.def("_data_uniform", [](Generator& g) { return g.next_double(); }, py::arg("generator"),
        "Uniform double in [0, 1), drawn as the native loader draws it.");
  m.def(
      "_data_crop",
      [](const Tensor& img, int64_t top, int64_t left, int64_t h, int64_t w, bool flip, double fill) {
        py::gil_scoped_release release;
        return data::crop_flip(img, top, left, h, w, flip, fill);
      },
      py::arg("img"), py::arg("top"), py::arg("left"), py::arg("height"), py::arg("width"),
      py::arg("flip") = false, py::arg("fill") = 0.0,
      "img [..., H, W] -> [..., height, width] from (top, left), padded with fill outside, optionally flipped.");
  m.def(
      "_data_resize",
      [](const Tensor& img, int64_t h, int64_t w) {
        py::gil_scoped_release release;
        return data::resize_bilinear(img, h, w);
      },
      py::arg("img"), py::arg("height"), py::arg("width"), "Bilinear resize of img [..., H, W] (half-pixel centres).");
  m.def("_data_live_threads", &data::live_loader_threads, "Native loader threads running now.");

  py::class_<ImageAugment>(m, "_ImageAugment")
      .def(py::init<>())
      .def_readwrite("out_h", &ImageAugment::out_h)
      .def_readwrite("out_w", &ImageAugment::out_w)
      .def_readwrite("random_crop", &ImageAugment::random_crop)
      .def_readwrite("pad_top", &ImageAugment::pad_top)
      .def_readwrite("pad_left", &ImageAugment::pad_left)
      .def_readwrite("pad_bottom", &ImageAugment::pad_bottom)
      .def_readwrite("pad_right", &ImageAugment::pad_right)
      .def_readwrite("top", &ImageAugment::top)
      .def_readwrite("left", &ImageAugment::left)
      .def_readwrite("has_flip", &ImageAugment::has_flip)
      .def_readwrite("flip_p", &ImageAugment::flip_p)
      .def_readwrite("lut", &ImageAugment::lut)
      .def_readwrite("fill", &ImageAugment::fill);

  py::class_<BufferPool, std::shared_ptr<BufferPool>>(m, "_BufferPool")
      .def(py::init<size_t>(), py::arg("keep") = 16)
      .def_property_readonly("idle", &BufferPool::idle)
      .def_property_readonly("reused", &BufferPool::reused)
      .def_property_readonly("allocated", &BufferPool::allocated);

  py::class_<BatchLoader>(m, "_BatchLoader")
      .def(py::init([](const std::vector<std::pair<Tensor, std::optional<ImageAugment>>>& fields,
                       const Tensor& order, int64_t batch_size, bool drop_last, uint64_t base_seed, int num_threads,
                       int prefetch, std::shared_ptr<BufferPool> pool) {
             std::vector<data::Field> fs;
             for (const auto& [source, augment] : fields) fs.push_back({source, augment});
             return std::make_unique<BatchLoader>(std::move(fs), order, batch_size, drop_last, base_seed,
                                                  num_threads, prefetch, std::move(pool));
           }),
           py::arg("fields"), py::arg("order"), py::arg("batch_size"), py::arg("drop_last"), py::arg("base_seed"),
           py::arg("num_threads"), py::arg("prefetch"), py::arg("pool") = nullptr)
      .def_property_readonly("num_batches", &BatchLoader::num_batches)
      .def("next",
           [](BatchLoader& self) -> py::object {
             std::optional<TensorList> batch;
             {
               py::gil_scoped_release release;
               batch = self.next();
             }
             if (!batch) return py::none();
             return py::cast(std::move(*batch));
           },
           "The next batch as a list of tensors, or None after the last one.")
      .def("stop", [](BatchLoader& self) {
        py::gil_scoped_release release;
        self.stop();
      }, "Stop and join the threads (idempotent).");
}

}  // namespace nnlite::py_bind
