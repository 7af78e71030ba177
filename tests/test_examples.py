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


def test_adding_problem_lstm_remembers_where_the_rnn_cannot(example):
    # A shorter problem than the script's (30 steps, not 100) so that it runs in seconds;
    # the markers are still ~15 steps apart on average.
    m = example("adding_problem")
    lstm = m.train("LSTM", epochs=5, seq_len=30, hidden=32)
    rnn = m.train("RNN", epochs=5, seq_len=30, hidden=32)
    assert lstm[-1] < 0.02, lstm
    assert rnn[-1] > 0.1, rnn  # near the 0.167 of always answering 1


def test_char_lstm_beats_the_unigram_baseline(example, tmp_path):
    m = example("char_lstm")
    # A small model with a high learning rate: about 4.4 bits/char after 5 short epochs.
    bpc, unigram, text = m.main(epochs=5, hidden=64, lr=1e-2, sample_len=80, verbose=False)
    assert bpc < unigram - 0.5, (bpc, unigram)
    readme = m.README.read_text(encoding="utf-8")
    assert len(text) == 80 and set(text) <= set(readme)
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("too short")
    with pytest.raises(ValueError, match="char_lstm: the text has 9 characters"):
        m.main(text=tiny, epochs=1, verbose=False)


def test_transformer_sort_learns_to_sort(example):
    # A short setting (5 digits, 150 batches of 64): most held-out sequences come out exactly sorted;
    # the full default run (8 digits, more batches) reaches >= 99%.
    m = example("transformer_sort")
    assert m.main(epochs=3, length=5, steps=50, batch_size=64, verbose=False) >= 0.95
    x, y = m.batch(4, 6)
    assert (y[:, 1:] >= y[:, :-1]).all().item() and (y.sort(-1)[0] == x.sort(-1)[0]).all().item()


def test_snn_mnist_short_run(example):
    # One epoch on the first 1,000 images (the full run's figure is in the README).
    accuracy, firing_rate = example("snn_mnist").main(epochs=1, limit=1000, verbose=False)
    assert accuracy >= 0.6
    assert 0.0 < firing_rate < 0.5


def test_vae_short_run(example, tmp_path):
    # One epoch on the first 1,000 images (the full recipe's figure is in the README).
    first = example("vae").main(epochs=1, limit=1000, verbose=False, plot=str(tmp_path / "vae.png"))
    assert first < 240 and (tmp_path / "vae.png").stat().st_size > 0  # an untrained VAE scores about 545
