#!/usr/bin/env bash
# CI's sanitizer step (.ci/run runs it after the README's test command).
# Builds the core with AddressSanitizer + UndefinedBehaviorSanitizer into
# build/asan, then runs
#  1. the C++ API programs of tests/cpp, every scenario, with LeakSanitizer on:
#     no interpreter is involved, so every unfreed allocation is the core's own;
#  2. the Python tests that drive the C++ core (ops, autograd, views, tensors,
#     serialization, safetensors, IDX/CIFAR, the native loader, export and the
#     graph interpreter, hostile inputs, fuzz corpus replay), with leak
#     detection off: CPython, NumPy and torch never free some memory at exit.
#     Training scripts, examples, compat shims and tests that compile C++
#     projects or spawn interpreters are left out: they add time, not core
#     code paths (step 1 covers the C++ API).
# Any memory error, leak (step 1) or undefined behaviour fails the run.
# Usage: scripts/asan-tests.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-/}"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNNLITE_PYTHON=ON -DNNLITE_CUDA=OFF \
  -DPython_EXECUTABLE="$(command -v python3)" -Dpybind11_DIR="$(python3 -m pybind11 --cmakedir)" \
  -DCMAKE_CXX_FLAGS="$flags -O1" -DCMAKE_SHARED_LINKER_FLAGS="$flags" -DCMAKE_MODULE_LINKER_FLAGS="$flags" \
  "${launcher[@]}" >/dev/null
cmake --build build/asan
lib="$PWD/build/asan/cpp"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# 1. C++ programs, leak detection on.
bin=build/asan/checks
mkdir -p "$bin"
for prog in api_check embedding_function_check; do
  c++ -std=c++17 -O1 -g $flags -I cpp/include "tests/cpp/$prog.cpp" -o "$bin/$prog" \
    -L "$lib" -lnnlite "-Wl,-rpath,$lib"
done
data=python/nnlite/data/mnist-5k
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
for scenario in tensor_api creation mlp cnn state_dict custom sgd adam errors; do
  "$bin/api_check" "$scenario" >/dev/null
done
"$bin/api_check" idx "$data"/t10k-images-idx3-ubyte.gz "$data"/*-labels-idx1-ubyte.gz "$bin/missing" >/dev/null
"$bin/api_check" export "$bin/export.nnlg" >/dev/null
"$bin/embedding_function_check" >/dev/null
echo "asan: C++ API programs clean (ASan + UBSan + LeakSanitizer)"

# 2. The Python tests of the core against a copy of the package whose
# extension is the sanitized build.
pkg=build/asan/pkg
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r python/nnlite "$pkg/"
find "$pkg" \( -name '*.so' -o -name __pycache__ \) -prune -exec rm -rf {} +
ln -s "$lib"/_C*.so "$lib"/libnnlite.so "$pkg/nnlite/"
shopt -s nullglob
tests=(tests/test_ops_*.py tests/test_autograd*.py tests/test_tensor.py tests/test_views.py
  tests/test_inplace.py tests/test_indexing.py tests/test_index_faults.py tests/test_creation_options.py
  tests/test_random.py tests/test_errors.py tests/test_serialization.py tests/test_safetensors.py
  tests/test_idx.py tests/test_cifar.py tests/test_loader.py tests/test_data.py tests/test_embedding.py
  tests/test_rnn_cells.py tests/test_norm_kernels.py tests/test_nn_parity.py tests/test_optim.py
  tests/test_export.py tests/test_export_sequence.py tests/test_graph_schema.py tests/test_onnx.py
  tests/test_hostile_inputs.py tests/test_fuzz*.py tests/test_soak*.py)
# libstdc++ must be preloaded with libasan or every C++ throw aborts.
PYTHONPATH="$pkg" LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so)" \
  ASAN_OPTIONS=detect_leaks=0 python3 -m pytest -q -x -p no:cacheprovider "${tests[@]}" "$@"
