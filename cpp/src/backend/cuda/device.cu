// The CUDA side of the device abstraction. Device queries work now; the
// kernels of each op family land with the CUDA backend issue, and until then
// ops on a CUDA tensor raise a clear error instead of crashing.
#include <cuda_runtime.h>

#include "backend/backend.h"
#include "nnlite/device.h"

namespace nnlite {
namespace cuda {
bool is_compiled() { return true; }

int device_count() {
  int n = 0;
  // Without a driver this returns an error (e.g. 35): that means zero GPUs.
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();
    return 0;
  }
  return n;
}

bool is_available() { return device_count() > 0; }
}  // namespace cuda

namespace backend {
Backend& cuda_backend(const char* op) {
  const char* sep = op ? ": " : "";
  if (!op) op = "";
  NNLITE_CHECK(cuda::is_available(), Runtime, op, sep, "CUDA is not available: no GPU was found by the CUDA driver");
  NNLITE_FAIL(NotImplemented, op, sep, "the CUDA kernels of nnlite's ops are not implemented yet; move tensors to "
              "'cpu'");
}
}  // namespace backend
}  // namespace nnlite
