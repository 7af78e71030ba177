// Built when the CUDA backend is not: answers "no GPU" and never crashes.
#include "backend/backend.h"
#include "nnlite/device.h"

namespace nnlite {
namespace cuda {
bool is_compiled() { return false; }
bool is_available() { return false; }
int device_count() { return 0; }
}  // namespace cuda

namespace backend {
Backend& cuda_backend(const char* op) {
  NNLITE_FAIL(Runtime, op ? op : "", op ? ": " : "", "nnlite was built without CUDA: this operation needs a CUDA "
              "device; rebuild with -Ccmake.define.NNLITE_CUDA=ON on a machine with nvcc");
}
}  // namespace backend
}  // namespace nnlite
