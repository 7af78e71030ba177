"""Training CNNs: a small CNN learns synthetic CIFAR-format files read by the
real reader, `nnlite train` on CIFAR with checkpoints, resuming, top-5 and the
confusion matrix, and the LeNet-5 acceptance run on the embedded MNIST."""
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnlite
from nnlite import cli, nn
from nnlite.training import checkpoint as ckpt
from nnlite.training import TrainConfig, TrainingRun, fit

# One clearly different colour per class (RGB), for the synthetic images.
PALETTE = np.array([[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48],
                    [145, 30, 180], [70, 240, 240], [240, 50, 230], [128, 128, 0], [0, 0, 128]], dtype=np.float64)


def synthetic_images(rng, labels, num_classes):
    """uint8 [N, 3, 32, 32]: each image is its class's colour (10 colours,
    shaded by class // 10 for CIFAR-100) with a random brightness and noise."""
    base = PALETTE[labels % 10] * (1.0 - 0.08 * (labels // 10))[:, None]  # [N, 3]
    brightness = rng.uniform(0.8, 1.2, (len(labels), 1, 1, 1))
    img = base[:, :, None, None] * brightness + rng.normal(0, 25, (len(labels), 3, 32, 32))
    return np.clip(img, 0, 255).astype(np.uint8)


def write_cifar10(root, rng, per_batch=100, test=200):
    """cifar-10-batches-bin with five training batches of ``per_batch`` records
    and a test batch: each record is 1 label byte and 3072 pixel bytes
    (1024 red, 1024 green, 1024 blue, row-major)."""
    folder = Path(root) / "cifar-10-batches-bin"
    folder.mkdir(parents=True)
    names = [f"data_batch_{i}.bin" for i in range(1, 6)] + ["test_batch.bin"]
    for name in names:
        n = test if name == "test_batch.bin" else per_batch
        labels = rng.integers(0, 10, n)
        records = np.concatenate([labels.astype(np.uint8)[:, None],
                                  synthetic_images(rng, labels, 10).reshape(n, -1)], axis=1)
        (folder / name).write_bytes(records.tobytes())
    (folder / "batches.meta.txt").write_text("\n".join(f"class{i}" for i in range(10)) + "\n")
    return root


def write_cifar100(root, rng, train=300, test=100):
    """cifar-100-binary: records of a coarse label byte, a fine label byte and 3072 pixel bytes."""
    folder = Path(root) / "cifar-100-binary"
    folder.mkdir(parents=True)
    for name, n in (("train.bin", train), ("test.bin", test)):
        fine = rng.integers(0, 100, n)
        records = np.concatenate([(fine // 5).astype(np.uint8)[:, None], fine.astype(np.uint8)[:, None],
                                  synthetic_images(rng, fine, 100).reshape(n, -1)], axis=1)
        (folder / name).write_bytes(records.tobytes())
    (folder / "fine_label_names.txt").write_text("\n".join(f"fine{i}" for i in range(100)) + "\n")
    (folder / "coarse_label_names.txt").write_text("\n".join(f"coarse{i}" for i in range(20)) + "\n")
    return root


@pytest.fixture
def cifar10_dir(tmp_path, rng):
    return write_cifar10(tmp_path / "data", rng, per_batch=200)


def small_cnn(num_classes=10):
    """[N, 3, 32, 32] -> [N, num_classes]: two conv-BN-ReLU stages and global pooling."""
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, num_classes))


def test_small_cnn_learns_synthetic_cifar10(cifar10_dir):
    cfg = TrainConfig(dataset="cifar10", data_dir=str(cifar10_dir), epochs=2, batch_size=32, lr=0.05,
                      warmup_epochs=0.5, progress=False)
    run = TrainingRun(cfg, model=small_cnn())
    assert len(run.train_set) == 1000 and len(run.test_set) == 200
    x, y = next(iter(run.train_loader))
    assert tuple(x.shape) == (32, 3, 32, 32) and x.dtype == nnlite.float32 and y.dtype == nnlite.int64
    history = run.run()
    assert len(history.epochs) == 2
    last = history.epochs[-1]
    assert last.test_accuracy > 0.8, history  # ten classes: chance is 0.1
    assert last.test_top5 >= last.test_accuracy


def train(capsys, *args):
    code = cli.main(["train", "--no-progress", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_resnet20_on_cifar10_with_checkpoints_and_confusion(capsys, cifar10_dir, tmp_path):
    ckdir = tmp_path / "ck"
    ckdir.mkdir()
    code, out, err = train(capsys, "--model", "resnet20", "--dataset", "cifar10", "--data-dir", str(cifar10_dir),
                           "--epochs", "2", "--limit", "96", "--batch-size", "32", "--checkpoint-dir", str(ckdir),
                           "--confusion")
    assert code == 0, err
    lines = re.findall(r"epoch (\d)/2: loss [\d.]+, train accuracy [\d.]+, test accuracy ([\d.]+), top-5 ([\d.]+)",
                       out)
    assert [int(e) for e, _, _ in lines] == [1, 2], out
    for _, top1, top5 in lines:
        assert 0 <= float(top1) <= float(top5) <= 1
    assert sorted(p.name for p in ckdir.iterdir()) == ["checkpoint-epoch0001.safetensors", "checkpoint-epoch0002.safetensors"]
    table = out.split("confusion matrix (rows: true class, columns: predicted class):\n")[1].splitlines()
    rows = [[int(v) for v in line.split()[1:]] for line in table[1:11]]
    assert len(rows) == 10 and all(len(r) == 10 for r in rows)
    assert sum(map(sum, rows)) == 96  # every test sample counted once
    correct = sum(rows[i][i] for i in range(10))
    assert abs(correct / 96 - float(lines[-1][1])) < 1e-3

    saved = ckpt.load_checkpoint(ckdir / "checkpoint-epoch0002.safetensors")
    assert saved["epoch"] == 2 and saved["meta"]["config"]["model"] == "resnet20"
    assert len(saved["meta"]["history"]) == 2
    ours = nnlite.models.resnet20().state_dict()
    assert sorted(saved["model"]) == sorted(ours)
    assert all(len(entry) > 0 for entry in saved["optimizer"]["state"].values())  # momentum buffers


def test_cifar100_trains_and_reports_top5(capsys, tmp_path, rng):
    root = write_cifar100(tmp_path / "c100", rng)
    code, out, err = train(capsys, "--model", "resnet20", "--dataset", "cifar100", "--data-dir", str(root),
                           "--epochs", "1", "--limit", "64", "--batch-size", "32", "--no-augment")
    assert code == 0, err
    m = re.search(r"test accuracy ([\d.]+), top-5 ([\d.]+)", out)
    assert m and float(m.group(1)) <= float(m.group(2))


def mnist_cfg(**kw):
    base = dict(model="lenet5", epochs=3, limit=400, batch_size=50, progress=False)
    base.update(kw)
    return TrainConfig(**base)


def test_resume_continues_exactly_as_the_uninterrupted_run(tmp_path, one_thread):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    model_a, hist_a = fit(mnist_cfg(checkpoint_dir=str(a), keep_checkpoints=0))
    assert [p.name for p in sorted(a.iterdir())] == [f"checkpoint-epoch000{i}.safetensors" for i in (1, 2, 3)]
    # Stop after epoch 1 (its checkpoint), then resume in a fresh run.
    (b / "checkpoint-epoch0001.safetensors").write_bytes((a / "checkpoint-epoch0001.safetensors").read_bytes())
    model_b, hist_b = fit(mnist_cfg(checkpoint_dir=str(b), resume="latest"))
    assert hist_b.start_epoch == 1
    assert [r.epoch for r in hist_b.epochs] == [1, 2, 3]
    assert [r.test_accuracy for r in hist_b.epochs] == [r.test_accuracy for r in hist_a.epochs]
    assert [r.loss for r in hist_b.epochs] == [r.loss for r in hist_a.epochs]
    state_a, state_b = model_a.state_dict(), model_b.state_dict()
    for key in state_a:
        np.testing.assert_array_equal(state_a[key].numpy(), state_b[key].numpy(), err_msg=key)


def test_resume_with_more_epochs_stretches_the_schedule(tmp_path):
    fit(mnist_cfg(epochs=2, checkpoint_dir=str(tmp_path)))
    resumed = TrainingRun(mnist_cfg(epochs=4, resume=str(tmp_path / "checkpoint-epoch0002.safetensors")))
    fresh = TrainingRun(mnist_cfg(epochs=4))
    for _ in range(2 * len(fresh.train_loader)):
        fresh.scheduler.step()
    lr = resumed.optimizer.param_groups[0]["lr"]
    assert lr > 0 and lr == fresh.optimizer.param_groups[0]["lr"]
    assert resumed.history.start_epoch == 2 and len(resumed.run().epochs) == 4


def test_cnn_training_repeats_exactly_with_two_threads():
    before = nnlite.get_num_threads()
    nnlite.set_num_threads(2)
    try:
        runs = [fit(mnist_cfg(epochs=2))[1] for _ in range(3)]
    finally:
        nnlite.set_num_threads(before)
    losses = [[r.loss for r in h.epochs] for h in runs]
    assert losses[0] == losses[1] == losses[2]


def test_keep_checkpoints_and_resume_past_the_end(tmp_path, capsys):
    fit(mnist_cfg(epochs=3, checkpoint_dir=str(tmp_path), keep_checkpoints=2))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint-epoch0002.safetensors", "checkpoint-epoch0003.safetensors"]
    # All epochs done: resuming trains nothing and reports the saved history.
    code, out, err = train(capsys, "--model", "lenet5", "--epochs", "3", "--limit", "400", "--batch-size", "50",
                           "--checkpoint-dir", str(tmp_path), "--resume")
    assert code == 0, err
    assert "resumed from" in out and "after epoch 3" in out
    assert "final test accuracy" in out and not re.search(r"^epoch \d", out, re.M)


def test_checkpoint_write_is_atomic(tmp_path):
    resource = pytest.importorskip("resource")
    run = TrainingRun(mnist_cfg(epochs=1, checkpoint_dir=str(tmp_path)))
    run.run()
    path = tmp_path / "checkpoint-epoch0001.safetensors"
    before = path.read_bytes()
    # A real failure halfway through the write: a file-size limit below the
    # checkpoint's size makes the write fail with EFBIG (SIGXFSZ ignored).
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) // 2, hard))
    try:
        with pytest.raises(OSError, match="File too large"):
            ckpt.save_checkpoint(path, run.model, run.optimizer, run.scheduler, 1)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)
    assert path.read_bytes() == before  # the previous checkpoint is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint-epoch0001.safetensors"]  # no temporary left


def test_bad_checkpoints_give_clear_errors(tmp_path, capsys):
    fit(mnist_cfg(epochs=1, checkpoint_dir=str(tmp_path)))
    good = tmp_path / "checkpoint-epoch0001.safetensors"
    data = good.read_bytes()

    truncated = tmp_path / "truncated.safetensors"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="truncated.safetensors"):
        ckpt.load_checkpoint(truncated)

    old = tmp_path / "old.npz"  # the .npz format of earlier versions (here with a pickle) is refused
    np.savez(old, __meta__=np.array([{"format": ckpt.FORMAT}], dtype=object))
    with pytest.raises(ValueError, match="old.npz"):
        ckpt.load_checkpoint(old)

    foreign = tmp_path / "foreign.safetensors"  # a valid file that holds no checkpoint
    nnlite.save({"weights": nnlite.zeros(3)}, foreign)
    with pytest.raises(ValueError, match="not an nnlite checkpoint"):
        ckpt.load_checkpoint(foreign)

    with pytest.raises(FileNotFoundError, match="nothing.safetensors"):
        ckpt.load_checkpoint(tmp_path / "nothing.safetensors")

    base = ["--model", "lenet5", "--limit", "400"]
    empty = tmp_path / "empty"
    empty.mkdir()
    for args, words in (
        (base + ["--resume", str(truncated)], ["truncated.safetensors"]),
        (["--model", "mlp", "--limit", "400", "--batch-size", "50", "--resume", str(good)], ["lenet5", "model"]),
        (base + ["--batch-size", "64", "--resume", str(good)], ["batch_size"]),
        (base + ["--resume"], ["--resume", "--checkpoint-dir"]),
        (base + ["--resume", str(tmp_path / "nothing.safetensors")], ["nothing.safetensors"]),
        (base + ["--checkpoint-dir", str(tmp_path / "missing")], ["--checkpoint-dir", "does not exist"]),
        (base + ["--augment"], ["augment", "mnist"]),
        (base + ["--download"], ["download", "mnist"]),
        (base + ["--resume", "--checkpoint-dir", str(empty)], ["no checkpoint", str(empty)]),
    ):
        code, out, err = train(capsys, *args)
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1 and lines[0].startswith("nnlite: error:"), (args, err)
        for w in words:
            assert w in lines[0], (args, err)


