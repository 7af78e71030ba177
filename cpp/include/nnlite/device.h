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
}  // namespace cuda

}  // namespace nnlite
