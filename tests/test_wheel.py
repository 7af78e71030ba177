"""The release wheel: tag, contents, and a fresh install that trains.

Building the wheel takes minutes, so these tests run only when asked:

    NNLITE_TEST_WHEEL=dist/nnlite-0.1.0-cp311-cp311-manylinux_2_35_x86_64.whl  # check this wheel
    NNLITE_TEST_WHEEL=build     # run scripts/build-wheel.sh first (into a temporary folder)

The wheel checked is the one `auditwheel repair` made (scripts/build-wheel.sh),
CPU-only unless NNLITE_CUDA (ON or AUTO) says it was built with CUDA.
"""
import os
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUEST = os.environ.get("NNLITE_TEST_WHEEL", "")

pytestmark = pytest.mark.skipif(not REQUEST, reason="set NNLITE_TEST_WHEEL to a repaired wheel, or to 'build'")

# What a wheel may hold, by path. Anything else (object files, build folders,
# tests, a CUDA runtime, a second copy of a library) fails the test.
ALLOWED = [
    r"nnlite/(.+/)?[\w.-]+\.(py|pyi)",
    r"nnlite/py\.typed",
    r"nnlite/_C\.cpython-\d+[\w-]*\.so",     # the extension module
    r"nnlite/libnnlite\.so",                  # the core, found beside it ($ORIGIN)
    r"nnlite\.libs/libgomp-[0-9a-f]+\.so[.\d]*",  # grafted by auditwheel (its soname renamed)
    r"nnlite/data/mnist-5k/([\w.-]+\.gz|README\.md)",  # the embedded MNIST subset, its licence
    r"nnlite/include/nnlite/([\w]+/)*[\w]+\.h",  # the C++ API's headers...
    r"nnlite/share/cmake/nnlite/[\w.-]+\.cmake",  # ...and its CMake package
    r"nnlite-[\w.]+\.dist-info/[\w./-]+",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if REQUEST != "build":
        path = Path(REQUEST).resolve()
        assert path.is_file(), f"NNLITE_TEST_WHEEL={REQUEST}: no such file"
        return path
    out = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, NNLITE_DIST_DIR=str(out))
    subprocess.run(["bash", str(ROOT / "scripts" / "build-wheel.sh")], check=True, env=env, cwd=ROOT)
    (path,) = out.glob("*manylinux*.whl")
    return path


def platform_tags(wheel: Path) -> list:
    # name-version-python-abi-platform.whl; a platform may be several joined by '.'
    return wheel.name[: -len(".whl")].split("-")[-1].split(".")


def test_tag_is_manylinux(wheel):
    tags = platform_tags(wheel)
    assert tags and all(re.fullmatch(r"manylinux_\d+_\d+_x86_64|manylinux\w*_x86_64", t) for t in tags), wheel.name
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/WHEEL"))
        wheel_tags = [line.split(": ", 1)[1] for line in z.read(meta).decode().splitlines() if line.startswith("Tag: ")]
    assert wheel_tags and all(t.split("-")[-1] in tags for t in wheel_tags), wheel_tags


def test_bundles_only_what_it_should(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = [n for n in z.namelist() if not n.endswith("/")]
    stray = [n for n in names if not any(re.fullmatch(p, n) for p in ALLOWED)]
    assert not stray, f"files a wheel should not hold: {stray[:20]}"
    shared = sorted(n for n in names if ".so" in n)
    assert len([n for n in shared if "/_C." in n]) == 1, shared
    assert "nnlite/libnnlite.so" in shared, shared
    assert len([n for n in shared if "libgomp" in n]) == 1, shared   # OpenMP travels with the wheel
    assert not [n for n in shared if "cuda" in n.lower() or "cudart" in n], shared
    assert wheel.stat().st_size < 30 * 2**20, f"{wheel.stat().st_size} bytes"


@pytest.fixture(scope="module")
def fresh_env(wheel, tmp_path_factory) -> Path:
    """A new virtual environment, without the system's packages, with the wheel installed.

    numpy and tqdm come from the package index, as they would for a user.
    `--only-binary :all:` means pip installs wheels as they are or fails: it
    can build nothing, and no compiler is on hand (CC/CXX are `false`).
    """
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(home)
    env = dict(os.environ, CC="false", CXX="false", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    subprocess.run([str(home / "bin" / "python"), "-m", "pip", "install", "-q", "--only-binary", ":all:", str(wheel)],
                   check=True, env=env, cwd=home)
    return home


def run_in(home: Path, *args, timeout=300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NNLITE_TEST_WHEEL")}
    env["PATH"] = f"{home / 'bin'}:{env.get('PATH', '')}"
    # cwd outside the source tree: `import nnlite` must not find python/nnlite
    return subprocess.run(list(args), capture_output=True, text=True, env=env, cwd=home, timeout=timeout)


def test_imports_from_the_wheel(fresh_env):
    r = run_in(fresh_env, str(fresh_env / "bin" / "python"), "-c",
               "import nnlite; print(nnlite.__file__); print(nnlite.ones(2, 3).sum().item())")
    assert r.returncode == 0, r.stderr
    where, total = r.stdout.split()
    assert Path(where).resolve().is_relative_to(fresh_env.resolve()), where
    assert float(total) == 6.0


def test_info_says_cpu_only(fresh_env, wheel):
    r = run_in(fresh_env, str(fresh_env / "bin" / "nnlite"), "info")
    assert r.returncode == 0, r.stderr
    assert "SIMD level:" in r.stdout
    if os.environ.get("NNLITE_CUDA", "OFF") == "OFF":   # build-wheel.sh's default: a CPU-only wheel
        assert "CUDA compiled: no" in r.stdout, r.stdout


def test_train_runs(fresh_env):
    # one short epoch on 400 samples of the MNIST subset the wheel carries
    r = run_in(fresh_env, str(fresh_env / "bin" / "nnlite"), "train", "--epochs", "1", "--limit", "400",
               "--no-progress")
    assert r.returncode == 0, r.stderr
    m = re.search(r"epoch 1/1: loss [\d.]+, train accuracy [\d.]+, test accuracy ([\d.]+)", r.stdout)
    assert m, r.stdout
    # one epoch on 400 digits reaches about 0.53 here: well above chance (0.1) however the SIMD level rounds
    assert float(m.group(1)) > 0.3, r.stdout


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-v"]))
