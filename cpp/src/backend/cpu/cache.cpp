// Cache sizes from sysconf (glibc reads them from CPUID), falling back to
// Linux's sysfs, then to sizes common on current x86 cores.
#include "backend/cpu/cache.h"

#include <unistd.h>

#include <fstream>
#include <string>

namespace nnlite::cpu {

namespace {

// /sys/devices/system/cpu/cpu0/cache/index<i>/size holds e.g. "1024K".
size_t sysfs_size(int level) {  // data or unified caches only
  for (int i = 0; i < 8; ++i) {
    const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(i) + "/";
    std::ifstream lf(dir + "level"), tf(dir + "type"), sf(dir + "size");
    int l = 0;
    std::string type, size;
    if (!(lf >> l) || !(tf >> type) || !(sf >> size)) break;
    if (l != level || type == "Instruction") continue;
    size_t value = 0, pos = 0;
    while (pos < size.size() && size[pos] >= '0' && size[pos] <= '9') value = value * 10 + (size[pos++] - '0');
    if (pos < size.size() && (size[pos] == 'K' || size[pos] == 'k')) value <<= 10;
    if (pos < size.size() && size[pos] == 'M') value <<= 20;
    return value;
  }
  return 0;
}

size_t pick(long from_sysconf, int level, size_t fallback) {
  if (from_sysconf > 0) return static_cast<size_t>(from_sysconf);
  const size_t s = sysfs_size(level);
  return s > 0 ? s : fallback;
}

CacheSizes detect() {
  long l1 = -1, l2 = -1, l3 = -1;
#ifdef _SC_LEVEL1_DCACHE_SIZE
  l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE);
  l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
  l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
#endif
  return {pick(l1, 1, 32 << 10), pick(l2, 2, 1 << 20), pick(l3, 3, 8 << 20)};
}

}  // namespace

const CacheSizes& cache_sizes() {
  static const CacheSizes sizes = detect();
  return sizes;
}

}  // namespace nnlite::cpu
