#include <cstdlib>
#include <cstring>

#include "backend/backend.h"
#include "nnlite/tensor.h"

namespace nnlite {

// Memory from the backend's allocator needs no std::function deleter: the
// destructor hands it back directly (the common case, once per op output).
Storage::Storage(size_t nbytes, Device device)
    : nbytes_(nbytes), device_(device), allocator_(&backend::backend_for(device)) {
  data_ = allocator_->allocate(nbytes);
}

Storage::Storage(void* data, size_t nbytes, Device device, std::function<void(void*)> deleter)
    : data_(data), nbytes_(nbytes), device_(device), deleter_(std::move(deleter)) {}

Storage::~Storage() {
  if (allocator_)
    allocator_->deallocate(data_, nbytes_);
  else if (deleter_)
    deleter_(data_);
}

}  // namespace nnlite
