// Binary PGM/PPM reader: the header is "P5" or "P6", then width, height and
// maxval as decimal numbers separated by whitespace (with # comments), one
// whitespace byte, then width * height * channels bytes, row by row.
#include "pnm.h"

#include <cctype>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include <nnlite/ops.h>

namespace {

class Header {
 public:
  Header(const std::vector<unsigned char>& bytes, const std::string& path) : b_(bytes), path_(path) {}

  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("'" + path_ + "': not a binary PGM/PPM image: " + why);
  }

  // A decimal number after whitespace and comments; at most 5 digits (sizes up to 99999).
  long number(const char* what) {
    skip_space();
    long v = 0;
    int digits = 0;
    while (pos_ < b_.size() && std::isdigit(b_[pos_])) {
      if (++digits > 5) fail(std::string(what) + " is too large");
      v = v * 10 + (b_[pos_++] - '0');
    }
    if (digits == 0) fail(std::string("expected the ") + what);
    return v;
  }

  size_t pos_ = 0;

 private:
  void skip_space() {
    while (pos_ < b_.size()) {
      if (b_[pos_] == '#') {
        while (pos_ < b_.size() && b_[pos_] != '\n') ++pos_;
      } else if (std::isspace(b_[pos_])) {
        ++pos_;
      } else {
        break;
      }
    }
  }

  const std::vector<unsigned char>& b_;
  const std::string& path_;
};

}  // namespace

nnlite::Tensor read_pnm(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("'" + path + "': cannot open the image");
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  Header h(bytes, path);
  if (bytes.size() < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '6'))
    h.fail("the file must start with P5 (grey) or P6 (colour)");
  const int64_t channels = bytes[1] == '5' ? 1 : 3;
  h.pos_ = 2;
  const long width = h.number("width"), height = h.number("height"), maxval = h.number("maximum value");
  if (width <= 0 || height <= 0) h.fail("width and height must be positive");
  if (maxval != 255) h.fail("only 8-bit images with maximum value 255 are read, got " + std::to_string(maxval));
  if (h.pos_ >= bytes.size() || !std::isspace(bytes[h.pos_])) h.fail("expected one whitespace byte after the header");
  ++h.pos_;
  const size_t expected = static_cast<size_t>(width) * static_cast<size_t>(height) * static_cast<size_t>(channels);
  if (bytes.size() - h.pos_ != expected)
    h.fail("expected " + std::to_string(expected) + " pixel bytes, found " + std::to_string(bytes.size() - h.pos_));
  // Pixels are stored [H, W, C]; the graph wants [C, H, W].
  nnlite::Tensor hwc = nnlite::empty({height, width, channels}, nnlite::kUInt8);
  std::memcpy(hwc.data_ptr<uint8_t>(), bytes.data() + h.pos_, expected);
  return hwc.permute({2, 0, 1}).contiguous();
}
