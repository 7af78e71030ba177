"""The documentation site (mkdocs.yml, docs/) builds with warnings as errors,
and its API reference holds the public names (skipped without the docs extra)."""
import importlib.util
import os
import pathlib
import subprocess
import sys

import pytest

import nnlite

ROOT = pathlib.Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("mkdocs", "mkdocstrings", "material")),
    reason="the docs extra (mkdocs, mkdocs-material, mkdocstrings) is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=os.pathsep.join([str(pathlib.Path(nnlite.__file__).resolve().parents[1]),
                                           os.environ.get("PYTHONPATH", "")]))
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                       cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return out


def test_guides_are_built(site):
    for page in ["getting-started", "pytorch-compat", "cpp-embedding", "export-onnx", "performance", "architecture"]:
        assert (site / page / "index.html").is_file(), page
    # the performance guide includes the README's benchmark table
    assert "sgemm" in (site / "performance" / "index.html").read_text()


@pytest.mark.parametrize("page, name", [
    ("nnlite", "nnlite.Tensor"), ("nnlite", "nnlite.zeros"), ("nn", "nnlite.nn.Linear"),
    ("functional", "nnlite.nn.functional.cross_entropy"), ("optim", "nnlite.optim.Adam"),
    ("data", "nnlite.data.DataLoader"), ("models", "nnlite.models"), ("distributions", "nnlite.distributions.Normal"),
    ("snn", "nnlite.snn.Leaky"), ("autograd", "nnlite.autograd"), ("onnx", "nnlite.onnx.export")])
def test_api_reference_has_public_names(site, page, name):
    html = (site / "api" / page / "index.html").read_text()
    assert f'id="{name}"' in html, f"{name} missing from api/{page}"
