// nnlite.cuda.Event and the stream queries: thin wrappers over CUDA events on
// the backend's one stream.
#include "backend/cuda/common.cuh"
#include "nnlite/device.h"

namespace nnlite::cuda {

namespace {
cudaEvent_t as_event(void* e) { return static_cast<cudaEvent_t>(e); }
void need_cuda(const char* what) {
  NNLITE_CHECK(is_available(), Runtime, what, ": CUDA is not available: no GPU was found by the CUDA driver");
}
}  // namespace

bool stream_query() {
  if (!is_available()) return true;
  const cudaError_t err = cudaStreamQuery(cuda_impl::stream());
  if (err == cudaErrorNotReady) return false;
  NNLITE_CUDA_CHECK(err, "Stream.query");
  return true;
}

void* event_create(bool enable_timing) {
  need_cuda("Event");
  cudaEvent_t e = nullptr;
  NNLITE_CUDA_CHECK(cudaEventCreateWithFlags(&e, enable_timing ? cudaEventDefault : cudaEventDisableTiming), "Event");
  return e;
}

void event_destroy(void* e) {
  if (e) cudaEventDestroy(as_event(e));
}

void event_record(void* e) { NNLITE_CUDA_CHECK(cudaEventRecord(as_event(e), cuda_impl::stream()), "Event.record"); }

void event_synchronize(void* e) { NNLITE_CUDA_CHECK(cudaEventSynchronize(as_event(e)), "Event.synchronize"); }

bool event_query(void* e) {
  const cudaError_t err = cudaEventQuery(as_event(e));
  if (err == cudaErrorNotReady) return false;
  NNLITE_CUDA_CHECK(err, "Event.query");
  return true;
}

float event_elapsed_ms(void* start, void* end) {
  float ms = 0;
  NNLITE_CUDA_CHECK(cudaEventElapsedTime(&ms, as_event(start), as_event(end)), "Event.elapsed_time");
  return ms;
}

}  // namespace nnlite::cuda
