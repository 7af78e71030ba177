"""nn::Embedding and autograd::Function in C++ against nnlite.nn.Embedding and
nnlite.autograd.Function: tests/cpp/embedding_function_check.cpp prints JSON
lines that must match the same steps run here."""
import json
import math
import subprocess

import numpy as np
import pytest

import nnlite
from nnlite import nn
from test_cpp_api import HERE, _compiler, _nnlite_path


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    cxx, include, lib = _compiler(), _nnlite_path("--include-dir"), _nnlite_path("--lib-dir")
    exe = tmp_path_factory.mktemp("cpp_embed") / "check"
    cmd = [cxx, "-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror", "-I", include,
           str(HERE / "cpp" / "embedding_function_check.cpp"), "-o", str(exe), "-L", lib, "-lnnlite",
           f"-Wl,-rpath,{lib}"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, f"compiling failed:\n{r.stderr}"
    r = subprocess.run([str(exe)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return {e.pop("key"): e for e in map(json.loads, r.stdout.splitlines())}


def _same(out, key, t):
    e = out[key]
    np.testing.assert_allclose(np.array(e["values"]).reshape(e["shape"]), t.detach().to(nnlite.float64).numpy(),
                               rtol=1e-6, atol=1e-7, err_msg=key)


def test_embedding_module(out):
    nnlite.manual_seed(3)
    emb = nn.Embedding(10, 4, padding_idx=-1, scale_grad_by_freq=True)
    _same(out, "emb.weight", emb.weight)  # same N(0, 1) draws, padding row zero
    assert out["emb.repr"]["text"] == repr(emb)
    y = emb(nnlite.tensor([[1, 9, 1], [2, 3, 1]]))
    _same(out, "emb.out", y)
    (y * y).sum().backward()
    _same(out, "emb.grad", emb.weight.grad)
    capped = nn.Embedding(6, 3, max_norm=1.0)
    capped(nnlite.tensor([0, 4, 4]))
    _same(out, "capped.weight", capped.weight)
    assert out["capped.repr"]["text"] == repr(capped)
    assert out["pretrained.requires_grad"]["text"] == "False"
    _same(out, "pretrained.out", nnlite.full((2, 2), 1.5))
    assert out["emb.bad_index"]["text"] == "embedding: index 10 is out of range for num_embeddings 10 " \
                                           "(valid indices are 0 to 9)"
    assert "sparse=True" in out["emb.sparse"]["text"]


def test_custom_function(out):
    x = np.arange(1.0, 4.0)
    np.testing.assert_allclose(out["cube.out"]["values"], 2 * x ** 3)
    np.testing.assert_allclose(out["cube.grad"]["values"], 6 * x ** 2)
    np.testing.assert_allclose(out["cube.grad2"]["values"], 12 * x)  # through the backward's own ops
    a = np.arange(3.0)
    np.testing.assert_allclose(out["sincos.grad"]["values"], 2 * np.cos(a) - np.sin(a))
    assert out["sincos.grad_fn"]["text"] == "SinCos"
    assert out["wrong_count"]["text"].startswith("function WrongCountBackward returned an incorrect number of "
                                                 "gradients (expected 1")
    assert not math.isnan(out["cube.grad2"]["values"][0])
