"""The installed C++ package: a CMake project (examples/cpp/train_mlp) finds
nnlite with find_package(nnlite CONFIG) through ``python -m nnlite
--cmake-dir``, builds, trains an MLP on the embedded MNIST files entirely in
C++ and reaches the stated accuracy, without loading Python.

Skipped only when cmake or a C++ compiler is missing, or when nnlite was not
installed from a wheel (no package config: a source checkout on PYTHONPATH).
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "cpp" / "train_mlp"


def _nnlite(*args):
    return subprocess.run([sys.executable, "-m", "nnlite", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def cmake_dir():
    if shutil.which("cmake") is None:
        pytest.skip("cmake is not on PATH")
    if not any(shutil.which(c) for c in ("c++", "g++", "clang++")):
        pytest.skip("no C++ compiler (c++, g++ or clang++) on PATH")
    r = _nnlite("--cmake-dir")
    if r.returncode != 0:
        pytest.skip(f"nnlite is not installed from a wheel (no CMake package config): {r.stderr.strip()}")
    return Path(r.stdout.strip())


def test_path_options_point_at_the_installed_files(cmake_dir):
    assert (cmake_dir / "nnliteConfig.cmake").is_file()
    assert (cmake_dir / "nnliteConfigVersion.cmake").is_file()
    assert (cmake_dir / "nnliteTargets.cmake").is_file()
    r = _nnlite("--include-dir", "--lib-dir")
    assert r.returncode == 0, r.stderr
    include, lib = map(Path, r.stdout.split("\n")[:2])
    for header in ("nnlite.h", "tensor.h", "ops.h", "nn.h", "optim.h", "nn/module.h"):
        assert (include / "nnlite" / header).is_file(), header
    assert (lib / "libnnlite.so").is_file()
    # The library the Python module loads is the one C++ links.
    import nnlite

    assert Path(nnlite.__file__).resolve().parent == lib.resolve()


def test_path_options_refuse_other_arguments():
    r = _nnlite("--cmake-dir", "train")
    assert r.returncode == 2 and "cannot be combined" in r.stderr


@pytest.mark.slow
def test_train_mlp_example_builds_and_learns_without_python(cmake_dir, tmp_path):
    build = tmp_path / "build"
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    configure = ["cmake", "-S", str(EXAMPLE), "-B", str(build), *generator, f"-Dnnlite_DIR={cmake_dir}",
                 "-DCMAKE_BUILD_TYPE=Release"]
    r = subprocess.run(configure, capture_output=True, text=True)
    assert r.returncode == 0, f"configuring the example failed:\n{r.stdout}\n{r.stderr}"
    r = subprocess.run(["cmake", "--build", str(build)], capture_output=True, text=True)
    assert r.returncode == 0, f"building the example failed:\n{r.stdout}\n{r.stderr}"
    exe = build / "train_mlp"
    assert exe.is_file()

    if shutil.which("ldd"):
        deps = subprocess.run(["ldd", str(exe)], capture_output=True, text=True).stdout
        assert "libnnlite.so" in deps and "not found" not in deps, deps
        assert "libpython" not in deps, f"the C++ program links Python:\n{deps}"

    # The package's own copy of the MNIST subset (nnlite/share/cmake/nnlite -> nnlite/data/mnist-5k).
    data = cmake_dir.parents[2] / "data" / "mnist-5k"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    r = subprocess.run([str(exe), str(data)], capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, f"train_mlp failed:\n{r.stdout}\n{r.stderr}"
    m = re.search(r"^test accuracy: ([0-9.]+)$", r.stdout, re.M)
    assert m, f"no final accuracy in the output:\n{r.stdout}"
    assert float(m.group(1)) >= 0.94, r.stdout
    assert "4000 training and 1000 test images" in r.stdout
