#!/usr/bin/env bash
# Regenerates the type stubs of the compiled module (python/nnlite/_C/*.pyi)
# from the built extension: run scripts/dev-build.sh first, and this after
# any change to the bindings (tests/test_stubs.py fails while they are stale).
# `--out DIR` writes DIR/_C/*.pyi instead (the staleness test compares the two).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# NNLITE_PYTHONPATH: where the built nnlite lives (default: this tree, as scripts/dev-build.sh leaves it).
PYTHONPATH="${NNLITE_PYTHONPATH:-python}" python -m pybind11_stubgen nnlite._C -o "$out" --exit-code >/dev/null
python scripts/fix_stubs.py "$out"/nnlite/_C/*.pyi
dest=python/nnlite
if [ "${1:-}" = "--out" ]; then dest=$2; fi
# A folder of stubs only (no __init__.py): Python still imports the extension
# module nnlite/_C*.so, type checkers and editors read the .pyi files.
rm -rf "$dest/_C"
cp -r "$out/nnlite/_C" "$dest/_C"
echo "wrote $(ls "$dest/_C" | tr '\n' ' ') in $dest/_C"
