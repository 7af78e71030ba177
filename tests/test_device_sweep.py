"""Every nn module, loss, optimizer and zoo model on "cuda" (marked `cuda`: the
GPU, or without one the host stand-in, whose backend calls check that every
tensor is on the device): forward, backward and an optimizer step give the
CPU's results, and outputs, gradients and optimizer state stay on the device.
This is where an op that makes a constant on the CPU, or a module that keeps
a buffer there, shows up."""
import numpy as np
import pytest

import nnlite
import nnlite.nn as nn
import nnlite.nn.functional as F
from conftest import DEVICES, GPU

CUDA = [p for p in DEVICES if p.values[0] == "cuda"]
pytestmark = pytest.mark.parametrize("device", CUDA)

R = np.random.default_rng(0)


def _x(*shape, low=-1.0, high=1.0):
    return nnlite.tensor(R.uniform(low, high, shape).astype(np.float32))


def _labels(n, classes):
    return nnlite.tensor(R.integers(0, classes, n))


# Constants of the factories below (a factory runs once per device, so it must not draw).
W4, POS4 = _x(4, low=0.5, high=1), _x(4, low=0.5, high=2)
X84, Y8 = _x(8, 4), _labels(8, 2)


# (name, module factory, input factory): inputs are CPU tensors, moved by the test.
MODULES = [
    ("Linear", lambda: nn.Linear(5, 3), lambda: [_x(4, 5)]),
    ("Bilinear", lambda: nn.Bilinear(3, 4, 2), lambda: [_x(5, 3), _x(5, 4)]),
    ("Conv1d", lambda: nn.Conv1d(2, 3, 3, padding=1), lambda: [_x(2, 2, 7)]),
    ("Conv2d", lambda: nn.Conv2d(2, 4, 3, stride=2, padding=1, groups=2), lambda: [_x(2, 2, 7, 7)]),
    ("ConvTranspose2d", lambda: nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1),
     lambda: [_x(2, 3, 4, 4)]),
    ("BatchNorm1d", lambda: nn.BatchNorm1d(4), lambda: [_x(6, 4)]),
    ("BatchNorm2d", lambda: nn.BatchNorm2d(3), lambda: [_x(2, 3, 4, 4)]),
    ("LayerNorm", lambda: nn.LayerNorm(6), lambda: [_x(3, 6)]),
    ("GroupNorm", lambda: nn.GroupNorm(2, 4), lambda: [_x(2, 4, 3, 3)]),
    ("InstanceNorm1d", lambda: nn.InstanceNorm1d(3, affine=True), lambda: [_x(2, 3, 5)]),
    ("InstanceNorm2d", lambda: nn.InstanceNorm2d(3, track_running_stats=True), lambda: [_x(2, 3, 4, 4)]),
    ("Embedding", lambda: nn.Embedding(10, 4, padding_idx=0, max_norm=1.0), lambda: [_labels(7, 10)]),
    ("PReLU", lambda: nn.PReLU(3), lambda: [_x(2, 3, 4)]),
    ("MaxPool1d", lambda: nn.MaxPool1d(2), lambda: [_x(2, 3, 8)]),
    ("MaxPool2d", lambda: nn.MaxPool2d(3, 2, 1), lambda: [_x(2, 3, 7, 7)]),
    ("AvgPool1d", lambda: nn.AvgPool1d(3, 2), lambda: [_x(2, 3, 9)]),
    ("AvgPool2d", lambda: nn.AvgPool2d(2, ceil_mode=True), lambda: [_x(2, 3, 5, 5)]),
    ("AdaptiveAvgPool2d", lambda: nn.AdaptiveAvgPool2d((2, 3)), lambda: [_x(2, 3, 5, 7)]),
    ("AdaptiveMaxPool2d", lambda: nn.AdaptiveMaxPool2d(2), lambda: [_x(2, 3, 5, 5)]),
    ("Upsample", lambda: nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False), lambda: [_x(1, 2, 3, 3)]),
    ("UpsamplingNearest2d", lambda: nn.UpsamplingNearest2d(scale_factor=2), lambda: [_x(1, 2, 3, 3)]),
    ("PixelShuffle", lambda: nn.PixelShuffle(2), lambda: [_x(1, 8, 3, 3)]),
    ("PixelUnshuffle", lambda: nn.PixelUnshuffle(2), lambda: [_x(1, 2, 4, 4)]),
    ("ReflectionPad2d", lambda: nn.ReflectionPad2d(1), lambda: [_x(1, 2, 3, 3)]),
    ("ReplicationPad1d", lambda: nn.ReplicationPad1d(2), lambda: [_x(1, 2, 4)]),
    ("ConstantPad2d", lambda: nn.ConstantPad2d(1, 0.5), lambda: [_x(1, 2, 3, 3)]),
    ("Dropout", lambda: nn.Dropout(0.3), lambda: [_x(4, 6)]),
    ("Dropout2d", lambda: nn.Dropout2d(0.3), lambda: [_x(2, 4, 3, 3)]),
    ("activations", lambda: nn.Sequential(nn.ELU(), nn.Hardswish(), nn.Mish(), nn.SiLU(), nn.Softplus(beta=2.0),
                                          nn.Hardtanh(-0.5, 0.5), nn.LeakyReLU(0.1), nn.ReLU6(), nn.Softsign(),
                                          nn.Hardsigmoid(), nn.GELU(approximate="tanh"), nn.Tanh(), nn.Sigmoid()),
     lambda: [_x(3, 5, low=-3, high=3)]),
    ("Softmax", lambda: nn.Sequential(nn.Softmax(dim=1), nn.LogSoftmax(dim=0)), lambda: [_x(3, 4)]),
    ("CosineSimilarity", lambda: nn.CosineSimilarity(dim=1), lambda: [_x(3, 4), _x(3, 4)]),
    ("PairwiseDistance", lambda: nn.PairwiseDistance(), lambda: [_x(3, 4), _x(3, 4)]),
    ("RNN", lambda: nn.RNN(3, 4, num_layers=2, nonlinearity="relu"), lambda: [_x(5, 2, 3)]),
    ("LSTM", lambda: nn.LSTM(3, 4, bidirectional=True, batch_first=True, proj_size=2), lambda: [_x(2, 5, 3)]),
    ("GRU", lambda: nn.GRU(3, 4, num_layers=2, dropout=0.2), lambda: [_x(5, 2, 3)]),
    ("LSTMCell", lambda: nn.LSTMCell(3, 4), lambda: [_x(2, 3)]),
    ("GRUCell", lambda: nn.GRUCell(3, 4), lambda: [_x(2, 3)]),
    ("MultiheadAttention", lambda: nn.MultiheadAttention(8, 2, dropout=0.1, batch_first=True),
     lambda: [_x(2, 5, 8), _x(2, 6, 8), _x(2, 6, 8)]),
    ("TransformerEncoderLayer", lambda: nn.TransformerEncoderLayer(8, 2, 16, dropout=0.1, batch_first=True),
     lambda: [_x(2, 5, 8)]),
    ("Transformer", lambda: nn.Transformer(8, 2, 1, 1, 16, dropout=0.0), lambda: [_x(5, 2, 8), _x(4, 2, 8)]),
]

