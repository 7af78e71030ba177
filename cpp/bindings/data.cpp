// Placeholder until the data bindings land (issue 3).
#include "bindings.h"
namespace nnlite::py_bind {
void init_data(pybind11::module_&) {}
}  // namespace nnlite::py_bind
