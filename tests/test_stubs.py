"""The type stubs of the compiled module (python/nnlite/_C/*.pyi): not stale,
and good enough that mypy accepts user code and rejects a wrong call."""
import ast
import importlib.util
import os
import pathlib
import subprocess
import sys

import pytest

import nnlite

ROOT = pathlib.Path(__file__).resolve().parents[1]
STUBS = ROOT / "python" / "nnlite" / "_C"


def signatures(folder: pathlib.Path) -> dict:
    """{module.Class.name: 'args -> return'} of every def in the stubs; the
    names and signatures, not the layout, which stubgen versions vary."""
    out = {}
    for path in sorted(folder.glob("*.pyi")):
        def walk(node, prefix):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    walk(child, prefix + child.name + ".")
                elif isinstance(child, ast.FunctionDef):
                    ret = ast.unparse(child.returns) if child.returns else ""
                    key = prefix + child.name
                    out[key] = out.get(key, ()) + (ast.unparse(child.args) + " -> " + ret,)
                elif isinstance(child, ast.AnnAssign):
                    out[prefix + ast.unparse(child.target)] = (ast.unparse(child.annotation),)
        walk(ast.parse(path.read_text()), path.stem + ".")
    return out


def test_stub_files_are_shipped():
    assert (STUBS / "__init__.pyi").is_file()
    assert (ROOT / "python" / "nnlite" / "py.typed").is_file()
    assert not (STUBS / "__init__.py").exists(), "a stub folder with __init__.py would hide the extension module"


@pytest.mark.skipif(importlib.util.find_spec("pybind11_stubgen") is None, reason="pybind11-stubgen not installed")
def test_checked_in_stubs_match_the_built_module(tmp_path):
    # The module this process imported (the dev tree's, or an installed one in CI).
    env = dict(os.environ, NNLITE_PYTHONPATH=str(pathlib.Path(nnlite.__file__).resolve().parents[1]))
    r = subprocess.run(["bash", str(ROOT / "scripts" / "gen-stubs.sh"), "--out", str(tmp_path)],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    fresh, checked_in = signatures(tmp_path / "_C"), signatures(STUBS)
    stale = sorted(k for k in fresh.keys() | checked_in.keys() if fresh.get(k) != checked_in.get(k))
    assert not stale, f"stubs are stale (run scripts/gen-stubs.sh): {stale[:20]}"


def test_precise_argument_types():
    sig = signatures(STUBS)
    assert "dim: builtins.int | collections.abc.Sequence[builtins.int] | None=None" in sig["__init__.Tensor.sum"][0]
    assert "dtype: dtype | None=None" in sig["__init__.Tensor.sum"][0]
    assert "device: device | str | builtins.int | None=None" in sig["__init__.tensor"][0]
    assert "object" not in " ".join(sig["__init__.Tensor.mean"])



def run_mypy(*paths):
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy not installed")
    return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--config-file",
                           str(ROOT / "pyproject.toml"), *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_mypy_passes_on_examples_and_main_api():
    r = run_mypy(ROOT / "examples", ROOT / "tests" / "typing" / "main_api.py")
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_rejects_a_wrong_call(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import nnlite\nnnlite.ones(2, 3).sum(dim='rows')\n")
    r = run_mypy(bad)
    assert r.returncode == 1 and '"sum" of "Tensor"' in r.stdout, r.stdout