LOSSES = [
    ("CrossEntropyLoss", lambda: nn.CrossEntropyLoss(weight=nnlite.tensor([1.0, 2.0, 0.5]), ignore_index=1,
                                                     label_smoothing=0.1), lambda: [_x(6, 3), _labels(6, 3)]),
    ("CrossEntropyLoss-probs", lambda: nn.CrossEntropyLoss(), lambda: [_x(4, 3), F.softmax(_x(4, 3), 1)]),
    ("NLLLoss", lambda: nn.NLLLoss(reduction="sum"), lambda: [F.log_softmax(_x(5, 4), 1), _labels(5, 4)]),
    ("BCELoss", lambda: nn.BCELoss(weight=W4), lambda: [_x(3, 4, low=0.05, high=0.95),
                                                                            _x(3, 4, low=0, high=1)]),
    ("BCEWithLogitsLoss", lambda: nn.BCEWithLogitsLoss(pos_weight=POS4),
     lambda: [_x(3, 4), _x(3, 4, low=0, high=1)]),
    ("MSELoss", lambda: nn.MSELoss(), lambda: [_x(3, 4), _x(3, 4)]),
    ("L1Loss", lambda: nn.L1Loss(), lambda: [_x(3, 4), _x(3, 4)]),
    ("SmoothL1Loss", lambda: nn.SmoothL1Loss(beta=0.5), lambda: [_x(3, 4), _x(3, 4)]),
    ("HuberLoss", lambda: nn.HuberLoss(delta=0.3), lambda: [_x(3, 4), _x(3, 4)]),
    ("KLDivLoss", lambda: nn.KLDivLoss(reduction="batchmean", log_target=True),
     lambda: [F.log_softmax(_x(3, 4), 1), F.log_softmax(_x(3, 4), 1)]),
    ("SoftMarginLoss", lambda: nn.SoftMarginLoss(), lambda: [_x(3, 4), nnlite.tensor(R.choice([-1.0, 1.0], (3, 4)))]),
    ("MarginRankingLoss", lambda: nn.MarginRankingLoss(margin=0.2),
     lambda: [_x(5), _x(5), nnlite.tensor(R.choice([-1.0, 1.0], 5))]),
    ("CosineEmbeddingLoss", lambda: nn.CosineEmbeddingLoss(margin=0.1),
     lambda: [_x(4, 3), _x(4, 3), nnlite.tensor(R.choice([-1.0, 1.0], 4))]),
    ("TripletMarginLoss", lambda: nn.TripletMarginLoss(margin=0.5), lambda: [_x(4, 3), _x(4, 3), _x(4, 3)]),
]


