"""nnlite.optim against torch.optim: parameters after one and several steps for
every option combination, param groups, missing grads, closures,
state_dict layout and round trips, and argument errors."""
import itertools

import numpy as np
import pytest

import nnlite
import nnlite.nn as nn
from nnlite import optim

torch = pytest.importorskip("torch")

SHAPES = [(4, 3), (3,), (2, 2, 2)]


def make_params(dtype=np.float64, seed=0):
    r = np.random.default_rng(seed)
    arrays = [r.standard_normal(s).astype(dtype) for s in SHAPES]
    ours = [nn.Parameter(nnlite.from_numpy(a.copy())) for a in arrays]
    theirs = [torch.nn.Parameter(torch.from_numpy(a.copy())) for a in arrays]
    return ours, theirs


def set_grads(ours, theirs, step, dtype=np.float64, skip=()):
    """Give both sets the same gradients (different at each step)."""
    r = np.random.default_rng(100 + step)
    for i, (p, q) in enumerate(zip(ours, theirs)):
        g = r.standard_normal(q.shape).astype(dtype)
        if i in skip:
            p.grad, q.grad = None, None
        else:
            p.grad = nnlite.from_numpy(g.copy())
            q.grad = torch.from_numpy(g.copy())


def assert_params_close(ours, theirs, tol):
    for p, q in zip(ours, theirs):
        np.testing.assert_allclose(p.detach().numpy(), q.detach().numpy(), rtol=tol, atol=tol)


def run(our_cls, torch_cls, kwargs, steps, dtype=np.float64, tol=1e-10, torch_kwargs=None):
    ours, theirs = make_params(dtype)
    opt = our_cls(ours, **kwargs)
    ref = torch_cls(theirs, **(kwargs if torch_kwargs is None else torch_kwargs))
    for step in range(steps):
        set_grads(ours, theirs, step, dtype)
        opt.step()
        ref.step()
        assert_params_close(ours, theirs, tol)
    return opt, ref, ours, theirs


SGD_OPTIONS = [
    dict(lr=lr, momentum=m, dampening=d, weight_decay=wd, nesterov=n, maximize=mx)
    for lr, m, d, wd, n, mx in itertools.product([0.1], [0.0, 0.9], [0.0, 0.3], [0.0, 0.05], [False, True],
                                                 [False, True])
    if not (n and (m == 0 or d != 0))
]


@pytest.mark.parametrize("kwargs", SGD_OPTIONS, ids=str)
@pytest.mark.parametrize("steps", [1, 5])
def test_sgd_matches_torch(kwargs, steps):
    run(optim.SGD, torch.optim.SGD, kwargs, steps)


ADAM_OPTIONS = [
    dict(lr=0.01, betas=b, eps=e, weight_decay=wd, amsgrad=a, maximize=mx)
    for b, e, wd, a, mx in itertools.product([(0.9, 0.999), (0.5, 0.9)], [1e-8, 1e-3], [0.0, 0.1], [False, True],
                                             [False, True])
]


@pytest.mark.parametrize("kwargs", ADAM_OPTIONS, ids=str)
@pytest.mark.parametrize("steps", [1, 6])
def test_adam_matches_torch(kwargs, steps):
    run(optim.Adam, torch.optim.Adam, kwargs, steps)


@pytest.mark.parametrize("kwargs", ADAM_OPTIONS, ids=str)
@pytest.mark.parametrize("steps", [1, 6])
def test_adamw_matches_torch(kwargs, steps):
    run(optim.AdamW, torch.optim.AdamW, kwargs, steps)


def test_adam_decoupled_flag_is_adamw():
    kwargs = dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True)
    run(optim.Adam, torch.optim.Adam, kwargs, 4)


