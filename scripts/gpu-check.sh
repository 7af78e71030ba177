#!/usr/bin/env bash
# The one command to run on a lent GPU machine (issue 13): it
#  1. builds nnlite with the CUDA backend for sm_90 on all cores (build/gpu),
#     into a package folder beside the build, as scripts/asan-tests.sh does
#     (no pip, no network);
#  2. runs the CUDA tests (`pytest -m cuda`: every op on the GPU against the
#     CPU, autograd across devices, device errors, a model trained on the GPU);
#  3. runs compute-sanitizer's memcheck over a short training run (the caching
#     allocator is bypassed with NNLITE_NO_CUDA_MEMORY_CACHING=1, so an
#     overrun of a tensor's own bytes is caught);
#  4. runs the GPU benchmark rows against PyTorch on the same GPU
#     (python -m benchmarks --device cuda).
# Each step has its own time limit so the whole stays under 8 minutes; a
# failing step does not stop the later ones. Results go under $OUT (a
# folder the device runner brings back), else gpu-check-out/:
#   summary.txt, build.log, pytest-cuda.txt, pytest-cuda.xml, memcheck.txt,
#   bench-gpu.txt, bench-gpu.json.
# Exit status: 0 only when every step passed.
# Usage: scripts/gpu-check.sh [--quick]   (--quick: smaller benchmark sizes)
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-$PWD/gpu-check-out}"
mkdir -p "$out"
quick=()
[ "${1:-}" = "--quick" ] && quick=(--quick)
jobs="$(nproc)"
start=$SECONDS
status=0
summary="$out/summary.txt"
: >"$summary"
note() { echo "$*" | tee -a "$summary"; }
step() {  # step NAME SECONDS LOGFILE CMD...: runs CMD under a time limit, records its outcome
  local name=$1 limit=$2 log=$3 t0=$SECONDS rc
  shift 3
  timeout --kill-after=10 "$limit" "$@" >"$log" 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then note "ok    $name ($((SECONDS - t0)) s)"
  else note "FAIL  $name (exit $rc$([ $rc -ge 124 ] && echo ', time limit'), $((SECONDS - t0)) s): see $(basename "$log")"
       status=1; tail -n 25 "$log"; fi
  return $rc
}

note "gpu-check $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname), $jobs cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
note "$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo 'nvidia-smi: none')"
note "$(nvcc --version 2>/dev/null | tail -n 1 || echo 'nvcc: none')"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.is_available())' \
  2>/dev/null | tee -a "$summary"

# 1. Build.
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
build() {
  cmake -S . -B build/gpu "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DNNLITE_CUDA=ON \
    -DCMAKE_CUDA_ARCHITECTURES=90 -DNNLITE_PYTHON=ON -DPython_EXECUTABLE="$(command -v python3)" \
    -Dpybind11_DIR="$(python3 -m pybind11 --cmakedir)" &&
    cmake --build build/gpu --parallel "$jobs"
}
if ! step "build (CUDA, sm_90)" 300 "$out/build.log" build; then
  note "no build: nothing else can run"
  exit 1
fi
pkg="$PWD/build/gpu/pkg"
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r python/nnlite "$pkg/"
find "$pkg" \( -name '*.so' -o -name __pycache__ \) -prune -exec rm -rf {} +
ln -s "$PWD"/build/gpu/cpp/_C*.so "$PWD"/build/gpu/cpp/libnnlite.so "$pkg/nnlite/"
export PYTHONPATH="$pkg:$PWD"
python3 -c 'import nnlite; assert nnlite.cuda.is_available(), "nnlite sees no GPU"; print("nnlite sees", nnlite.cuda.device_count(), "GPU(s)")' \
  2>&1 | tee -a "$summary"

# 2. The CUDA tests. Modules whose optional imports are missing here (no
# network to install them) are reported, not fatal: their CUDA cases are
# listed in pytest-cuda.txt as collection errors.
step "pytest -m cuda" 180 "$out/pytest-cuda.txt" \
  python3 -m pytest -m cuda -q -p no:cacheprovider --continue-on-collection-errors --junitxml="$out/pytest-cuda.xml" tests
grep -E "passed|failed|error" "$out/pytest-cuda.txt" | tail -n 1 | tee -a "$summary"

# 3. memcheck over a short training run (an MLP and a small CNN, a few steps each).
train='
import nnlite as t, nnlite.nn as nn
t.manual_seed(0)
for model, shape in ((nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10)), (32, 1, 28, 28)),
                     (nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                                    nn.Flatten(), nn.Linear(4 * 14 * 14, 10)), (16, 1, 28, 28))):
    model = model.to("cuda")
    opt = t.optim.Adam(model.parameters(), 1e-3)
    x, y = t.randn(*shape, device="cuda"), t.randint(0, 10, (shape[0],), device="cuda")
    for _ in range(3):
        opt.zero_grad(); loss = nn.functional.cross_entropy(model(x), y); loss.backward(); opt.step()
    print(type(model[0]).__name__, "loss", float(loss))
'
if command -v compute-sanitizer >/dev/null; then
  NNLITE_NO_CUDA_MEMORY_CACHING=1 step "compute-sanitizer memcheck (short training run)" 120 "$out/memcheck.txt" \
    compute-sanitizer --tool memcheck --error-exitcode 1 python3 -c "$train"
  grep -E "ERROR SUMMARY" "$out/memcheck.txt" | tail -n 1 | tee -a "$summary"
else
  note "FAIL  compute-sanitizer not found"; status=1
fi

# 4. Benchmarks against PyTorch on the same GPU.
step "benchmarks --device cuda" 200 "$out/bench-gpu.txt" \
  python3 -m benchmarks --device cuda "${quick[@]}" --out "$out/bench-gpu.json"
sed -n '/^row /,$p' "$out/bench-gpu.txt" | tee -a "$summary"

note "gpu-check: $([ $status -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - start)) s"
exit $status