def _on(ts, device):
    return [t.to(device) for t in ts]


def _run(factory, inputs, device, seed=0):
    """(outputs, input grads, param grads, buffers) as NumPy, after forward and backward on `device`."""
    nnlite.manual_seed(seed)
    module = factory().to(device)
    module.train()
    xs = [t.detach().to(device) for t in inputs]
    for t in xs:
        if t.is_floating_point():
            t.requires_grad_()
    nnlite.manual_seed(seed + 1)
    out = module(*xs)
    outs = [o for o in (out if isinstance(out, (tuple, list)) else [out]) if isinstance(o, nnlite.Tensor)]
    outs = [o for o in outs if o is not None]
    flat = []
    for o in outs:  # an RNN's (output, (h, c))
        flat += list(o) if isinstance(o, (tuple, list)) else [o]
    for o in flat:
        assert o.device.type == device
    loss = sum((o.float() * (i + 1)).sum() for i, o in enumerate(flat) if o.is_floating_point())
    loss.backward()
    grads = [t.grad for t in xs if t.requires_grad] + [p.grad for p in module.parameters()]
    for g in grads:
        assert g is None or g.device.type == device
    for b in module.buffers():
        assert b.device.type == device
    as_np = lambda ts: [t.detach().cpu().numpy() if t is not None else None for t in ts]  # noqa: E731
    return as_np(flat), as_np(grads), as_np(list(module.buffers()))


def _same(got, want):
    for g, w in zip(got, want):
        if w is None:
            assert g is None
        else:
            np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-4)


# Modules that draw random numbers: a GPU draws them from its own (counter-based)
# streams, so there only the devices and shapes are compared; the stand-in runs
# the CPU's draws.
RANDOM = {"Dropout", "Dropout2d", "GRU", "MultiheadAttention", "TransformerEncoderLayer"}


@pytest.mark.parametrize("name, factory, inputs", MODULES + LOSSES, ids=[m[0] for m in MODULES + LOSSES])
def test_module_on_the_device_matches_the_cpu(name, factory, inputs, device):
    ins = inputs()
    got = _run(factory, ins, device)
    want = _run(factory, ins, "cpu")
    for g, w in zip(got, want):
        if GPU and name in RANDOM:
            assert [None if a is None else a.shape for a in g] == [None if a is None else a.shape for a in w]
        else:
            _same(g, w)


