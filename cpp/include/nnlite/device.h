// Where a tensor's memory lives. Every op looks up its backend from the device.
#pragma once
#include <cstdint>
#include <string>

namespace nnlite {

enum class DeviceType : uint8_t { CPU, CUDA };
constexpr DeviceType kCPU = DeviceType::CPU;  // libtorch's spellings
constexpr DeviceType kCUDA = DeviceType::CUDA;

struct Device {
  DeviceType type = DeviceType::CPU;
  int index = 0;

  Device() = default;
  Device(DeviceType t, int i = 0) : type(t), index(i) {}  // NOLINT: implicit, so kCUDA reads as a device
  explicit Device(const std::string& spec);  // "cpu", "cuda", "cuda:1"; throws nnlite::Error
  static Device cpu() { return Device(DeviceType::CPU); }
  static Device cuda(int index = 0) { return Device(DeviceType::CUDA, index); }
  bool is_cpu() const { return type == DeviceType::CPU; }
  bool is_cuda() const { return type == DeviceType::CUDA; }
  std::string str() const;
  bool operator==(const Device& o) const { return type == o.type && index == o.index; }
  bool operator!=(const Device& o) const { return !(*this == o); }
};

namespace cuda {
bool is_compiled();   // was the CUDA backend built into this library?
bool is_available();  // compiled in and at least one GPU answers
int device_count();
// The caching allocator's figures in bytes (0 without CUDA), as torch.cuda's.
size_t memory_allocated();
size_t max_memory_allocated();
size_t memory_reserved();
void reset_peak_memory_stats();
void empty_cache();  // returns cached blocks to the device
void synchronize();  // waits for every kernel and copy issued so far
bool stream_query();  // true when the backend's stream has finished its work
// Events on the backend's stream (torch.cuda.Event), as opaque handles; all
// raise a Runtime error when CUDA is not available.
void* event_create(bool enable_timing);
void event_destroy(void* e);
void event_record(void* e);
void event_synchronize(void* e);
bool event_query(void* e);
float event_elapsed_ms(void* start, void* end);
}  // namespace cuda

}  // namespace nnlite
