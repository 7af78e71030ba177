"""``python -m nnlite``: the ``nnlite`` command (``train``, ``info``), plus the
paths a C++ project needs to build against the installed package:

    python -m nnlite --cmake-dir     # for -Dnnlite_DIR=... (find_package(nnlite CONFIG))
    python -m nnlite --include-dir   # the public headers (<nnlite/nnlite.h>)
    python -m nnlite --lib-dir       # the directory holding libnnlite.so

In a source checkout used through PYTHONPATH (no wheel installed), the
include and library directories are those of the checkout and the build;
there is no CMake package config, and --cmake-dir says so (exit status 1).
"""
import sys
from pathlib import Path

_PATH_OPTIONS = ("--cmake-dir", "--include-dir", "--lib-dir")


def _package_dir() -> Path:
    import nnlite

    return Path(nnlite.__file__).resolve().parent


def _find(option: str) -> Path:
    pkg = _package_dir()
    if option == "--cmake-dir":
        candidates = [pkg / "share" / "cmake" / "nnlite"]
        marker = "nnliteConfig.cmake"
        hint = "nnlite was not installed from a wheel (pip install .); a plain CMake install has its own prefix"
    elif option == "--include-dir":
        # The wheel's copy, or the headers of a source checkout (python/nnlite -> cpp/include).
        candidates = [pkg / "include", pkg.parent.parent / "cpp" / "include"]
        marker = "nnlite/nnlite.h"
        hint = "the headers are installed with the wheel (pip install .)"
    else:
        candidates = [pkg]
        marker = "libnnlite.so"
        hint = "the library is installed with the wheel (pip install .) or linked there by scripts/dev-build.sh"
    for path in candidates:
        if (path / marker).exists():
            return path
    raise FileNotFoundError(f"{option}: no {marker} under {' or '.join(str(c) for c in candidates)}; {hint}")


def _print_paths(argv) -> int:
    for arg in argv:
        if arg not in _PATH_OPTIONS:
            print(f"nnlite: error: {arg!r} cannot be combined with {', '.join(_PATH_OPTIONS)}", file=sys.stderr)
            return 2
    try:
        paths = [_find(arg) for arg in argv]
    except FileNotFoundError as e:
        print(f"nnlite: error: {e}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


def _main(argv) -> int:
    if argv and argv[0] in _PATH_OPTIONS:
        return _print_paths(argv)
    from nnlite.cli import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
