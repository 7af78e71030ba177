// Index kernels: gather, scatter, index_select, add_index_offsets, take, put
// (nonzero is in nonzero.cu). One thread per index element; a bad index is
// reported (index_fault.cuh) and its element skipped.
#include "backend/cuda/atomic_add.cuh"
#include "backend/cuda/cuda_backend.h"
#include "backend/cuda/index_fault.cuh"

namespace nnlite::cuda_impl {

backend::IndexFault FaultSlot::read(const int64_t* index, const Shape& shape, const Shape& strides) const {
  int64_t pos = kNoFault;
  NNLITE_CUDA_CHECK(cudaMemcpyAsync(&pos, slot(), sizeof pos, cudaMemcpyDeviceToHost, stream()), "index check");
  NNLITE_CUDA_CHECK(cudaStreamSynchronize(stream()), "index check");
  if (pos == kNoFault) return {};
  StridedIndex<1> ix;
  make_strided_index<1>(shape.vec(), {strides.vec()}, ix);
  int64_t off[1];
  ix.offsets(pos, off);
  int64_t value = 0;
  NNLITE_CUDA_CHECK(cudaMemcpy(&value, index + off[0], sizeof value, cudaMemcpyDeviceToHost),
                    "index check");
  return {true, value};
}

namespace {
// x's strides with 0 at `dim`: the offset of everything but the indexed
// coordinate. A 0-d tensor is indexed as one element: dim 0, size 1.
Shape without_dim(const Tensor& t, int64_t dim) {
  Shape s = t.strides();
  if (t.dim() > 0) s[dim] = 0;
  return s;
}
int64_t dim_size(const Tensor& t, int64_t dim) { return t.dim() > 0 ? t.shape()[dim] : 1; }
int64_t dim_step(const Tensor& t, int64_t dim) { return t.dim() > 0 ? t.strides()[dim] : 0; }
}  // namespace

backend::IndexFault CudaBackend::gather(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) {
  FaultSlot fault(x.device());
  const Shape xs = without_dim(x, dim);
  const int64_t size = dim_size(x, dim), step = dim_step(x, dim);
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    const T* src = ptr<T>(x);
    const int64_t* ip = ptr<int64_t>(index);
    T* dst = ptr<T>(out);
    int64_t* slot = fault.slot();
    launch_strided<3>(out.shape(), {&out.strides(), &index.strides(), &xs}, "gather",
                      [=] __device__(int64_t i, const int64_t(&o)[3]) {
                        const int64_t j = checked_index(ip[o[1]], size, false);
                        if (j < 0) return report_fault(slot, i);
                        dst[o[0]] = src[o[2] + j * step];
                      });
  );
  return fault.later(index);
}

backend::IndexFault CudaBackend::scatter(Tensor& out, int64_t dim, const Tensor& index, const Tensor& src,
                                         bool accumulate) {
  FaultSlot fault(out.device());
  const Shape os = without_dim(out, dim);
  const int64_t size = dim_size(out, dim), step = dim_step(out, dim);
  NNLITE_CUDA_DISPATCH_ALL(out.dtype(), T,
    const T* sp = ptr<T>(src);
    const int64_t* ip = ptr<int64_t>(index);
    T* dst = ptr<T>(out);
    int64_t* slot = fault.slot();
    launch_strided<3>(index.shape(), {&os, &index.strides(), &src.strides()}, "scatter",
                      [=] __device__(int64_t i, const int64_t(&o)[3]) {
                        const int64_t j = checked_index(ip[o[1]], size, false);
                        if (j < 0) return report_fault(slot, i);
                        if (accumulate) atomic_add(dst + o[0] + j * step, sp[o[2]]);
                        else dst[o[0] + j * step] = sp[o[2]];
                      });
  );
  return fault.later(index);
}

backend::IndexFault CudaBackend::index_select(const Tensor& x, int64_t dim, const Tensor& index, Tensor& out) {
  FaultSlot fault(x.device());
  const Shape xs = without_dim(x, dim);
  const int64_t size = x.shape()[dim], step = x.strides()[dim], istride = index.dim() ? index.strides()[0] : 0;
  int64_t inner = 1;  // out is contiguous: position p has coordinate (p / inner) % n along dim
  for (int64_t d = dim + 1; d < out.dim(); ++d) inner *= out.shape()[d];
  const int64_t n = out.shape()[dim];
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    const T* src = ptr<T>(x);
    const int64_t* ip = ptr<int64_t>(index);
    T* dst = ptr<T>(out);
    int64_t* slot = fault.slot();
    launch_strided<2>(out.shape(), {&out.strides(), &xs}, "index_select",
                      [=] __device__(int64_t p, const int64_t(&o)[2]) {
                        const int64_t k = (p / inner) % n;
                        const int64_t j = checked_index(ip[k * istride], size, true);
                        if (j < 0) return report_fault(slot, k);
                        dst[o[0]] = src[o[1] + j * step];
                      });
  );
  return fault.later(index);
}

backend::IndexFault CudaBackend::add_index_offsets(const Tensor& index, int64_t size, int64_t stride,
                                                   Tensor& offsets) {
  FaultSlot fault(index.device());
  const int64_t* ip = ptr<int64_t>(index);
  int64_t* op = ptr<int64_t>(offsets);
  int64_t* slot = fault.slot();
  launch_strided<2>(offsets.shape(), {&offsets.strides(), &index.strides()}, "index",
                    [=] __device__(int64_t i, const int64_t(&o)[2]) {
                      const int64_t j = checked_index(ip[o[1]], size, true);
                      if (j < 0) return report_fault(slot, i);
                      op[o[0]] += j * stride;
                    });
  // The position is in offsets' order; the value is read through index's (broadcast) strides.
  return fault.later(index, offsets.shape(), index.strides());
}

void CudaBackend::take(const Tensor& x, const Tensor& idx, Tensor& out) {
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    const T* src = ptr<T>(x);
    const int64_t* ip = ptr<int64_t>(idx);
    T* dst = ptr<T>(out);
    launch_strided<2>(out.shape(), {&out.strides(), &idx.strides()}, "take",
                      [=] __device__(int64_t, const int64_t(&o)[2]) { dst[o[0]] = src[ip[o[1]]]; });
  );
}

void CudaBackend::put(Tensor& x, const Tensor& idx, const Tensor& v, bool accumulate) {
  NNLITE_CUDA_DISPATCH_ALL(x.dtype(), T,
    const T* vp = ptr<T>(v);
    const int64_t* ip = ptr<int64_t>(idx);
    T* dst = ptr<T>(x);
    launch_strided<2>(idx.shape(), {&idx.strides(), &v.strides()}, "put",
                      [=] __device__(int64_t, const int64_t(&o)[2]) {
                        if (accumulate) atomic_add(dst + ip[o[0]], vp[o[1]]);
                        else dst[ip[o[0]]] = vp[o[1]];
                      });
  );
}

}  // namespace nnlite::cuda_impl
