// The checks that wait for the device (backend.h: defer_check): a list that
// device backends run after each host wait. One list per process, as there is
// one device stream; a mutex keeps threads that launch work apart.
#include <mutex>
#include <utility>
#include <vector>

#include "backend/backend.h"

namespace nnlite::backend {

namespace {
std::mutex g_mutex;
std::vector<std::function<void()>>& pending() {
  static auto* list = new std::vector<std::function<void()>>();  // never destroyed: checks may outlive statics
  return *list;
}
}  // namespace

void defer_check(std::function<void()> check) {
  bool full;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    pending().push_back(std::move(check));
    full = pending().size() > kMaxDeferredChecks;
  }
  if (full) run_deferred_checks();  // each check's read waits for the device
}

void check_when_ready(const Tensor& on, std::function<void()> check) {
  if (on.device().is_cpu())
    check();
  else
    defer_check(std::move(check));
}

void run_deferred_checks() {
  std::vector<std::function<void()>> run;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (pending().empty()) return;
    run.swap(pending());
  }
  // The first failing check throws; the later ones judged ops whose results
  // the exception discards.
  for (auto& check : run) check();
}

}  // namespace nnlite::backend