OPTIMIZERS = [
    ("SGD", lambda p: nnlite.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3)),
    ("Adam", lambda p: nnlite.optim.Adam(p, lr=0.01, amsgrad=True)),
    ("AdamW", lambda p: nnlite.optim.AdamW(p, lr=0.01)),
    ("NAdam", lambda p: nnlite.optim.NAdam(p, lr=0.01)),
    ("RAdam", lambda p: nnlite.optim.RAdam(p, lr=0.01)),
    ("RMSprop", lambda p: nnlite.optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True)),
    ("Adagrad", lambda p: nnlite.optim.Adagrad(p, lr=0.1)),
    ("Adadelta", lambda p: nnlite.optim.Adadelta(p)),
    ("LARS", lambda p: nnlite.optim.LARS(p, lr=0.1)),
    ("LAMB", lambda p: nnlite.optim.LAMB(p, lr=0.01)),
    ("LBFGS", lambda p: nnlite.optim.LBFGS(p, lr=0.5, max_iter=3)),
]


def _optimize(make, device, steps=3):
    nnlite.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 2)).to(device)
    opt = make(model.parameters())
    sched = nnlite.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)
    x, y = X84.to(device), Y8.to(device)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        return loss

    for _ in range(steps):
        opt.step(closure)
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        if sched is not None:
            sched.step()
    for state in opt.state.values():
        for v in state.values():
            if isinstance(v, nnlite.Tensor) and v.dim() > 0:
                assert v.device.type == device
    return [p.detach().cpu().numpy() for p in model.parameters()]


@pytest.mark.parametrize("name, make", OPTIMIZERS, ids=[o[0] for o in OPTIMIZERS])
def test_optimizer_on_the_device_matches_the_cpu(name, make, device):
    _same(_optimize(make, device), _optimize(make, "cpu"))


@pytest.mark.parametrize("model", ["lenet5", "resnet20", "mlp", "vgg11"])
def test_zoo_model_trains_a_step_on_the_device_as_on_the_cpu(model, device):
    from nnlite.models import get_model

    def step(dev):
        nnlite.manual_seed(0)
        kw = {"in_channels": 3} if model in ("resnet20", "vgg11") else {}
        m = get_model(model, num_classes=10, **kw).to(dev)
        size = 32 if model in ("resnet20", "vgg11") else 28
        x = nnlite.tensor(np.random.default_rng(1).standard_normal((2, 3 if size == 32 else 1, size, size))
                          .astype(np.float32)).to(dev)
        opt = nnlite.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
        loss = F.cross_entropy(m(x), nnlite.tensor([1, 7]).to(dev))
        loss.backward()
        opt.step()
        return [loss.item()] + [p.detach().cpu().numpy() for p in m.parameters()]

    got, want = step(device), step("cpu")
    assert got[0] == pytest.approx(want[0], rel=1e-5)
    _same(got[1:], want[1:])


