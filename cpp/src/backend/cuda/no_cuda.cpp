// Built when the CUDA backend is not: answers "no GPU" and never crashes.
#include "backend/backend.h"
#include "backend/cuda/pinned.h"
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

namespace nnlite::cuda {
size_t memory_allocated() { return 0; }
size_t max_memory_allocated() { return 0; }
size_t memory_reserved() { return 0; }
void reset_peak_memory_stats() {}
void empty_cache() {}
void synchronize() { backend::run_deferred_checks(); }  // the host stand-in's (backend.h)
bool stream_query() { return true; }

namespace {
[[noreturn]] void no_events() {
  NNLITE_FAIL(Runtime, "Event: nnlite was built without CUDA; rebuild with -Ccmake.define.NNLITE_CUDA=ON");
}
}  // namespace
void* event_create(bool) { no_events(); }
void event_destroy(void*) {}
void event_record(void*) { no_events(); }
void event_synchronize(void*) { no_events(); }
bool event_query(void*) { no_events(); }
float event_elapsed_ms(void*, void*) { no_events(); }

Tensor pin_memory(const Tensor&) {
  NNLITE_FAIL(Runtime, "pin_memory: nnlite was built without CUDA; pinned memory needs the CUDA backend");
}
bool is_pinned(const Tensor&) { return false; }
}  // namespace nnlite::cuda
