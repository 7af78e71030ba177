"""load_graph's inference optimisations (cpp/src/exported/optimize.cpp):
batch norm folded into the conv2d/linear before it, residual add and ReLU
fused into the layer's step. The fused graph must give the unfused graph's
outputs (and the eager model's) within 1e-5 relative, for every zoo model."""
import numpy as np
import pytest

import nnlite
from nnlite import nn

# An example input per zoo model; a model added to the zoo must be added here.
ZOO_INPUTS = {
    "dbn": lambda: nnlite.rand(2, 784),
    "dcgan": lambda: nnlite.randn(2, 100),
    "lenet5": lambda: nnlite.randn(2, 1, 28, 28),
    "mlp": lambda: nnlite.randn(2, 1, 28, 28),
    "resnet18": lambda: nnlite.randn(1, 3, 64, 64),
    "resnet20": lambda: nnlite.randn(2, 3, 32, 32),
    "resnet32": lambda: nnlite.randn(2, 3, 32, 32),
    "resnet50": lambda: nnlite.randn(1, 3, 64, 64),
    "resnet56": lambda: nnlite.randn(2, 3, 32, 32),
    "vgg11": lambda: nnlite.randn(1, 3, 32, 32),
}
NOT_EXPORTABLE = {"vae": "draws random numbers in its forward",
                  "lstm": "reshapes to a size computed from the input's sizes",
                  "snn": "runs its time loop as one training-time op"}


def _nontrivial_statistics(model):
    """Running statistics and affine parameters away from 0/1, so a wrong fold shows."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            k = m.num_features
            with nnlite.no_grad():
                m.running_mean.copy_(nnlite.randn(k) * 0.2)
                m.running_var.copy_(nnlite.rand(k) + 0.5)
                if m.weight is not None:
                    m.weight.copy_(nnlite.rand(k) + 0.5)
                    m.bias.copy_(nnlite.randn(k) * 0.1)


def _eval_model(name):
    """Zoo model `name` in eval mode, seeded, with nontrivial statistics."""
    nnlite.manual_seed(0)
    model = nnlite.models.get_model(name)
    _nontrivial_statistics(model)
    return model.eval()


def _graphs(model, x, tmp_path):
    path = tmp_path / "model.nnl"
    nnlite.export(model, (x,), path)
    return nnlite.load_graph(path), nnlite.load_graph(path, optimize=False)


def _rel(a, b):
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-30))


def test_every_zoo_model_is_covered(tmp_path):
    assert set(ZOO_INPUTS) | set(NOT_EXPORTABLE) == set(nnlite.models.list_models())
    for name in NOT_EXPORTABLE:  # still true: else it belongs in ZOO_INPUTS
        model = nnlite.models.get_model(name).eval()
        x = {"vae": nnlite.randn(2, 784), "lstm": nnlite.randn(2, 1, 12, 28),
             "snn": (nnlite.rand(4, 2, 784) < 0.3).float()}[name]
        with pytest.raises(nnlite.ExportError):
            nnlite.export(model, (x,), tmp_path / f"{name}.nnl")


@pytest.mark.parametrize("name", sorted(ZOO_INPUTS))
def test_fused_graph_matches_unfused_for_zoo_model(name, tmp_path):
    model = _eval_model(name)
    x = ZOO_INPUTS[name]()
    fused, plain = _graphs(model, x, tmp_path)
    with nnlite.no_grad():
        eager = model(x).numpy()
    yf, yp = fused(x).numpy(), plain(x).numpy()
    assert _rel(yf, yp) <= 1e-5 and _rel(yp, eager) <= 1e-5
    assert "batch_norm" not in fused.node_ops or name == "dcgan"  # dcgan's norms follow conv_transpose2d
    if name.startswith("resnet"):
        assert "conv2d+add+relu" in fused.node_ops and "batch_norm" in plain.node_ops
    assert len(fused.node_ops) <= len(plain.node_ops)


def test_fused_graph_follows_another_batch_size(tmp_path):
    model = _eval_model("resnet20")
    fused, plain = _graphs(model, nnlite.randn(1, 3, 32, 32), tmp_path)
    x = nnlite.randn(5, 3, 32, 32)  # also past the one-thread size of the batch-1 layers
    assert _rel(fused(x).numpy(), plain(x).numpy()) <= 1e-5


def test_linear_batch_norm_relu_folds_and_fuses(tmp_path):
    nnlite.manual_seed(0)
    model = nn.Sequential(nn.Linear(6, 5, bias=False), nn.BatchNorm1d(5), nn.ReLU(), nn.Linear(5, 3))
    _nontrivial_statistics(model)
    model.eval()
    x = nnlite.randn(4, 6)
    fused, plain = _graphs(model, x, tmp_path)
    assert fused.node_ops == ["linear+relu", "linear"]
    assert plain.node_ops == ["linear", "batch_norm", "relu", "linear"]
    assert _rel(fused(x).numpy(), plain(x).numpy()) <= 1e-5


class _Branchy(nn.Module):
    """Outputs that must not be fused away: a conv output read twice, and an add of a tensor to itself."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 3, padding=1)
        self.bn = nn.BatchNorm2d(2)

    def forward(self, x):
        y = self.conv(x)
        z = nnlite.relu(self.bn(y))
        return z + y, nnlite.relu(z + z)


def test_values_read_elsewhere_are_not_fused(tmp_path):
    nnlite.manual_seed(0)
    model = _Branchy()
    _nontrivial_statistics(model)
    model.eval()
    x = nnlite.randn(2, 2, 5, 5)
    path = tmp_path / "branchy.nnl"
    nnlite.export(model, (x,), path)
    fused, plain = nnlite.load_graph(path), nnlite.load_graph(path, optimize=False)
    assert "batch_norm" in fused.node_ops  # the conv's output is also read by the add
    for a, b in zip(fused(x), plain(x)):
        assert _rel(a.numpy(), b.numpy()) <= 1e-6


def test_broadcast_residual_falls_back_to_the_ops(tmp_path):
    class M(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 4, 1)

        def forward(self, x, r):
            return nnlite.relu(self.conv(x) + r)

    model = M().eval()
    x, r = nnlite.randn(2, 3, 4, 4), nnlite.randn(4, 1, 1)
    path = tmp_path / "bcast.nnl"
    nnlite.export(model, (x, r), path)
    fused = nnlite.load_graph(path)
    assert fused.node_ops == ["conv2d+add+relu"]
    with nnlite.no_grad():
        want = model(x, r).numpy()
    assert _rel(fused(x, r).numpy(), want) <= 1e-6


def test_optimize_must_be_a_bool(tmp_path):
    model = nn.Linear(2, 2).eval()
    path = tmp_path / "lin.nnl"
    nnlite.export(model, (nnlite.randn(1, 2),), path)
    with pytest.raises(TypeError, match="load_graph: optimize must be a bool"):
        nnlite.load_graph(path, optimize="yes")
