// Placeholder until the cnn bindings land (issue 3).
#include "bindings.h"
namespace nnlite::py_bind {
void init_cnn(pybind11::module_&) {}
}  // namespace nnlite::py_bind
