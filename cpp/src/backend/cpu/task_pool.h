// A parallel loop for the small, latency-bound kernels of batch-1 inference
// (the direct convolution of one image), where an OpenMP region costs more
// than its work whenever a worker is not already running: the region's join
// waits for every thread of the team, so a worker that sleeps (a vCPU the
// hypervisor has to wake) or that a busy neighbour process has descheduled
// holds up the caller for a scheduler slice. Here the work is a counter of
// chunks that the caller and whichever workers are awake claim one at a
// time; the caller waits only for chunks already claimed, never for a
// worker to arrive. A worker that wakes late finds nothing left and sleeps.
#pragma once
#include <cstdint>
#include <functional>

namespace nnlite::cpu {

// body(begin, end) over [0, n) in chunks of at most `grain`, on the calling
// thread and up to threads - 1 workers; returns when every chunk is done.
// Called from inside another parallel loop or an OpenMP region, or while
// another thread's loop holds the pool, it runs on the calling thread alone.
// body must not throw (a worker has no one to hand an exception to).
void parallel_chunks(int64_t n, int64_t grain, int threads, const std::function<void(int64_t, int64_t)>& body);

}  // namespace nnlite::cpu
