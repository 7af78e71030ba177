// The native data pipeline: per-sample random draws that do not depend on
// thread timing, image crops/flips/resizes, and BatchLoader, which gathers
// shuffled batches from in-memory tensors and augments them on background
// threads, several batches ahead of the consumer.
//
// Reproducibility: every random decision about the sample at position p of
// an epoch (p = batch * batch_size + row) comes from a Generator seeded with
// sample_seed(base_seed, p), where the caller draws base_seed once per epoch.
// So a run is the same whatever the number of threads or their timing.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "nnlite/random.h"
#include "nnlite/tensor.h"

namespace nnlite::data {

// ---- random draws shared by the Python transforms and the native loader ----
// The seed of the sample at `position` of an epoch whose base seed is `base`.
uint64_t sample_seed(uint64_t base, uint64_t position);
// Uniform integer in [0, n) by rejection (exactly uniform); n must be > 0.
uint64_t uniform_below(Generator& g, uint64_t n);

// ---- single-image geometry (any dtype) ------------------------------------
// img [..., H, W] -> [..., h, w]: out[..., y, x] = img[..., top + y, left + xs]
// with xs = flip ? w - 1 - x : x, and `fill` where that lies outside the image
// (so negative top/left, or a window past the edge, pad). A crop that lies
// inside the image and is not flipped is a copy of a slice.
Tensor crop_flip(const Tensor& img, int64_t top, int64_t left, int64_t h, int64_t w, bool flip, double fill);
// img [..., H, W] (uint8 or float32/64) -> [..., h, w], bilinear with
// half-pixel centres (torch's align_corners=False, no antialiasing). uint8
// results are rounded to nearest and clamped.
Tensor resize_bilinear(const Tensor& img, int64_t h, int64_t w);

// ---- what the loader does to one image field -------------------------------
// The source is uint8 [N, C, H, W]. Per sample: a window of out_h x out_w is
// taken (random: the image padded by pad_* then a uniform window, drawn top
// then left; fixed: the window at (top, left), which may reach outside the
// image), optionally flipped horizontally (a uniform double < flip_p, drawn
// after the crop), and each byte v of channel c becomes lut[c][v]; pixels
// outside the image become fill[c]. The lut carries every pointwise step
// (to-float scaling, normalisation) so the output matches the Python
// transforms bit for bit.
struct ImageAugment {
  int64_t out_h = 0, out_w = 0;
  bool random_crop = false;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;  // random crop only
  int64_t top = 0, left = 0;                                         // fixed crop only
  bool has_flip = false;
  double flip_p = 0.5;
  Tensor lut;   // [C, 256], float32 or uint8
  Tensor fill;  // [C], the lut's dtype
};

// One element of a batch: rows of `source` [N, ...] gathered by index, and
// augmented when `augment` is set.
struct Field {
  Tensor source;
  std::optional<ImageAugment> augment;
};

// Checks the fields (same N, CPU, dtypes and shapes the augmentation needs);
// throws nnlite::Error naming what is wrong. Makes sources contiguous.
void check_fields(std::vector<Field>& fields);
// Output shape of a field for a batch of `rows`.
Shape field_batch_shape(const Field& f, int64_t rows);
DType field_batch_dtype(const Field& f);
// Fill `out[i]` (contiguous, of field_batch_shape/dtype) with the batch whose
// rows are `idx[0..rows)` and whose first sample sits at `position0` of the
// epoch. Indices must already be checked.
void fill_batch(const std::vector<Field>& fields, const int64_t* idx, int64_t rows, uint64_t base_seed,
                int64_t position0, const TensorList& out);

// ---- buffers ----------------------------------------------------------------
// The batches BatchLoader hands out are tensors over buffers of this pool.
// Lifetime rule: a buffer goes back to the pool only when the last reference
// to its Storage dies (the user's tensors, NumPy arrays or DLPack capsules
// viewing it, autograd graphs saving it...): the Storage's deleter returns
// it. So a batch stays valid as long as anything keeps it, and a loop that
// drops each batch reuses the same few buffers instead of allocating. The
// deleter takes only the pool's mutex (never the GIL), and frees the memory
// itself once the pool is gone. Thread-safe.
class BufferPool : public std::enable_shared_from_this<BufferPool> {
 public:
  explicit BufferPool(size_t keep = 16) : keep_(keep) {}  // keep: idle buffers held at most
  ~BufferPool();
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;
  // A 64-byte aligned CPU Storage of at least nbytes: an idle buffer (at most
  // twice that size) or a fresh one. The pool must be owned by a shared_ptr.
  std::shared_ptr<Storage> acquire(size_t nbytes);
  size_t idle() const;         // buffers waiting for reuse
  uint64_t reused() const;     // acquisitions served by an idle buffer
  uint64_t allocated() const;  // acquisitions that allocated

 private:
  struct Block {
    void* data;
    size_t nbytes;
  };
  void give_back(Block b);

  mutable std::mutex m_;
  std::vector<Block> idle_;
  size_t keep_;
  uint64_t reused_ = 0, allocated_ = 0;
};

// ---- the loader of one epoch ------------------------------------------------
// Starts `num_threads` threads that fill batches 0, 1, ... of `order` (int64
// [M], indices into the sources), each batch by one thread, at most
// `prefetch` batches ahead of the consumer. next() returns them in order.
// The threads never touch Python. stop() (and the destructor) makes them
// finish the batch in hand and joins them.
class BatchLoader {
 public:
  BatchLoader(std::vector<Field> fields, const Tensor& order, int64_t batch_size, bool drop_last,
              uint64_t base_seed, int num_threads, int prefetch, std::shared_ptr<BufferPool> pool);
  ~BatchLoader();
  BatchLoader(const BatchLoader&) = delete;
  BatchLoader& operator=(const BatchLoader&) = delete;

  int64_t num_batches() const { return num_batches_; }
  // The next batch (one tensor per field), blocking until it is ready;
  // nullopt after the last one or after stop(). An error raised while
  // filling a batch is rethrown here, when its turn comes.
  std::optional<TensorList> next();
  void stop();  // idempotent

 private:
  struct Slot {
    int64_t batch = -1;
    TensorList tensors;
    std::exception_ptr error;
  };
  void work();
  TensorList build(int64_t k);
  void join();

  std::vector<Field> fields_;
  std::vector<int64_t> order_;
  int64_t batch_size_;
  int64_t num_batches_;
  int64_t covered_;  // samples of `order` that batches cover
  uint64_t base_seed_;
  int prefetch_;
  std::shared_ptr<BufferPool> pool_;

  std::mutex m_;
  std::condition_variable work_cv_, ready_cv_;
  int64_t next_claim_ = 0, next_out_ = 0;
  bool stopping_ = false;
  std::vector<Slot> slots_;  // batch k lives in slot k % prefetch
  std::vector<std::thread> threads_;
  std::mutex join_m_;
  std::mutex consume_m_;  // serialises next() calls
};

// Threads of all BatchLoaders that are running now (for tests and leaks).
int live_loader_threads();

}  // namespace nnlite::data