@pytest.mark.parametrize("cls,torch_cls,kwargs", [
    (optim.SGD, torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    (optim.Adam, torch.optim.Adam, dict(lr=0.01, amsgrad=True)),
    (optim.AdamW, torch.optim.AdamW, dict(lr=0.01)),
])
def test_float32_within_1e6(cls, torch_cls, kwargs):
    run(cls, torch_cls, kwargs, 10, dtype=np.float32, tol=1e-6)


def test_default_hyperparameters_match_torch():
    ours, theirs = make_params()
    for cls, torch_cls in [(optim.SGD, torch.optim.SGD), (optim.Adam, torch.optim.Adam),
                           (optim.AdamW, torch.optim.AdamW)]:
        group = cls(ours).param_groups[0]
        ref = torch_cls(theirs).param_groups[0]
        for key, value in group.items():
            if key != "params":
                assert ref[key] == value, (cls.__name__, key)


@pytest.mark.parametrize("cls,torch_cls,kwargs", [
    (optim.SGD, torch.optim.SGD, dict(lr=0.1, momentum=0.8)),
    (optim.Adam, torch.optim.Adam, dict(lr=0.02, amsgrad=True)),
])
def test_missing_and_late_grads(cls, torch_cls, kwargs):
    """Parameters without a grad are skipped; one that gets its first grad
    later starts its own state (its own momentum start / step count)."""
    ours, theirs = make_params()
    opt, ref = cls(ours, **kwargs), torch_cls(theirs, **kwargs)
    for step in range(5):
        set_grads(ours, theirs, step, skip=(1,) if step < 2 else (2,) if step == 3 else ())
        opt.step()
        ref.step()
        assert_params_close(ours, theirs, 1e-10)


def test_param_groups_with_own_hyperparameters():
    ours, theirs = make_params()
    groups = lambda ps: [{"params": ps[:2], "lr": 0.3, "momentum": 0.5}, {"params": ps[2:]}]  # noqa: E731
    opt = optim.SGD(groups(ours), lr=0.1, momentum=0.9, weight_decay=0.01)
    ref = torch.optim.SGD(groups(theirs), lr=0.1, momentum=0.9, weight_decay=0.01)
    assert opt.param_groups[0]["lr"] == 0.3 and opt.param_groups[1]["lr"] == 0.1
    assert opt.param_groups[0]["weight_decay"] == 0.01
    for step in range(4):
        set_grads(ours, theirs, step)
        opt.step()
        ref.step()
        assert_params_close(ours, theirs, 1e-10)


def test_add_param_group():
    ours, theirs = make_params()
    opt, ref = optim.Adam(ours[:1], lr=0.01), torch.optim.Adam(theirs[:1], lr=0.01)
    opt.add_param_group({"params": ours[1:], "lr": 0.05})
    ref.add_param_group({"params": theirs[1:], "lr": 0.05})
    for step in range(3):
        set_grads(ours, theirs, step)
        opt.step()
        ref.step()
    assert_params_close(ours, theirs, 1e-10)
    with pytest.raises(ValueError, match="more than one parameter group"):
        opt.add_param_group({"params": [ours[0]]})


def test_one_fused_call_per_group(monkeypatch):
    calls = []
    # The group step (shared with nnlite::optim) splits the group into fused updates in C++.
    real_sgd, real_adam = nnlite._C.sgd_group_step, nnlite._C.adam_group_step
    monkeypatch.setattr(nnlite._C, "sgd_group_step", lambda *a: calls.append(("sgd", len(a[0]))) or real_sgd(*a))
    monkeypatch.setattr(nnlite._C, "adam_group_step", lambda *a: calls.append(("adam", len(a[0]))) or real_adam(*a))
    ours, theirs = make_params()
    opt = optim.SGD([{"params": ours[:2]}, {"params": ours[2:]}], lr=0.1, momentum=0.9)
    for step in range(2):
        set_grads(ours, theirs, step)
        opt.step()
    assert calls == [("sgd", 2), ("sgd", 1)] * 2
    calls.clear()
    opt = optim.Adam(ours, lr=0.1)
    set_grads(ours, theirs, 0)
    opt.step()
    assert calls == [("adam", 3)]


def test_training_loop_matches_torch():
    """Gradients from backward() of a real model, for SGD and Adam."""
    for cls, torch_cls, kwargs in [(optim.SGD, torch.optim.SGD, dict(lr=0.1, momentum=0.9)),
                                   (optim.Adam, torch.optim.Adam, dict(lr=0.01))]:
        ours = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).double()
        theirs = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)).double()
        ours.load_state_dict({k: nnlite.from_numpy(v.numpy().copy()) for k, v in theirs.state_dict().items()})
        r = np.random.default_rng(5)
        x = r.standard_normal((16, 4))
        y = r.integers(0, 3, 16)
        opt, ref = cls(ours.parameters(), **kwargs), torch_cls(theirs.parameters(), **kwargs)
        for _ in range(10):
            opt.zero_grad()
            ref.zero_grad()
            loss = nn.CrossEntropyLoss()(ours(nnlite.from_numpy(x.copy())), nnlite.from_numpy(y.copy()))
            torch.nn.CrossEntropyLoss()(theirs(torch.from_numpy(x)), torch.from_numpy(y)).backward()
            loss.backward()
            opt.step()
            ref.step()
        assert_params_close(list(ours.parameters()), list(theirs.parameters()), 1e-9)


def test_closure_runs_with_grad_and_returns_loss():
    w = nn.Parameter(nnlite.from_numpy(np.array([1.0, -2.0])))
    opt = optim.SGD([w], lr=0.1)

    def closure():
        opt.zero_grad()
        loss = (w * w).sum()
        loss.backward()
        return loss

    with nnlite.no_grad():
        loss = opt.step(closure)
    assert loss.item() == pytest.approx(5.0)
    np.testing.assert_allclose(w.detach().numpy(), [0.8, -1.6])


def test_zero_grad():
    ours, theirs = make_params()
    opt = optim.SGD(ours, lr=0.1)
    set_grads(ours, theirs, 0)
    opt.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.numpy().any() for p in ours)
    opt.zero_grad()
    assert all(p.grad is None for p in ours)


