"""The nnlite command: info, train, and its one-line errors."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnlite
import nnlite.models
from nnlite import cli

ROOT = Path(__file__).resolve().parents[1]


def run_module(*args, timeout=600):
    """python -m nnlite ARGS in a subprocess that imports the same nnlite as this process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(nnlite.__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "nnlite", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def test_info(capsys):
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    assert f"nnlite {nnlite.__version__}" in out
    assert f"SIMD level: {nnlite._C.simd_level()}" in out
    assert f"threads: {nnlite.get_num_threads()}" in out
    assert re.search(r"CUDA compiled: (yes|no)", out) and re.search(r"CUDA available: (yes|no)", out)


def test_info_as_a_module():
    r = run_module("info")
    assert r.returncode == 0, r.stderr
    assert "SIMD level" in r.stdout


@pytest.mark.skipif(shutil.which("nnlite") is None, reason="the nnlite console script is not installed")
def test_console_script():
    r = subprocess.run(["nnlite", "info"], capture_output=True, text=True)
    assert r.returncode == 0 and "SIMD level" in r.stdout


def train(capsys, *args):
    code = cli.main(["train", "--no-progress", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_train_one_epoch_saves_and_plots(capsys, tmp_path):
    pytest.importorskip("matplotlib")
    save, plot = tmp_path / "w.safetensors", tmp_path / "curves.png"
    code, out, err = train(capsys, "--epochs", "1", "--limit", "400", "--threads", "1",
                           "--save", str(save), "--plot", str(plot))
    assert code == 0, err
    m = re.search(r"epoch 1/1: loss ([\d.]+), train accuracy ([\d.]+), test accuracy ([\d.]+)", out)
    assert m, out
    assert 0.0 <= float(m.group(3)) <= 1.0
    assert "final test accuracy" in out
    weights = nnlite.load(str(save))
    state = nnlite.models.mlp().state_dict()
    assert sorted(weights) == sorted(state)
    for name, t in state.items():
        assert weights[name].shape == t.shape and weights[name].dtype == nnlite.float32
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_training_repeats_exactly_with_a_seed(capsys, tmp_path):
    runs = []
    for i in range(2):
        path = tmp_path / f"r{i}.safetensors"
        code, out, err = train(capsys, "--epochs", "2", "--limit", "256", "--seed", "5", "--save", str(path))
        assert code == 0, err
        runs.append((re.findall(r"loss [\d.]+.*test accuracy [\d.]+", out), nnlite.load(str(path))))
    assert runs[0][0] == runs[1][0] and len(runs[0][0]) == 2
    for name in runs[0][1]:
        np.testing.assert_array_equal(runs[0][1][name].numpy(), runs[1][1][name].numpy())


def test_short_training_learns(capsys):
    code, out, err = train(capsys, "--epochs", "3", "--limit", "1000", "--optimizer", "adam")
    assert code == 0, err
    acc = float(re.search(r"final test accuracy: ([\d.]+)", out).group(1))
    assert acc > 0.8, out  # ten classes: chance is 0.1


def test_train_from_a_data_dir_and_fashion(capsys, tmp_path):
    from nnlite.data.datasets.mnist import EMBEDDED_MNIST

    for f in EMBEDDED_MNIST.glob("*.gz"):
        shutil.copy(f, tmp_path / f.name)
    for dataset in ("mnist", "fashion-mnist"):
        code, out, err = train(capsys, "--dataset", dataset, "--data-dir", str(tmp_path), "--epochs", "1",
                               "--limit", "128", "--optimizer", "adamw", "--lr", "0.002", "--batch-size", "32")
        assert code == 0, err
        assert "test accuracy" in out


@pytest.mark.parametrize("args, words", [
    (["--model", "nope"], ["unknown model 'nope'", "mlp"]),
    (["--epochs", "-1"], ["--epochs", "-1"]),
    (["--epochs", "x"], ["--epochs", "'x'"]),
    (["--batch-size", "0"], ["--batch-size"]),
    (["--lr", "0"], ["--lr"]),
    (["--optimizer", "rmsprop"], ["--optimizer", "rmsprop"]),
    (["--dataset", "cifar"], ["--dataset", "cifar"]),
    (["--data-dir", "/no/such/dir"], ["/no/such/dir", "does not exist"]),
    (["--dataset", "fashion-mnist"], ["fashion-mnist", "data directory"]),
    (["--save", "/no/such/dir/w.safetensors"], ["--save", "/no/such/dir"]),
    (["--frobnicate"], ["--frobnicate"]),
])
def test_bad_arguments_give_one_line(capsys, args, words):
    code, out, err = train(capsys, *args)
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnlite: error:"), err
    for w in words:
        assert w in lines[0]


def test_bad_data_dir_contents(capsys, tmp_path):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x08")
    code, out, err = train(capsys, "--data-dir", str(tmp_path))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "train-images-idx3-ubyte" in err and "3 bytes" in err


def test_no_command_and_subprocess_has_no_traceback():
    r = run_module("train", "--model", "nope")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == "nnlite: error: unknown model 'nope'; available: " + ", ".join(
        nnlite.models.list_models())
    r = run_module()
    assert r.returncode == 2 and "Traceback" not in r.stderr and "required" in r.stderr


def test_plot_without_matplotlib(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    code, out, err = train(capsys, "--epochs", "1", "--limit", "10", "--plot", "x.png")
    assert code == 2 and "matplotlib" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_default_training_reaches_94_percent():
    """The acceptance test: `nnlite train` with no options on the embedded MNIST."""
    r = run_module("train", "--no-progress")
    assert r.returncode == 0, r.stderr
    accs = [float(a) for a in re.findall(r"test accuracy ([\d.]+)", r.stdout)]
    assert len(accs) == 15
    final = float(re.search(r"final test accuracy: ([\d.]+)", r.stdout).group(1))
    assert final == accs[-1] and final >= 0.94, r.stdout


def test_train_hands_a_registered_model_to_its_own_loop(capsys, monkeypatch):
    # A model listed in training/tasks.py skips the classifier loop: its run
    # function gets the config, the parsed options and the output stream.
    import sys
    import types
    from nnlite.training import tasks
    seen = {}

    def run(cfg, args, out):
        seen.update(model=cfg.model, epochs=cfg.epochs, plot=args.plot)
        print("custom loop ran", file=out)
        return 0

    monkeypatch.setitem(sys.modules, "fake_task", types.SimpleNamespace(run=run))
    monkeypatch.setitem(tasks.TASKS, "mlp", "fake_task:run")
    assert cli.main(["train", "--model", "mlp", "--epochs", "2", "--no-progress"]) == 0
    assert seen == {"model": "mlp", "epochs": 2, "plot": None}
    assert capsys.readouterr().out == "custom loop ran\n"
