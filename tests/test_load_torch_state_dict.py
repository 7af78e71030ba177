"""PyTorch weights in nnlite and back: a torch state dict of a zoo model saved
with safetensors.torch loads into the nnlite model with load_state_dict and
gives the same outputs to 1e-5; an nnlite state dict saved with nnlite.save
loads into the torch model the same way."""
import numpy as np
import pytest

import nnlite
from nnlite import models
from test_models_cnn import torch_models

CASES = [("lenet5", (3, 1, 28, 28)), ("resnet20", (2, 3, 32, 32)), ("mlp", (4, 1, 28, 28))]


def torch_model(torch, name):
    if name == "mlp":  # the zoo MLP's layout: Flatten, (Linear, ReLU, Dropout) x 2, Linear
        tnn = torch.nn
        return tnn.Sequential(tnn.Flatten(), tnn.Linear(784, 512), tnn.ReLU(), tnn.Dropout(0.2),
                              tnn.Linear(512, 256), tnn.ReLU(), tnn.Dropout(0.2), tnn.Linear(256, 10))
    return torch_models(torch)[name]()


def randomise_batch_norm(torch, model):
    """Non-trivial running statistics and affine parameters, so eval mode uses them."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.num_batches_tracked.fill_(17)


def outputs(torch, theirs, ours, x):
    theirs.eval()
    ours.eval()
    with torch.no_grad():
        expected = theirs(torch.from_numpy(x)).numpy()
    with nnlite.no_grad():
        got = ours(nnlite.from_numpy(x)).numpy()
    return got, expected


@pytest.fixture
def safetensors_torch():
    pytest.importorskip("safetensors")
    from safetensors import torch as st_torch

    return st_torch


@pytest.mark.parametrize("name, shape", CASES, ids=[c[0] for c in CASES])
def test_torch_weights_load_into_the_zoo_model(torch, safetensors_torch, rng, tmp_path, name, shape):
    torch.manual_seed(0)
    theirs = torch_model(torch, name)
    randomise_batch_norm(torch, theirs)
    path = tmp_path / f"{name}.safetensors"
    safetensors_torch.save_file(theirs.state_dict(), str(path))

    state = nnlite.load(path)
    ours = models.get_model(name)
    assert sorted(state) == sorted(ours.state_dict())  # the same parameter names
    ours.load_state_dict(state)
    for key, t in theirs.state_dict().items():  # every value arrived, dtype included
        assert ours.state_dict()[key].dtype == getattr(nnlite, str(t.dtype).replace("torch.", "")), key
        np.testing.assert_array_equal(ours.state_dict()[key].numpy(), t.numpy(), err_msg=key)
    x = rng.standard_normal(shape).astype(np.float32)
    got, expected = outputs(torch, theirs, ours, x)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name, shape", CASES, ids=[c[0] for c in CASES])
def test_nnlite_weights_load_into_the_torch_model(torch, safetensors_torch, rng, tmp_path, name, shape):
    nnlite.manual_seed(1)
    ours = models.get_model(name)
    path = tmp_path / f"{name}.safetensors"
    nnlite.save(ours.state_dict(), path)

    theirs = torch_model(torch, name)
    result = theirs.load_state_dict(safetensors_torch.load_file(str(path)), strict=True)
    assert not result.missing_keys and not result.unexpected_keys
    x = rng.standard_normal(shape).astype(np.float32)
    got, expected = outputs(torch, theirs, ours, x)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
