"""Issue 14: optim.LARS and optim.LAMB against NumPy references written from
the papers (torch has neither), parameter groups that exclude biases, and the
checks of their hyperparameters. The C++ optimizers' parity with these is in
test_nn_parity.py."""
import numpy as np
import pytest

import nnlite
from nnlite import nn, optim


def lars_reference(p, grads, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False,
                   trust_coefficient=1e-3, eps=1e-8, trust_clip=False, always_adapt=False, maximize=False):
    """You, Gitman and Ginsburg 2017, Algorithm 1, with torch's SGD momentum (buffer = g on the first step)."""
    p = p.astype(np.float64)
    buf = None
    for g in grads:
        g = -g if maximize else g.astype(np.float64)
        if weight_decay != 0 or always_adapt:
            pn, gn = np.linalg.norm(p), np.linalg.norm(g)
            ratio = trust_coefficient * pn / (gn + weight_decay * pn + eps) if pn > 0 and gn > 0 else 1.0
            if trust_clip:
                ratio = min(ratio / lr, 1.0)
        else:
            ratio = 1.0
        g = (g + weight_decay * p) * ratio
        if momentum:
            buf = g.copy() if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        p = p - lr * g
    return p


def lamb_reference(p, grads, lr=1e-3, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.01, bias_correction=True,
                   trust_clip=False, always_adapt=False, maximize=False):
    """You et al. 2019, Algorithm 2 (LAMB) with phi the identity."""
    p = p.astype(np.float64)
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t, g in enumerate(grads, start=1):
        g = -g if maximize else g.astype(np.float64)
        m = betas[0] * m + (1 - betas[0]) * g
        v = betas[1] * v + (1 - betas[1]) * g * g
        mh = m / (1 - betas[0] ** t) if bias_correction else m
        vh = v / (1 - betas[1] ** t) if bias_correction else v
        u = mh / (np.sqrt(vh) + eps) + weight_decay * p
        if weight_decay != 0 or always_adapt:
            pn, un = np.linalg.norm(p), np.linalg.norm(u)
            ratio = pn / un if pn > 0 and un > 0 else 1.0
            if trust_clip:
                ratio = min(ratio / lr, 1.0)
            u = u * ratio
        p = p - lr * u
    return p


def run(optimizer_cls, p0, grads, **kwargs):
    p = nn.Parameter(nnlite.from_numpy(p0.copy()))
    opt = optimizer_cls([p], **kwargs)
    for g in grads:
        p.grad = nnlite.from_numpy(g.copy())
        opt.step()
    return p.detach().numpy(), opt


def data(seed=0, shape=(6, 5), steps=6):
    r = np.random.default_rng(seed)
    return r.standard_normal(shape).astype(np.float32), [r.standard_normal(shape).astype(np.float32)
                                                           for _ in range(steps)]


LARS_CASES = [
    dict(lr=0.1),
    dict(lr=2.0, momentum=0.9, weight_decay=5e-4),
    dict(lr=0.5, momentum=0.9, dampening=0.1, weight_decay=1e-3, trust_coefficient=0.02, eps=1e-6),
    dict(lr=1.0, momentum=0.9, nesterov=True, weight_decay=1e-4, trust_clip=True),
    dict(lr=0.3, momentum=0.5, always_adapt=True, maximize=True),
]


@pytest.mark.parametrize("kwargs", LARS_CASES)
def test_lars_matches_the_paper(kwargs):
    p0, grads = data()
    got, opt = run(optim.LARS, p0, grads, **kwargs)
    np.testing.assert_allclose(got, lars_reference(p0, grads, **kwargs), rtol=2e-5, atol=2e-6)
    assert opt.state[opt.param_groups[0]["params"][0]]["step"] == len(grads)


LAMB_CASES = [
    dict(),
    dict(lr=0.01, betas=(0.8, 0.95), eps=1e-8, weight_decay=0.1),
    dict(lr=0.02, weight_decay=0.0),  # no decay, no adaptation: Adam with LAMB's eps
    dict(lr=0.02, weight_decay=0.0, always_adapt=True, bias_correction=False),
    dict(lr=0.05, trust_clip=True, maximize=True),
]


@pytest.mark.parametrize("kwargs", LAMB_CASES)
def test_lamb_matches_the_paper(kwargs):
    p0, grads = data(1)
    got, _ = run(optim.LAMB, p0, grads, **kwargs)
    np.testing.assert_allclose(got, lamb_reference(p0, grads, **kwargs), rtol=2e-5, atol=2e-6)


