"""The host stand-in for the CUDA device (_C._cuda_host.set_host_cuda), which
runs the device-parametrised tests on machines without a GPU: its own check
(a backend call handed a tensor of another device fails), tensors that
outlive it, and a short training run on "cuda" that keeps everything on the
device and ends where the CPU run ends. On a GPU the same run uses the GPU."""
import numpy as np
import pytest

import nnlite
import nnlite.nn as nn
import nnlite.nn.functional as F
from nnlite import _C

H = _C._cuda_host
pytestmark = pytest.mark.skipif(nnlite.cuda.is_available(), reason="a GPU is here: the stand-in is not used")


@pytest.fixture
def stand_in():
    H.set_host_cuda(True)
    try:
        yield
    finally:
        H.set_host_cuda(False)


def test_a_backend_call_with_a_tensor_of_another_device_fails(stand_in):
    a, b = nnlite.ones(3, device="cuda"), nnlite.ones(3)
    assert a.is_cuda and not b.is_cuda
    np.testing.assert_array_equal(H.backend_add(a, a).cpu().numpy(), [2, 2, 2])
    with pytest.raises(RuntimeError, match=r"the CUDA backend's binary was handed a tensor on cpu \(\[3\], float32\)"):
        H.backend_add(a, b)


def test_tensors_outlive_the_stand_in_and_then_fail_clearly():
    H.set_host_cuda(True)
    x = nnlite.arange(4.0, device="cuda")
    H.set_host_cuda(False)
    assert x.is_cuda
    with pytest.raises(RuntimeError, match="CUDA"):
        x + 1  # the real CUDA backend answers: not built, or no GPU
    del x  # its memory goes back to the allocator it came from


def test_numbers_and_0d_cpu_tensors_combine_with_device_tensors(stand_in):
    x = nnlite.tensor([1.0, -2.0, 3.0], device="cuda")
    for y in (x * 2, 2 - x, x + nnlite.tensor(1.0), nnlite.where(x > 0, x, nnlite.tensor(0.0)), x.clamp(min=0)):
        assert y.is_cuda
    np.testing.assert_array_equal(nnlite.where(x > 0, x, nnlite.tensor(0.0)).cpu().numpy(), [1, 0, 3])
    with pytest.raises(ValueError, match="add: expected all tensors on the same device, got cuda:0 and cpu"):
        x + nnlite.ones(3)
    assert "device=cuda:0" in repr(x) and "1., -2.,  3." in repr(x)


def _train(device, steps=6):
    """A small classifier trained for a few steps: SGD with momentum on the body, Adam on the head."""
    nnlite.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(4 * 4 * 4, 16), nn.Dropout(0.1), nn.GELU(), nn.Linear(16, 3))
    model.to(device)
    body, head = list(model.parameters())[:-2], list(model.parameters())[-2:]
    opts = [nnlite.optim.SGD(body, lr=0.05, momentum=0.9, weight_decay=1e-4), nnlite.optim.Adam(head, lr=1e-2)]
    rng = np.random.default_rng(0)
    data = nnlite.utils.data.TensorDataset(nnlite.tensor(rng.standard_normal((24, 1, 8, 8)).astype(np.float32)),
                                           nnlite.tensor(rng.integers(0, 3, 24)))
    loader = nnlite.utils.data.DataLoader(data, batch_size=8)
    losses = []
    for _ in range(steps // len(loader)):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = F.cross_entropy(model(x), y, label_smoothing=0.1)
            for o in opts:
                o.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            for o in opts:
                o.step()
            losses.append(loss.item())
    for p in model.parameters():
        assert p.device.type == device and p.grad.device.type == device
    for o in opts:
        for state in o.state.values():
            for v in state.values():
                if isinstance(v, nnlite.Tensor) and v.dim() > 0:
                    assert v.device.type == device
    return losses, [p.detach().cpu().numpy() for p in model.parameters()]


def test_training_stays_on_the_device_and_matches_the_cpu(stand_in):
    cuda_losses, cuda_params = _train("cuda")
    H.set_host_cuda(False)
    cpu_losses, cpu_params = _train("cpu")
    np.testing.assert_allclose(cuda_losses, cpu_losses, rtol=1e-5)
    for a, b in zip(cuda_params, cpu_params):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def _final_lines(argv, capsys):
    from nnlite import cli

    assert cli.main(argv) == 0
    keep = ("final", "test accuracy", "-ELBO")
    return [line.split(" (")[0] for line in capsys.readouterr().out.splitlines() if any(k in line for k in keep)]


# dbn: off the CPU, the RBM's CD step draws its samples with the device's bernoulli, not the
# CPU's hashed draws (ops/rbm.cpp), so its figures differ from the CPU run's.
@pytest.mark.parametrize("model, same_draws", [("mlp", True), ("lstm", True), ("vae", True), ("snn", True),
                                               ("dbn", False), ("dcgan", True)])
def test_nnlite_train_device_cuda_trains_there_as_on_the_cpu(model, same_draws, capsys, tmp_path, monkeypatch):
    """Every recipe of ``nnlite train`` moves its model and batches to --device: on the stand-in
    every kernel call checks that, and the figures equal the CPU run's (the same kernels)."""
    monkeypatch.chdir(tmp_path)  # dcgan writes its sample grids into the working directory
    argv = ["train", "--model", model, "--epochs", "1", "--limit", "100", "--no-progress"]
    cpu = _final_lines(argv + ["--device", "cpu"], capsys)
    H.set_host_cuda(True)
    try:
        cuda = _final_lines(argv + ["--device", "cuda"], capsys)
    finally:
        H.set_host_cuda(False)
    assert cpu and len(cuda) == len(cpu)
    if same_draws:
        assert cuda == cpu


def test_nnlite_train_device_cuda_without_a_gpu_is_a_usage_error(capsys):
    from nnlite import cli

    assert cli.main(["train", "--device", "cuda", "--epochs", "1", "--limit", "10", "--no-progress"]) == 2
    assert "device 'cuda:0':" in capsys.readouterr().err
    assert cli.main(["train", "--device", "tpu", "--no-progress"]) == 2
    assert "unknown device 'tpu'" in capsys.readouterr().err


def test_index_checks_wait_for_the_device(stand_in):
    """On a GPU an op's index check runs when the host next waits for the device (no op waits):
    the stand-in defers the same way, so these paths run here."""
    x = nnlite.ones(3, 4, device="cuda")
    y = x[nnlite.tensor([0, 3])]  # no error yet
    with pytest.raises(IndexError, match="index: index 3 is out of bounds for dimension 0 with size 3"):
        y.sum().item()
    x.gather(1, nnlite.tensor([[0], [9], [1]], device="cuda"))
    with pytest.raises(IndexError, match="gather: index 9 is out of bounds for dimension 1 with size 4"):
        nnlite.cuda.synchronize()
    loss = F.cross_entropy(x, nnlite.tensor([0, 7, 1], device="cuda"))
    with pytest.raises(IndexError, match=r"cross_entropy: target value 7 is out of range \[0, 4\)"):
        loss.item()
    assert x.sum().item() == 12  # nothing left pending, the tensors usable
    nnlite.cuda.synchronize()