@pytest.mark.parametrize("cls,torch_cls,kwargs", [
    (optim.SGD, torch.optim.SGD, dict(lr=0.1, momentum=0.9, weight_decay=0.01)),
    (optim.Adam, torch.optim.Adam, dict(lr=0.01, amsgrad=True)),
    (optim.AdamW, torch.optim.AdamW, dict(lr=0.01)),
])
def test_state_dict_layout_and_round_trip(cls, torch_cls, kwargs):
    ours, theirs = make_params()
    groups = lambda ps: [{"params": ps[:1]}, {"params": ps[1:], "lr": 0.05}]  # noqa: E731
    opt, ref = cls(groups(ours), **kwargs), torch_cls(groups(theirs), **kwargs)
    for step in range(3):
        set_grads(ours, theirs, step)
        opt.step()
        ref.step()
    state, ref_state = opt.state_dict(), ref.state_dict()
    assert set(state) == {"state", "param_groups"}
    assert sorted(state["state"]) == sorted(ref_state["state"]) == [0, 1, 2]
    for index, entry in ref_state["state"].items():
        assert set(state["state"][index]) == set(entry)
        for key, value in entry.items():
            if key == "step":
                assert state["state"][index][key] == int(value)
            else:
                np.testing.assert_allclose(state["state"][index][key].numpy(), value.numpy(), rtol=1e-10)
    for group, ref_group in zip(state["param_groups"], ref_state["param_groups"]):
        assert group["params"] == ref_group["params"]
        for key, value in group.items():
            assert ref_group[key] == value, key

    # A fresh optimizer over copies of the parameters, loaded from the state
    # dict, continues exactly like the original one.
    copies = [nn.Parameter(p.detach().clone()) for p in ours]
    resumed = cls(groups(copies), lr=123.0)
    resumed.load_state_dict(state)
    assert resumed.param_groups[1]["lr"] == 0.05
    for step in range(3, 6):
        set_grads(ours, theirs, step)
        set_grads(copies, theirs, step)
        opt.step()
        resumed.step()
        ref.step()
    assert_params_close(copies, theirs, 1e-10)
    assert_params_close(ours, theirs, 1e-10)


def test_loaded_state_is_a_copy():
    ours, theirs = make_params()
    opt = optim.SGD(ours, lr=0.1, momentum=0.9)
    set_grads(ours, theirs, 0)
    opt.step()
    state = opt.state_dict()
    other = optim.SGD(ours, lr=0.1, momentum=0.9)
    other.load_state_dict(state)
    before = state["state"][0]["momentum_buffer"].numpy().copy()
    set_grads(ours, theirs, 1)
    other.step()
    np.testing.assert_array_equal(opt.state[ours[0]]["momentum_buffer"].numpy(), before)


def test_load_state_dict_errors():
    ours, _ = make_params()
    opt = optim.SGD(ours, lr=0.1)
    two = optim.SGD([{"params": ours[:1]}, {"params": ours[1:]}], lr=0.1)
    with pytest.raises(ValueError, match="2 parameter groups.*1"):
        opt.load_state_dict(two.state_dict())
    smaller = optim.SGD(ours[:2], lr=0.1)
    with pytest.raises(ValueError, match="group 0 has 2 parameters.*3"):
        opt.load_state_dict(smaller.state_dict())
    with pytest.raises(ValueError, match="'state' and 'param_groups'"):
        opt.load_state_dict({"param_groups": []})


def test_constructor_errors():
    ours, _ = make_params()
    with pytest.raises(ValueError, match="invalid learning rate: -1"):
        optim.SGD(ours, lr=-1)
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum and zero dampening"):
        optim.SGD(ours, lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="invalid beta parameter at index 1: 1.0"):
        optim.Adam(ours, betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="invalid epsilon value"):
        optim.AdamW(ours, eps=-1e-8)
    with pytest.raises(ValueError, match="invalid weight_decay"):
        optim.Adam(ours, weight_decay=-0.1)
    with pytest.raises(ValueError, match="empty parameter list"):
        optim.SGD([], lr=0.1)
    with pytest.raises(TypeError, match="single Tensor"):
        optim.SGD(ours[0], lr=0.1)
    with pytest.raises(TypeError, match="ordered collections"):
        optim.SGD([{"params": set(ours)}], lr=0.1)
    with pytest.raises(TypeError, match=r"params\[0\] is a str"):
        optim.SGD(["w"], lr=0.1)
    with pytest.raises(ValueError, match="non-leaf"):
        optim.SGD([ours[0] * 2], lr=0.1)
    with pytest.raises(ValueError, match="same parameter more than once"):
        optim.SGD([ours[0], ours[0]], lr=0.1)


def test_plain_tensors_can_be_optimized():
    w = nnlite.from_numpy(np.array([3.0])).requires_grad_()
    opt = optim.Adam([w], lr=0.5)
    for _ in range(3):
        opt.zero_grad()
        (w * w).sum().backward()
        opt.step()
    assert w in opt.state and opt.state[w]["step"] == 3
