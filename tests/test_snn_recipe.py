"""``nnlite train --model snn``: the spiking MLP recipe, its options, its
model's checks, and the benchmark row against snnTorch (run briefly)."""
import importlib.util
import sys
from pathlib import Path

import pytest

import nnlite
from nnlite import cli
from nnlite.models import get_model
from nnlite.models.snn import SpikingMLP


def test_short_run_learns_and_reports_firing_rate(capsys):
    # 1 epoch on the first 1,000 train / 1,000 test images (a few seconds).
    # The full recipe (20 epochs, all 4,000 images) reaches >= 95%: README.
    assert cli.main(["train", "--model", "snn", "--epochs", "1", "--limit", "1000", "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    final = next(l for l in lines if l.startswith("final test accuracy"))
    assert float(final.split()[3]) >= 0.6
    rate = next(l for l in lines if l.startswith("average firing rate (hidden layers)"))
    assert 0.0 < float(rate.split(":")[1].split()[0]) < 0.5


@pytest.mark.parametrize("argv, message", [
    (["--optimizer", "sgd", "--weight-decay", "0.1"], "--weight-decay does not apply to --model snn"),
    (["--optimizer", "adamw"], "--optimizer does not apply to --model snn"),
    (["--label-smoothing", "0.1"], "--label-smoothing does not apply to --model snn"),
    (["--plot", "/tmp/nnlite_snn_plot.png"], "--plot does not apply to --model snn"),
])
def test_options_that_do_not_apply_are_usage_errors(argv, message, capsys):
    if "--plot" in argv:
        pytest.importorskip("matplotlib")
    assert cli.main(["train", "--model", "snn", "--no-progress"] + argv) != 0
    assert message in capsys.readouterr().err


def test_model_shapes_and_bad_input():
    model = get_model("snn", hidden=(16, 8), num_steps=5)
    images = nnlite.rand(3, 1, 28, 28)
    spikes = model.encode(images)
    assert list(spikes.shape) == [5, 3, 784]
    spk, mem, hidden = model(spikes)
    assert list(spk.shape) == list(mem.shape) == [5, 3, 10]
    assert [list(h.shape) for h in hidden] == [[5, 3, 16], [5, 3, 8]]
    with pytest.raises(ValueError, match=r"SpikingMLP: input must be spikes \[T, B, 784\], got shape \[3, 784\]"):
        model(images.reshape(3, 784))
    with pytest.raises(ValueError, match=r"SpikingMLP: num_steps must be a positive integer, got 0"):
        SpikingMLP(num_steps=0)
    with pytest.raises(ValueError, match=r"Leaky: beta must lie in \[0, 1\], got 1.5"):
        SpikingMLP(beta=1.5)


def test_benchmark_row_against_snntorch():
    torch = pytest.importorskip("torch")
    pytest.importorskip("snntorch")
    if importlib.util.find_spec("benchmarks") is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    spiking = pytest.importorskip("benchmarks.spiking")
    # a small network, one repeat: the harness runs, not the timing
    (row,) = spiking.snn_train_step(nnlite, torch, repeats=1, batch=4, hidden=32)
    assert row["row"] == "snn training step" and row["nnlite"] > 0 and row["torch"] > 0
