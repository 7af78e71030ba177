#!/usr/bin/env bash
# Build the core with AddressSanitizer + UndefinedBehaviorSanitizer into
# build/asan and run the Python test suite against it (tests that build C++
# projects or spawn their own interpreters are left out: they would load the
# normal build). Any memory error or undefined behaviour stops the run.
set -euo pipefail
cd "$(dirname "$0")/.."
flags="-fsanitize=address,undefined -fno-omit-frame-pointer"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNNLITE_PYTHON=ON -DNNLITE_CUDA=OFF \
  -DPython_EXECUTABLE="$(command -v python3)" -Dpybind11_DIR="$(python3 -m pybind11 --cmakedir)" \
  -DCMAKE_CXX_FLAGS="$flags -O1" -DCMAKE_SHARED_LINKER_FLAGS="$flags" -DCMAKE_MODULE_LINKER_FLAGS="$flags" >/dev/null
cmake --build build/asan
# A copy of the Python package whose extension is the sanitized build.
pkg=build/asan/pkg
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r python/nnlite "$pkg/"
find "$pkg" \( -name '*.so' -o -name __pycache__ \) -prune -exec rm -rf {} +
ln -s "$PWD"/build/asan/cpp/_C*.so "$PWD"/build/asan/cpp/libnnlite.so "$pkg/nnlite/"
# libstdc++ must be preloaded with libasan or every C++ throw aborts; leak
# checking is off because the interpreter itself never frees some memory.
PYTHONPATH="$pkg" LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so)" \
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  python3 -m pytest -q -x tests --ignore=tests/test_cpp_package.py --ignore=tests/test_graph_cpp.py \
  --ignore=tests/test_cpp_api.py --ignore=tests/test_examples.py --ignore=tests/test_cli.py "$@"
