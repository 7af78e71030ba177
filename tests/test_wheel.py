"""The repaired wheel of scripts/build-wheel.sh: its manylinux tag, what it
bundles, and that it installs into a fresh virtual environment and runs.
Slow: skipped unless dist/ holds a repaired wheel or NNLITE_TEST_WHEEL names one."""
import os
import pathlib
import re
import subprocess
import sys
import venv
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def find_wheel():
    if os.environ.get("NNLITE_TEST_WHEEL"):
        return pathlib.Path(os.environ["NNLITE_TEST_WHEEL"])
    found = sorted((ROOT / "dist").glob("nnlite-*manylinux*.whl"))
    return found[-1] if found else None


WHEEL = find_wheel()
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(WHEEL is None, reason="no repaired wheel: run scripts/build-wheel.sh")]


def test_manylinux_tag():
    m = re.search(r"-(manylinux_(\d+)_(\d+)_x86_64)", WHEEL.name)
    assert m, f"not a manylinux wheel: {WHEEL.name}"
    assert f"cp{sys.version_info.major}{sys.version_info.minor}" in WHEEL.name


def test_bundles_only_the_package_and_its_runtime_libraries():
    names = zipfile.ZipFile(WHEEL).namelist()
    tops = {n.split("/")[0] for n in names}
    assert all(t == "nnlite" or t == "nnlite.libs" or t.endswith(".dist-info") for t in tops), tops
    grafted = [pathlib.PurePath(n).name for n in names if n.startswith("nnlite.libs/") and not n.endswith("/")]
    # only what the extension links and manylinux does not promise: OpenMP and zlib
    assert all(re.match(r"lib(gomp|z)[-.]", g) for g in grafted), grafted
    assert not [n for n in names if re.search(r"\.(o|a|cpp|cc|cu)$|CMakeCache|__pycache__|/tests?/", n)]
    for needed in ["nnlite/_C/__init__.pyi", "nnlite/py.typed", "nnlite/include/nnlite/nnlite.h"]:
        assert needed in names, needed
    assert any(re.match(r"nnlite/_C\.cpython-.*\.so$", n) for n in names)


def test_installs_in_a_fresh_venv_and_trains(tmp_path):
    env_dir = tmp_path / "venv"
    # system site-packages provide numpy and tqdm (no index needed); the
    # venv's own nnlite, from the wheel, comes first on sys.path
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    py = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update(CC="false", CXX="false")  # installing must not compile anything
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed", str(WHEEL)], check=True, env=env)
    r = subprocess.run([py, "-c", "import nnlite; print(nnlite.__file__); print(nnlite.ones(2, 3).sum().item())"],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert str(env_dir) in r.stdout and "6.0" in r.stdout
    r = subprocess.run([env_dir / "bin" / "nnlite", "train", "--epochs", "1"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert re.search(r"accuracy", r.stdout + r.stderr, re.I)
