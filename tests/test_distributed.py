"""nnlite.distributed over MPI: the collectives run in real 2-process jobs
(``mpiexec -n 2``), checked against NumPy in the workers; a failing rank ends
the job instead of hanging it; argument errors in a single process.
Skipped without mpi4py (``pip install 'nnlite[mpi]'``)."""
import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nnlite
import nnlite.distributed as dist

pytest.importorskip("mpi4py")
HERE = Path(__file__).resolve().parent / "distributed"
MPIEXEC = shutil.which("mpiexec")
needs_mpiexec = pytest.mark.skipif(MPIEXEC is None, reason="mpiexec not on PATH")


def mpirun(script, *args, ranks=2, timeout=120):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(nnlite.__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    env["OMP_NUM_THREADS"] = "1"
    return subprocess.run([MPIEXEC, "-n", str(ranks), sys.executable, str(HERE / script), *args],
                          capture_output=True, text=True, env=env, timeout=timeout)


@needs_mpiexec
@pytest.mark.parametrize("ranks", [2, 3])
def test_collectives_match_numpy(ranks):
    run = mpirun("collectives_worker.py", ranks=ranks)
    assert run.returncode == 0, run.stdout + run.stderr
    # mpiexec may interleave the ranks' lines
    assert [run.stdout.count(f"rank {r} ok") for r in range(ranks)] == [1] * ranks, run.stdout


@needs_mpiexec
@pytest.mark.parametrize("mode", ["raise", "exit", "hang"])
def test_a_failing_rank_ends_the_job(mode):
    # "raise" and "exit": MPI ends the job at once; "hang": rank 0's 3 s timeout fires.
    run = mpirun("failure_worker.py", mode, "3", timeout=90)
    assert run.returncode != 0
    assert "rank 0 finished" not in run.stdout
    if mode == "raise":
        assert "rank 1 fails on purpose" in run.stderr
    if mode == "hang":
        assert "all_reduce: rank 0 waited 3 s" in run.stderr


def test_calls_before_init_and_bad_arguments():
    assert not dist.is_initialized()
    with pytest.raises(RuntimeError, match="get_rank: the default process group is not initialized"):
        dist.get_rank()
    with pytest.raises(ValueError, match="backend must be 'mpi'"):
        dist.init_process_group(backend="nccl")
    with pytest.raises(ValueError, match="timeout must be a positive"):
        dist.init_process_group(timeout=datetime.timedelta(seconds=0))
    dist.init_process_group(backend="gloo")   # a single process: world of one
    try:
        assert (dist.get_rank(), dist.get_world_size()) == (0, 1)
        with pytest.raises(RuntimeError, match="already initialized"):
            dist.init_process_group()
        with pytest.raises(ValueError, match="all_reduce: the tensor must be contiguous"):
            dist.all_reduce(nnlite.ones(2, 3).t())
        with pytest.raises(TypeError, match="all_reduce: expected an nnlite Tensor"):
            dist.all_reduce([1.0])
        with pytest.raises(ValueError, match="AVG needs a floating-point"):
            dist.all_reduce(nnlite.ones(2, dtype=nnlite.int64), op=dist.ReduceOp.AVG)
        with pytest.raises(ValueError, match="broadcast: src must be a rank in \\[0, 1\\)"):
            dist.broadcast(nnlite.ones(2), src=1)
        with pytest.raises(ValueError, match="all_gather: tensor_list must be a list of world_size \\(1\\)"):
            dist.all_gather([nnlite.ones(2), nnlite.ones(2)], nnlite.ones(2))
        t = nnlite.ones(3)
        dist.all_reduce(t, op=dist.ReduceOp.AVG)
        assert t.numpy().tolist() == [1.0, 1.0, 1.0]
    finally:
        dist.destroy_process_group()


@needs_mpiexec
@pytest.mark.parametrize("case,ranks", [("plain", 2), ("buckets", 2), ("buckets", 3), ("no_sync", 2),
                                        ("unused", 2)])
def test_ddp_equals_one_process_on_the_whole_batch(case, ranks):
    run = mpirun("ddp_worker.py", case, ranks=ranks)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [run.stdout.count(f"rank {r} ok") for r in range(ranks)] == [1] * ranks, run.stdout


def test_ddp_errors_in_one_process():
    from nnlite import nn
    from nnlite.nn.parallel import DistributedDataParallel as DDP
    with pytest.raises(RuntimeError, match="DistributedDataParallel: the default process group is not initialized"):
        DDP(nn.Linear(2, 2))
    dist.init_process_group()
    try:
        with pytest.raises(ValueError, match="bucket_cap_mb must be a positive number"):
            DDP(nn.Linear(2, 2), bucket_cap_mb=0)
        with pytest.raises(ValueError, match="device_ids/output_device are for GPU replicas"):
            DDP(nn.Linear(2, 2), device_ids=[0])
        model = nn.ModuleDict({"used": nn.Linear(2, 2), "idle": nn.Linear(2, 2)})
        ddp = DDP(model)
        with pytest.raises(RuntimeError, match=r"parameters idle.weight, idle.bias received no gradient .* "
                                               r"find_unused_parameters=True"):
            model["used"](nnlite.ones(1, 2)).sum().backward()
        # the next step works again
        with pytest.raises(RuntimeError, match="received no gradient"):
            model["used"](nnlite.ones(1, 2)).sum().backward()
        model = nn.ModuleDict({"used": nn.Linear(2, 2), "idle": nn.Linear(2, 2)})
        ddp = DDP(model, find_unused_parameters=True)
        model["used"](nnlite.ones(1, 2)).sum().backward()
        assert model["idle"].weight.grad is None and model["used"].weight.grad is not None
    finally:
        dist.destroy_process_group()


@needs_mpiexec
def test_nnlite_train_under_mpiexec_equals_one_process_and_resumes(tmp_path):
    # --batch-size is the global batch: 2 ranks x 25 follow 1 process x 50 to float rounding.
    line = ["-m", "nnlite.cli", "train", "--model", "lenet5", "--epochs", "2", "--limit", "400", "--batch-size",
            "50", "--no-progress", "--threads", "2", "--checkpoint-dir", str(tmp_path)]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(nnlite.__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    two = subprocess.run([MPIEXEC, "-n", "2", sys.executable, *line], capture_output=True, text=True, env=env,
                         timeout=300)
    assert two.returncode == 0, two.stdout + two.stderr
    assert two.stdout.count("final test accuracy") == 1, two.stdout   # rank 0 alone prints
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint-epoch0001.safetensors",
                                                          "checkpoint-epoch0002.safetensors"]
    one = subprocess.run([sys.executable, *line[:-2]], capture_output=True, text=True, env=env, timeout=300)
    assert one.returncode == 0, one.stderr

    def figures(text):
        return [line.split("(")[0] for line in text.splitlines() if line.startswith("epoch")]

    assert figures(two.stdout) == figures(one.stdout) and len(figures(one.stdout)) == 2

    # Interrupted after epoch 1 (its checkpoint is the newest), then resumed under mpiexec:
    # epoch 2 is the uninterrupted run's.
    (tmp_path / "checkpoint-epoch0002.safetensors").unlink()
    resumed = subprocess.run([MPIEXEC, "-n", "2", sys.executable, *line, "--resume"], capture_output=True,
                             text=True, env=env, timeout=300)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert figures(resumed.stdout) == figures(two.stdout)[1:], resumed.stdout
    assert (tmp_path / "checkpoint-epoch0002.safetensors").exists()


@needs_mpiexec
@pytest.mark.parametrize("kind,ranks", [("2d", 2), ("1d", 3)])
def test_sync_batchnorm_equals_batchnorm_on_the_whole_batch(kind, ranks):
    run = mpirun("syncbn_worker.py", kind, ranks=ranks)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [run.stdout.count(f"rank {r} ok") for r in range(ranks)] == [1] * ranks, run.stdout


def test_sync_batchnorm_on_one_process_is_batchnorm():
    import numpy as np

    from nnlite import nn

    x = nnlite.from_numpy(np.random.default_rng(0).standard_normal((4, 3, 2, 5)).astype(np.float32))
    ref, ours = nn.BatchNorm2d(3), nn.SyncBatchNorm(3)
    np.testing.assert_allclose(ours(x).detach().numpy(), ref(x).detach().numpy(), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours.running_var.numpy(), ref.running_var.numpy(), rtol=1e-6)
    with pytest.raises(ValueError, match=r"SyncBatchNorm: expected 3 channels"):
        ours(nnlite.zeros(2, 4, 3))
    with pytest.raises(ValueError, match=r"SyncBatchNorm: expected an input of shape \[N, C, \.\.\.\]"):
        ours(nnlite.zeros(3))


def test_convert_sync_batchnorm_keeps_parameters_and_mode():
    from nnlite import nn

    net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Sequential(nn.BatchNorm1d(2))).eval()
    bn_weight = net[1].weight
    converted = nn.SyncBatchNorm.convert_sync_batchnorm(net)
    assert converted is net
    assert isinstance(net[1], nn.SyncBatchNorm) and isinstance(net[2][0], nn.SyncBatchNorm)
    assert net[1].weight is bn_weight and not net[1].training
    assert list(dict(net.state_dict())) == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                                           "1.running_var", "1.num_batches_tracked", "2.0.weight", "2.0.bias",
                                           "2.0.running_mean", "2.0.running_var", "2.0.num_batches_tracked"]
