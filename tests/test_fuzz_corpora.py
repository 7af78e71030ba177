"""Every fuzz harness (fuzz/fuzz_*.cpp) over its seed corpus and its saved
crash inputs (fuzz/regressions/<harness>), on every test run: a parser that
crashes, or throws anything but nnlite's own error, on one of them fails here.

The harnesses are built with the ordinary C++ compiler into a replay driver
(fuzz/replay_main.cpp) linked against the libnnlite.so the Python package
loads, so no clang or libFuzzer is needed (scripts/fuzz.sh does the fuzzing).
"""
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import nnlite

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
HARNESSES = ["safetensors", "json", "graph", "idx", "cifar", "loader"]


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    cxx = next((c for c in ("c++", "g++", "clang++") if shutil.which(c)), None)
    if cxx is None:
        pytest.skip("no C++ compiler (c++, g++ or clang++) on PATH")
    lib = Path(nnlite.__file__).resolve().parent
    if not (lib / "libnnlite.so").exists():
        pytest.skip("libnnlite.so is not beside the nnlite package")
    out = tmp_path_factory.mktemp("replay")
    flags = ["-std=c++17", "-O1", f"-I{ROOT / 'cpp' / 'include'}", f"-I{ROOT / 'cpp' / 'src'}", f"-I{FUZZ}"]

    def compile_one(name):
        obj = out / f"{name}.o"
        src = FUZZ / ("replay_main.cpp" if name == "main" else f"fuzz_{name}.cpp")
        rename = [] if name == "main" else [f"-DLLVMFuzzerTestOneInput=fuzz_{name}"]
        r = subprocess.run([cxx, *flags, *rename, "-c", str(src), "-o", str(obj)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return obj

    with ThreadPoolExecutor(2) as pool:
        objs = list(pool.map(compile_one, ["main", *HARNESSES]))
    exe = out / "replay"
    r = subprocess.run([cxx, *map(str, objs), f"-L{lib}", "-lnnlite", f"-Wl,-rpath,{lib}", "-o", str(exe)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return exe


@pytest.mark.parametrize("harness", HARNESSES)
def test_harness_survives_its_corpus_and_regressions(replay, harness):
    corpora = [FUZZ / kind / harness for kind in ("corpus", "regressions") if (FUZZ / kind / harness).is_dir()]
    files = sum(len([f for f in d.iterdir() if f.is_file()]) for d in corpora)
    assert files >= 2, f"fuzz/corpus/{harness} should hold seeds (PYTHONPATH=python python fuzz/make_seeds.py)"
    r = subprocess.run([str(replay), harness, *map(str, corpora)], capture_output=True, text=True, timeout=600)
    last = r.stderr.strip().splitlines()[-1:] if r.stderr.strip() else []
    assert r.returncode == 0, f"fuzz_{harness} failed (exit {r.returncode}) on {last}: {r.stderr[-2000:]}"
    assert r.stdout.strip() == f"{harness}: {files} inputs"


def test_the_driver_refuses_an_unknown_harness(replay):
    r = subprocess.run([str(replay), "nope"], capture_output=True, text=True)
    assert r.returncode == 2 and "usage: replay" in r.stderr