# Functions beyond the modules: (name, function of device tensors, CPU inputs).
FUNCTIONS = [
    ("sdpa-causal", lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
     lambda: [_x(2, 3, 5, 4), _x(2, 3, 5, 4), _x(2, 3, 5, 4)]),
    ("sdpa-mask", lambda q, k, v, m: F.scaled_dot_product_attention(q, k, v, attn_mask=m),
     lambda: [_x(2, 4, 3), _x(2, 5, 3), _x(2, 5, 3), nnlite.tensor(R.random((4, 5)) < 0.7)]),
    ("interpolate-bicubic", lambda x: F.interpolate(x, size=(5, 7), mode="bicubic"), lambda: [_x(1, 2, 3, 4)]),
    ("interpolate-nearest", lambda x: F.interpolate(x, scale_factor=2), lambda: [_x(1, 2, 3, 4)]),
    ("pad-reflect", lambda x: F.pad(x, (1, 2, 2, 1), mode="reflect"), lambda: [_x(1, 2, 4, 4)]),
    ("one_hot", lambda i: F.one_hot(i, 5).float(), lambda: [_labels(6, 5)]),
    ("tril-triu-diag", lambda x: x.tril(-1) + x.triu(1) * 2 + nnlite.diag(x.diagonal()), lambda: [_x(4, 4)]),
    ("masked_fill", lambda x: x.masked_fill(x > 0.3, -1.0), lambda: [_x(3, 4)]),
    ("topk-sort-cumsum", lambda x: x.topk(2, dim=1).values.sum() + x.sort(0).values.cumsum(1).sum(), lambda: [_x(4, 5)]),
    ("einsum", lambda a, b: nnlite.einsum("bij,bjk->bik", a, b), lambda: [_x(2, 3, 4), _x(2, 4, 5)]),
    ("norms", lambda x: x.norm(p=3) + x.norm() + F.normalize(x, dim=1).sum(), lambda: [_x(3, 4)]),
    ("logsumexp-var-std", lambda x: x.logsumexp(1).sum() + x.var(0).sum() + x.std() + x.prod(), lambda: [_x(3, 4)]),
    ("max-min-dim", lambda x: x.max(1).values.sum() + x.min(0).values.sum() + x.amax() + x.argmax().float(),
     lambda: [_x(3, 4)]),
    ("where-clamp-lerp", lambda x, y: nnlite.where(x > y, x, 0.0) + x.clamp(-0.2, 0.3) + nnlite.lerp(x, y, 0.3),
     lambda: [_x(3, 4), _x(3, 4)]),
    ("index", lambda x: x[[0, 2]].sum() + x[x > 0].sum() + x[:, nnlite.tensor([1, 3])].sum(), lambda: [_x(3, 4)]),
    ("cat-stack-split", lambda x: nnlite.cat([x, x * 2], 1).sum() + nnlite.stack(list(x.split(1, 0))).sum(),
     lambda: [_x(3, 4)]),
    ("gather-scatter", lambda x, i: x.gather(1, i).sum() + nnlite.zeros(3, 4, device=x.device).scatter_add(1, i, x).sum(),
     lambda: [_x(3, 4), nnlite.tensor(R.integers(0, 4, (3, 4)))]),
    ("cross_entropy-3d", lambda x, t: F.cross_entropy(x, t, ignore_index=0), lambda: [_x(2, 4, 5), _labels(10, 4).reshape(2, 5)]),
    ("functional-losses", lambda x, y: F.kl_div(F.log_softmax(x, 1), F.softmax(y, 1), reduction="batchmean")
     + F.smooth_l1_loss(x, y) + F.binary_cross_entropy(x.sigmoid(), y.sigmoid()), lambda: [_x(3, 4), _x(3, 4)]),
]


@pytest.mark.parametrize("name, fn, inputs", FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
def test_function_on_the_device_matches_the_cpu(name, fn, inputs, device):
    ins = inputs()

    def run(dev):
        xs = [t.detach().to(dev) for t in ins]
        for t in xs:
            if t.is_floating_point():
                t.requires_grad_()
        out = fn(*xs)
        assert out.device.type == dev
        if out.requires_grad:
            (out * 1.5).sum().backward()
        return [out.detach().cpu().numpy()] + [t.grad.cpu().numpy() for t in xs if t.requires_grad and t.grad is not None]

    got, want = run(device), run("cpu")
    assert len(got) == len(want)
    _same(got, want)


def test_autograd_across_devices(device):
    """Gradients flow back through .to() and .cpu() to the device each leaf lives on."""
    x = nnlite.tensor([1.0, 2.0], requires_grad=True)
    w = nnlite.ones(2, device=device, requires_grad=True)
    loss = (x.to(device) * w * 3).sum() + (w.cpu() * x).sum()
    loss.backward()
    assert x.grad.device.type == "cpu" and w.grad.device.type == device
    np.testing.assert_array_equal(x.grad.numpy(), [4.0, 4.0])
    np.testing.assert_array_equal(w.grad.cpu().numpy(), [4.0, 8.0])
    with pytest.raises(ValueError, match="mul: expected all tensors on the same device"):
        x * w
