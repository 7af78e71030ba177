#include <cstdlib>
#include <cstring>

#include "backend/backend.h"
#include "nnlite/tensor.h"

namespace nnlite {

Storage::Storage(size_t nbytes, Device device) : nbytes_(nbytes), device_(device) {
  backend::Backend& be = backend::backend_for(device);
  data_ = be.allocate(nbytes);
  deleter_ = [&be, nbytes](void* p) { be.deallocate(p, nbytes); };
}

Storage::Storage(void* data, size_t nbytes, Device device, std::function<void(void*)> deleter)
    : data_(data), nbytes_(nbytes), device_(device), deleter_(std::move(deleter)) {}

Storage::~Storage() {
  if (deleter_) deleter_(data_);
}

}  // namespace nnlite
