#include "backend/backend.h"
#include "nnlite/nnlite.h"

namespace nnlite {
const char* version() { return NNLITE_VERSION; }
const char* simd_level() { return backend::simd_level(); }
int get_num_threads() { return backend::get_num_threads(); }
void set_num_threads(int n) { backend::set_num_threads(n); }
}  // namespace nnlite
