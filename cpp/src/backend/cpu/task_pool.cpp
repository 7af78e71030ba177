// See task_pool.h. One loop runs at a time. Its state is a single word,
// [sequence number : 24 | next unclaimed item : 40], so that claiming a chunk
// and checking that the loop is still the one a worker woke for are one
// compare-and-swap: a worker that wakes after its loop has ended fails that
// CAS and touches nothing else. The body, n and grain are read before the
// CAS; they can only change after every chunk of the loop is done, which a
// successful claim proves has not happened yet.
#include "backend/cpu/task_pool.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace nnlite::cpu {
namespace {

using ChunkBody = std::function<void(int64_t, int64_t)>;

constexpr int kPoolNextBits = 40;
constexpr uint64_t kPoolNextMask = (uint64_t(1) << kPoolNextBits) - 1;
// How long an idle worker polls for the next loop before it sleeps: long
// enough to catch the next layer of a forward pass (Python between two
// layers of an eager model takes 10-30 us), short enough that a worker
// polling on a loaded machine gives its core back soon.
constexpr auto kPoolSpin = std::chrono::microseconds(50);

inline void pool_relax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

thread_local bool t_in_pool = false;  // a worker thread, or a caller inside its own loop

class TaskPool {
 public:
  void run(int64_t n, int64_t grain, int workers, const ChunkBody& body) {
    start_workers(workers);
    body_.store(&body, std::memory_order_relaxed);
    n_.store(n, std::memory_order_relaxed);
    grain_.store(grain, std::memory_order_relaxed);
    participants_.store(workers, std::memory_order_relaxed);
    done_.store(0, std::memory_order_relaxed);
    const uint64_t seq = (sequence_ = (sequence_ + 1) & 0xffffff);
    word_.store(seq << kPoolNextBits, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
      { std::lock_guard<std::mutex> lock(mutex_); }
      wake_.notify_all();
    }
    claim_all(seq);
    // Only chunks that a worker has claimed can remain; wait for those.
    for (int spins = 0; done_.load(std::memory_order_acquire) < n; ++spins) {
      if (spins < 4096)
        pool_relax();
      else
        std::this_thread::yield();  // the worker holding a chunk was descheduled: let it run
    }
  }

  bool try_acquire() { return !busy_.test_and_set(std::memory_order_acquire); }
  void release() { busy_.clear(std::memory_order_release); }

 private:
  // Claims and runs chunks of loop `seq` until none is left (or the loop is another).
  void claim_all(uint64_t seq) {
    uint64_t w = word_.load(std::memory_order_acquire);
    for (;;) {
      if ((w >> kPoolNextBits) != seq) return;
      const ChunkBody* body = body_.load(std::memory_order_relaxed);
      const int64_t n = n_.load(std::memory_order_relaxed), grain = grain_.load(std::memory_order_relaxed);
      const int64_t begin = static_cast<int64_t>(w & kPoolNextMask);
      if (begin >= n) return;
      if (!word_.compare_exchange_weak(w, w + static_cast<uint64_t>(grain), std::memory_order_acq_rel,
                                       std::memory_order_acquire))
        continue;
      const int64_t end = std::min(n, begin + grain);
      (*body)(begin, end);
      done_.fetch_add(end - begin, std::memory_order_acq_rel);
      w = word_.load(std::memory_order_acquire);
    }
  }

  void start_workers(int count) {  // under busy_
    for (; started_ < count; ++started_) std::thread([this, id = started_] { work(id); }).detach();
  }

  void work(int id) {
    t_in_pool = true;
    uint64_t seen = word_.load(std::memory_order_acquire) >> kPoolNextBits;
    for (;;) {
      const uint64_t seq = wait_for_loop(seen);
      seen = seq;
      if (id < participants_.load(std::memory_order_relaxed)) claim_all(seq);
    }
  }

  // Polls for a loop other than `seen` for kPoolSpin, then sleeps until one is posted.
  uint64_t wait_for_loop(uint64_t seen) {
    const auto until = std::chrono::steady_clock::now() + kPoolSpin;
    for (int spins = 1;; ++spins) {
      const uint64_t seq = word_.load(std::memory_order_acquire) >> kPoolNextBits;
      if (seq != seen) return seq;
      pool_relax();
      if (spins % 256 == 0 && std::chrono::steady_clock::now() > until) break;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    uint64_t seq = seen;
    wake_.wait(lock, [&] { return (seq = word_.load(std::memory_order_seq_cst) >> kPoolNextBits) != seen; });
    sleepers_.fetch_sub(1, std::memory_order_relaxed);
    return seq;
  }

  std::atomic<uint64_t> word_{0};
  std::atomic<const ChunkBody*> body_{nullptr};
  std::atomic<int64_t> n_{0}, grain_{1}, done_{0};
  std::atomic<int> participants_{0}, sleepers_{0};
  std::atomic_flag busy_ = ATOMIC_FLAG_INIT;
  uint64_t sequence_ = 0;  // under busy_
  int started_ = 0;        // under busy_
  std::mutex mutex_;
  std::condition_variable wake_;
};

// Never destroyed: its detached workers may still be polling at exit. After
// fork() the child has the pool but none of its threads, and its loops run
// on the caller alone (the caller claims every chunk itself).
TaskPool& task_pool() {
  static TaskPool* p = new TaskPool;
  return *p;
}

}  // namespace

void parallel_chunks(int64_t n, int64_t grain, int threads, const ChunkBody& body) {
  if (n <= 0) return;
  grain = std::max<int64_t>(1, grain);
  TaskPool& p = task_pool();
  if (threads <= 1 || n <= grain || t_in_pool || omp_in_parallel() || !p.try_acquire()) {
    for (int64_t b = 0; b < n; b += grain) body(b, std::min(n, b + grain));
    return;
  }
  t_in_pool = true;
  p.run(n, grain, threads - 1, body);
  t_in_pool = false;
  p.release();
}

}  // namespace nnlite::cpu
