// BatchLoader: a bounded, ordered queue of batches filled by a small pool of
// std::threads, and BufferPool, which takes the batch buffers back when the
// user drops them.
//
// Shape of the pipeline: workers claim batch k (k < next_out + prefetch, so
// at most `prefetch` batches are in flight), fill it without holding the
// lock, and park it in slot k % prefetch; next() waits for slot
// next_out % prefetch to hold batch next_out. Order is by batch index, never
// by completion time, so results do not depend on thread timing.
#include <algorithm>
#include <atomic>
#include <cstdlib>

#include "nnlite/data.h"

namespace nnlite::data {
namespace {
std::atomic<int> g_live_threads{0};
}  // namespace

int live_loader_threads() { return g_live_threads.load(); }

// ---- BufferPool -------------------------------------------------------------

namespace {
void* allocate_block(size_t nbytes) {
  void* p = std::aligned_alloc(64, (nbytes + 63) / 64 * 64);
  NNLITE_CHECK(p != nullptr, Runtime, "BatchLoader: out of memory allocating a ", nbytes, "-byte batch buffer");
  return p;
}
}  // namespace

BufferPool::~BufferPool() {
  for (const Block& b : idle_) std::free(b.data);
}

std::shared_ptr<Storage> BufferPool::acquire(size_t nbytes) {
  nbytes = std::max<size_t>(nbytes, 64);
  Block block{nullptr, 0};
  {
    std::lock_guard<std::mutex> lock(m_);
    // Smallest idle buffer that fits and is at most twice the request, so a
    // batch's small label buffer never takes the place of an image buffer.
    auto best = idle_.end();
    for (auto it = idle_.begin(); it != idle_.end(); ++it)
      if (it->nbytes >= nbytes && it->nbytes <= 2 * nbytes && (best == idle_.end() || it->nbytes < best->nbytes))
        best = it;
    if (best != idle_.end()) {
      block = *best;
      idle_.erase(best);
      ++reused_;
    } else {
      ++allocated_;
    }
  }
  if (block.data == nullptr) block = {allocate_block(nbytes), nbytes};
  // The deleter runs where the last reference dies (any thread); handing the
  // block back through the mutex orders the user's last reads before its
  // next writer's writes.
  std::weak_ptr<BufferPool> pool = weak_from_this();
  return std::make_shared<Storage>(block.data, block.nbytes, Device(), [pool, block](void*) {
    if (auto p = pool.lock()) p->give_back(block);
    else std::free(block.data);
  });
}

void BufferPool::give_back(Block b) {
  {
    std::lock_guard<std::mutex> lock(m_);
    if (idle_.size() < keep_) {
      idle_.push_back(b);
      return;
    }
  }
  std::free(b.data);
}

size_t BufferPool::idle() const {
  std::lock_guard<std::mutex> lock(m_);
  return idle_.size();
}
uint64_t BufferPool::reused() const {
  std::lock_guard<std::mutex> lock(m_);
  return reused_;
}
uint64_t BufferPool::allocated() const {
  std::lock_guard<std::mutex> lock(m_);
  return allocated_;
}

// ---- BatchLoader ------------------------------------------------------------

BatchLoader::BatchLoader(std::vector<Field> fields, const Tensor& order, int64_t batch_size, bool drop_last,
                         uint64_t base_seed, int num_threads, int prefetch, std::shared_ptr<BufferPool> pool)
    : fields_(std::move(fields)), batch_size_(batch_size), base_seed_(base_seed), prefetch_(prefetch),
      pool_(pool ? std::move(pool) : std::make_shared<BufferPool>()) {
  NNLITE_CHECK(batch_size > 0, Value, "BatchLoader: batch_size must be positive, got ", batch_size);
  NNLITE_CHECK(num_threads >= 1 && num_threads <= 256, Value, "BatchLoader: num_threads must be in 1..256, got ",
               num_threads);
  NNLITE_CHECK(prefetch >= 1 && prefetch <= 1024, Value, "BatchLoader: prefetch must be in 1..1024, got ",
               prefetch);
  check_fields(fields_);
  NNLITE_CHECK(order.defined() && order.dim() == 1 && order.dtype() == DType::Int64 && order.device().is_cpu(),
               Value, "BatchLoader: order must be a 1-d int64 CPU tensor of sample indices");
  const Tensor ord = order.contiguous();
  const int64_t n = fields_[0].source.size(0), m = ord.numel();
  const int64_t* p = ord.data<int64_t>();
  for (int64_t i = 0; i < m; ++i)
    NNLITE_CHECK(p[i] >= 0 && p[i] < n, Index, "BatchLoader: order[", i, "] = ", p[i],
                 " is out of range for a dataset of ", n, " samples");
  order_.assign(p, p + m);
  num_batches_ = drop_last ? m / batch_size : (m + batch_size - 1) / batch_size;
  covered_ = drop_last ? num_batches_ * batch_size : m;
  slots_.resize(static_cast<size_t>(prefetch));

  const int64_t spawn = std::min<int64_t>(num_threads, num_batches_);
  try {
    for (int64_t t = 0; t < spawn; ++t) {
      // Counted before the thread exists and uncounted as its last act, so
      // the count is exact once the thread is joined.
      g_live_threads.fetch_add(1);
      try {
        threads_.emplace_back([this] {
          work();
          g_live_threads.fetch_sub(1);
        });
      } catch (...) {
        g_live_threads.fetch_sub(1);
        throw;
      }
    }
  } catch (const std::system_error& e) {
    stop();
    NNLITE_FAIL(Runtime, "BatchLoader: cannot start a thread: ", e.what());
  }
}

BatchLoader::~BatchLoader() { stop(); }

TensorList BatchLoader::build(int64_t k) {
  const int64_t start = k * batch_size_;
  const int64_t rows = std::min(batch_size_, covered_ - start);
  TensorList out;
  out.reserve(fields_.size());
  for (const Field& f : fields_) {
    const Shape shape = field_batch_shape(f, rows);
    const DType dt = field_batch_dtype(f);
    const size_t nbytes = static_cast<size_t>(shape_numel(shape)) * itemsize(dt);
    auto impl = std::make_shared<TensorImpl>();
    impl->storage = pool_->acquire(nbytes);
    impl->shape = shape;
    impl->strides = contiguous_strides(shape);
    impl->dtype = dt;
    out.emplace_back(std::move(impl));
  }
  fill_batch(fields_, order_.data() + start, rows, base_seed_, start, out);
  return out;
}

void BatchLoader::work() {
  std::unique_lock<std::mutex> lock(m_);
  for (;;) {
    work_cv_.wait(lock, [&] {
      return stopping_ || next_claim_ >= num_batches_ || next_claim_ < next_out_ + prefetch_;
    });
    if (stopping_ || next_claim_ >= num_batches_) return;
    const int64_t k = next_claim_++;
    lock.unlock();
    Slot filled;
    filled.batch = k;
    try {
      filled.tensors = build(k);
    } catch (...) {
      filled.error = std::current_exception();
    }
    lock.lock();
    slots_[static_cast<size_t>(k % prefetch_)] = std::move(filled);
    ready_cv_.notify_all();
  }
}

std::optional<TensorList> BatchLoader::next() {
  // One consumer at a time: the wait below is for the slot of next_out_.
  std::lock_guard<std::mutex> consumer(consume_m_);
  Slot got;
  {
    std::unique_lock<std::mutex> lock(m_);
    if (stopping_ || next_out_ >= num_batches_) {
      lock.unlock();
      join();
      return std::nullopt;
    }
    Slot& slot = slots_[static_cast<size_t>(next_out_ % prefetch_)];
    ready_cv_.wait(lock, [&] { return stopping_ || slot.batch == next_out_; });
    if (slot.batch != next_out_) return std::nullopt;  // stopped while waiting
    got = std::move(slot);
    slot = Slot();
    ++next_out_;
    work_cv_.notify_all();
  }
  if (got.error) {
    stop();
    std::rethrow_exception(got.error);
  }
  if (next_out_ >= num_batches_) join();  // the workers have nothing left to claim
  return std::move(got.tensors);
}

void BatchLoader::stop() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  ready_cv_.notify_all();
  join();
}

void BatchLoader::join() {
  std::lock_guard<std::mutex> lock(join_m_);
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

}  // namespace nnlite::data
