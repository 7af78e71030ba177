#include "nnlite/device.h"

#include "nnlite/error.h"

namespace nnlite {

Device::Device(const std::string& spec) {
  std::string kind = spec, idx;
  auto colon = spec.find(':');
  if (colon != std::string::npos) {
    kind = spec.substr(0, colon);
    idx = spec.substr(colon + 1);
  }
  if (kind == "cpu") {
    type = DeviceType::CPU;
  } else if (kind == "cuda") {
    type = DeviceType::CUDA;
  } else {
    NNLITE_FAIL(Value, "device: unknown device '", spec, "'; expected 'cpu', 'cuda' or 'cuda:N'");
  }
  if (!idx.empty()) {
    NNLITE_CHECK(idx.find_first_not_of("0123456789") == std::string::npos && idx.size() < 6, Value,
                 "device: bad device index in '", spec, "'");
    index = std::stoi(idx);
  }
}

std::string Device::str() const {
  if (type == DeviceType::CPU) return "cpu";
  return "cuda:" + std::to_string(index);
}

}  // namespace nnlite
