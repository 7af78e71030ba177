// nnlite._C: the extension module. nnlite::Error becomes the Python exception
// that its kind names.
#include "bindings.h"
#include "convert.h"

PYBIND11_MODULE(_C, m) {
  namespace py = pybind11;
  using namespace nnlite;
  m.doc() = "nnlite's C++ core";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const py::cast_error& e) {
      // An argument of the wrong Python type that no check above caught.
      PyErr_SetString(PyExc_TypeError, (std::string("nnlite: an argument has the wrong type: ") + e.what()).c_str());
      return;
    } catch (const Error& e) {
      switch (e.kind()) {
        case ErrorKind::Value: PyErr_SetString(PyExc_ValueError, e.what()); return;
        case ErrorKind::Type: PyErr_SetString(PyExc_TypeError, e.what()); return;
        case ErrorKind::Index: PyErr_SetString(PyExc_IndexError, e.what()); return;
        case ErrorKind::NotImplemented: PyErr_SetString(PyExc_NotImplementedError, e.what()); return;
        case ErrorKind::FileNotFound: PyErr_SetString(PyExc_FileNotFoundError, e.what()); return;
        case ErrorKind::Runtime: PyErr_SetString(PyExc_RuntimeError, e.what()); return;
      }
    }
  });
  py_bind::init_tensor(m);
  py_bind::init_creation(m);
  py_bind::init_ops(m);
  py_bind::init_autograd(m);
  py_bind::init_nn(m);
  py_bind::init_io(m);
  py_bind::init_conv_pool_norm(m);
  py_bind::init_data(m);
  py_bind::init_exported(m);
  py_bind::init_recording(m);
  py_bind::init_cpp_modules(m);
  py_bind::init_sequence_ops(m);
  py_bind::init_embedding(m);
  py_bind::init_recurrent(m);
  py_bind::init_spiking(m);
  py_bind::init_rbm(m);
  py_bind::init_binary_gemm(m);
  py_bind::init_gemm_hooks(m);
  py_bind::init_eval_fusion(m);
  py_bind::init_custom_function(m);
  py_bind::init_attention(m);
  py_bind::init_sampling(m);
  py_bind::init_optim_rules(m);
  py_bind::init_cuda(m);
  py_bind::init_cuda_host_gemm(m);  // after init_cuda: adds to its _cuda_host
  py_bind::init_cuda_host_kernels(m);  // after init_cuda: adds to its _cuda_host
  py_bind::init_cuda_host_recurrent(m);  // after init_cuda: adds to its _cuda_host
}