def test_model_that_cannot_take_the_images_fails_before_training(capsys, cifar10_dir):
    code, out, err = train(capsys, "--model", "lenet5", "--dataset", "cifar10", "--data-dir", str(cifar10_dir))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "lenet5" in err and "[3, 32, 32]" in err
    assert "epoch" not in out


def test_recipes_fill_unset_settings():
    from nnlite.training import resolve_config

    c = resolve_config(TrainConfig(model="resnet20", dataset="cifar10", data_dir="x"))
    assert (c.epochs, c.batch_size, c.lr, c.weight_decay, c.momentum, c.augment) == (200, 128, 0.1, 5e-4, 0.9, True)
    assert c.warmup_epochs > 0 and c.label_smoothing == 0.0
    m = resolve_config(TrainConfig())
    assert (m.epochs, m.batch_size, m.lr, m.augment) == (15, 64, 0.05, False)
    assert resolve_config(TrainConfig(dataset="cifar100", data_dir="x", lr=0.2, epochs=3)).lr == 0.2
    assert resolve_config(TrainConfig(optimizer="adam")).lr == 1e-3


@pytest.mark.slow
def test_lenet5_reaches_97_percent_on_embedded_mnist():
    """The acceptance test: `nnlite train --model lenet5` on the embedded MNIST subset."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(nnlite.__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    r = subprocess.run([sys.executable, "-m", "nnlite", "train", "--model", "lenet5", "--no-progress"],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    accs = [float(a) for a in re.findall(r"test accuracy ([\d.]+)", r.stdout)]
    assert len(accs) == 15
    final = float(re.search(r"final test accuracy: ([\d.]+)", r.stdout).group(1))
    assert final == accs[-1] and final >= 0.97, r.stdout