def test_trust_ratio_is_one_for_a_zero_layer():
    """A zero-initialised layer (||p|| = 0) takes the plain step instead of standing still."""
    grads = [np.full((3,), 0.5, np.float32)]
    got, _ = run(optim.LARS, np.zeros(3, np.float32), grads, lr=0.1, weight_decay=1e-4)
    np.testing.assert_allclose(got, -0.05 * np.ones(3), rtol=1e-6)


def test_groups_with_zero_weight_decay_keep_the_plain_step():
    """The large-batch recipes' exclusion of biases/normalisation: their group has weight_decay 0."""
    r = np.random.default_rng(2)
    w0, b0 = r.standard_normal((4, 3)).astype(np.float32), r.standard_normal(4).astype(np.float32)
    gw, gb = r.standard_normal((4, 3)).astype(np.float32), r.standard_normal(4).astype(np.float32)
    w, b = nn.Parameter(nnlite.from_numpy(w0.copy())), nn.Parameter(nnlite.from_numpy(b0.copy()))
    opt = optim.LARS([{"params": [w], "weight_decay": 1e-3}, {"params": [b], "weight_decay": 0}], lr=0.5)
    w.grad, b.grad = nnlite.from_numpy(gw.copy()), nnlite.from_numpy(gb.copy())
    opt.step()
    np.testing.assert_allclose(b.detach().numpy(), b0 - 0.5 * gb, rtol=1e-6)  # plain SGD
    np.testing.assert_allclose(w.detach().numpy(), lars_reference(w0, [gw], lr=0.5, weight_decay=1e-3), rtol=1e-5)


def test_state_dict_round_trip_continues_identically():
    p0, grads = data(3)
    _, opt = run(optim.LAMB, p0, grads[:3], lr=0.01)
    p = opt.param_groups[0]["params"][0]
    q = nn.Parameter(p.detach().clone())
    again = optim.LAMB([q], lr=0.01)
    again.load_state_dict(opt.state_dict())
    for g in grads[3:]:
        p.grad, q.grad = nnlite.from_numpy(g.copy()), nnlite.from_numpy(g.copy())
        opt.step()
        again.step()
    np.testing.assert_array_equal(p.detach().numpy(), q.detach().numpy())


@pytest.mark.parametrize("cls,kwargs,message", [
    (optim.LARS, dict(lr=-1), "learning rate"),
    (optim.LARS, dict(momentum=-0.1), "momentum"),
    (optim.LARS, dict(trust_coefficient=0), "trust_coefficient"),
    (optim.LARS, dict(weight_decay=-1), "weight_decay"),
    (optim.LARS, dict(nesterov=True), "Nesterov"),
    (optim.LAMB, dict(betas=(0.9, 1.0)), "beta parameter at index 1"),
    (optim.LAMB, dict(eps=-1), "epsilon"),
])
def test_bad_hyperparameters_name_the_optimizer(cls, kwargs, message):
    with pytest.raises(ValueError, match=rf"{cls.__name__}.*{message}|{message}"):
        cls([nn.Parameter(nnlite.zeros(2))], **kwargs)


@pytest.mark.parametrize("name,bar", [("lars", 0.7), ("lamb", 0.4)])
def test_nnlite_train_with_a_large_batch(capsys, name, bar):
    """20 steps of 1,000 images each: the whole (limited) training set per step, with warm-up."""
    import re

    from nnlite import cli

    code = cli.main(["train", "--no-progress", "--model", "lenet5", "--optimizer", name, "--batch-size", "1000",
                     "--limit", "1000", "--epochs", "20", "--warmup-epochs", "2", "--threads", "1"])
    out = capsys.readouterr().out
    assert code == 0
    acc = float(re.search(r"final test accuracy: ([\d.]+)", out).group(1))
    assert acc > bar, out  # chance is 0.1


def test_build_optimizer_excludes_biases_from_adaptation():
    from nnlite.training import TrainConfig, build_optimizer, resolve_config

    model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
    opt = build_optimizer(resolve_config(TrainConfig(optimizer="lars")), model.parameters())
    assert [len(g["params"]) for g in opt.param_groups] == [1, 3]
    assert [g["weight_decay"] for g in opt.param_groups] == [5e-4, 0.0]
