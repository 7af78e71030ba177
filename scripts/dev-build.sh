#!/usr/bin/env bash
# Fast incremental build for development. CMake builds the extension into
# build/dev and links it into python/nnlite, so `PYTHONPATH=python` imports the
# tree you are editing. A lock lets several shells call this at once; ccache,
# when installed, lets several checkouts (git worktrees) share compiled objects.
# No unity build here: after an edit only that file recompiles, not its batch.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
exec 9>build/.dev-build.lock
flock 9
if [ ! -f build/dev/build.ninja ]; then
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B build/dev -G Ninja -DCMAKE_BUILD_TYPE=Release -DNNLITE_PYTHON=ON \
    -DNNLITE_CUDA="${NNLITE_CUDA:-OFF}" -DNNLITE_UNITY_BUILD=OFF -DPython_EXECUTABLE="$(command -v python3)" \
    -Dpybind11_DIR="$(python3 -m pybind11 --cmakedir)" "${launcher[@]}" >/dev/null
fi
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-/}"  # paths relative to the build folder
cmake --build build/dev
for f in build/dev/cpp/_C*.so build/dev/cpp/libnnlite.so; do
  ln -sf "../../$f" python/nnlite/
done
