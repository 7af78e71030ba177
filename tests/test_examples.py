"""The examples run and reach their stated metrics."""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnlite

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def example(monkeypatch):
    # examples/ is on sys.path when a script runs; do the same for the import.
    monkeypatch.syspath_prepend(str(EXAMPLES))

    def load(name):
        spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


def test_synthetic_data_is_separable_with_a_margin(example):
    import nnlite

    x, t = example("_synthetic").separable_blobs(n=300, margin=0.5, seed=4)
    assert tuple(x.shape) == (300, 2) and sorted(set(t.tolist())) == [-1.0, 1.0]
    score = (nnlite.matmul(x, nnlite.tensor([1.0, 2.0])) - 1.0) * t
    assert score.min().item() >= 0.5 * 5 ** 0.5 - 1e-4


def test_logistic_regression(example):
    m = example("logistic_regression")
    assert m.main(verbose=False) >= 0.95
    x, t = example("_synthetic").separable_blobs(n=100, seed=3)
    _, _, costs = m.train(x, (t + 1) / 2, steps=50)
    assert costs[-1] < costs[0] * 0.5


def test_perceptron_converges(example):
    m = example("perceptron")
    assert m.main(verbose=False) == 1.0
    x, t = example("_synthetic").separable_blobs(n=300, margin=0.1, seed=1)
    _, _, mistakes = m.train(x, t)
    assert mistakes[-1] == 0 and mistakes[0] > 0 and len(mistakes) < 100


def test_adaline_mse_decreases(example):
    m = example("adaline")
    assert m.main(verbose=False) >= 0.95
    x, t = example("_synthetic").separable_blobs(n=200, seed=2)
    _, _, mse = m.train(x, t)
    # LMS with a small step descends the MSE epoch after epoch (sample noise aside)...
    assert all(b <= a * 1.01 for a, b in zip(mse, mse[1:])), mse
    # ...down to the least-squares optimum of a linear unit.
    xa = np.hstack([x.numpy(), np.ones((x.shape[0], 1), np.float32)])
    coef, *_ = np.linalg.lstsq(xa.astype(np.float64), t.numpy().astype(np.float64), rcond=None)
    best = float(np.mean((xa @ coef - t.numpy()) ** 2))
    assert mse[0] > 2 * best and mse[-1] <= best * 1.02, (mse, best)


def test_mnist_mlp(example):
    assert example("mnist_mlp").main(epochs=6, verbose=False) >= 0.94


def test_an_example_runs_as_a_script():
    env = dict(os.environ)
    # The subprocess must import the same nnlite as this process (installed or source tree).
    env["PYTHONPATH"] = os.pathsep.join([os.path.dirname(os.path.dirname(nnlite.__file__)), env.get("PYTHONPATH", "")])
    r = subprocess.run([sys.executable, str(EXAMPLES / "perceptron.py")], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    assert "accuracy 1.000" in r.stdout


def test_snn_mnist_short_run(example):
    # One epoch on the first 2,000 images (the full run's figure is in the README).
    accuracy, firing_rate = example("snn_mnist").main(epochs=1, limit=2000, verbose=False)
    assert accuracy >= 0.7
    assert 0.0 < firing_rate < 0.5
