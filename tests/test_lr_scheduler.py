"""nnlite.optim.lr_scheduler against torch.optim.lr_scheduler: the learning
rates of 30 epochs, the bookkeeping (last_epoch, initial_lr) and state_dict
round trips."""
import warnings

import numpy as np
import pytest

import nnlite
import nnlite.nn as nn
from nnlite import optim
from nnlite.optim import lr_scheduler as sched

torch = pytest.importorskip("torch")
tsched = torch.optim.lr_scheduler

EPOCHS = 30


def optimizers(cls_name="SGD", lrs=(0.1, 0.02)):
    """An nnlite and a torch optimizer with one parameter group per lr."""
    ours = [{"params": [nn.Parameter(nnlite.zeros(2))], "lr": lr} for lr in lrs]
    theirs = [{"params": [torch.nn.Parameter(torch.zeros(2))], "lr": lr} for lr in lrs]
    return getattr(optim, cls_name)(ours, lr=1.0), getattr(torch.optim, cls_name)(theirs, lr=1.0)


def build(spec, opt, lib):
    """A scheduler from a spec: (name, kwargs) or ("SequentialLR", [specs], milestones)."""
    if spec[0] == "SequentialLR":
        inner = [build(s, opt, lib) for s in spec[1]]
        return lib.SequentialLR(opt, inner, milestones=spec[2])
    return getattr(lib, spec[0])(opt, **spec[1])


SPECS = [
    ("StepLR", dict(step_size=7)),
    ("StepLR", dict(step_size=3, gamma=0.5)),
    ("MultiStepLR", dict(milestones=[4, 10, 10, 25], gamma=0.3)),
    ("CosineAnnealingLR", dict(T_max=30)),
    ("CosineAnnealingLR", dict(T_max=8, eta_min=0.001)),
    ("LinearLR", dict()),
    ("LinearLR", dict(start_factor=0.1, end_factor=0.9, total_iters=12)),
    ("SequentialLR", [("LinearLR", dict(start_factor=0.01, total_iters=5)), ("CosineAnnealingLR", dict(T_max=25))],
     [5]),
    ("SequentialLR", [("LinearLR", dict(start_factor=0.2, total_iters=4)), ("StepLR", dict(step_size=4)),
                      ("MultiStepLR", dict(milestones=[3, 6]))], [6, 15]),
]


def lr_sequence(opt, scheduler, epochs, step_optimizer):
    lrs = [scheduler.get_last_lr()]
    groups = [[g["lr"] for g in opt.param_groups]]
    for _ in range(epochs):
        step_optimizer()
        scheduler.step()
        lrs.append(scheduler.get_last_lr())
        groups.append([g["lr"] for g in opt.param_groups])
    return np.array(lrs), np.array(groups)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s[0] + str(s[1:]))
@pytest.mark.parametrize("cls_name", ["SGD", "Adam"])
def test_learning_rates_match_torch(spec, cls_name):
    ours_opt, torch_opt = optimizers(cls_name)
    ours = build(spec, ours_opt, sched)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = build(spec, torch_opt, tsched)
    got, got_groups = lr_sequence(ours_opt, ours, EPOCHS, ours_opt.step)
    expected, expected_groups = lr_sequence(torch_opt, theirs, EPOCHS, torch_opt.step)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(got_groups, expected_groups, rtol=1e-12, atol=1e-15)
    assert ours.last_epoch == theirs.last_epoch == EPOCHS
    assert [g["initial_lr"] for g in ours_opt.param_groups] == [g["initial_lr"] for g in torch_opt.param_groups]


def test_initial_state():
    opt, _ = optimizers()
    s = sched.StepLR(opt, step_size=2)
    assert s.last_epoch == 0 and s.base_lrs == [0.1, 0.02]
    assert [g["initial_lr"] for g in opt.param_groups] == [0.1, 0.02]
    warm = sched.LinearLR(opt, start_factor=0.5, total_iters=2)
    assert warm.get_last_lr() == pytest.approx([0.05, 0.01])


def test_chained_schedulers_compose_like_torch():
    """Two schedulers stepping the same optimizer multiply their effects."""
    ours_opt, torch_opt = optimizers()
    ours = [sched.LinearLR(ours_opt, start_factor=0.25, total_iters=4), sched.StepLR(ours_opt, step_size=5)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = [tsched.LinearLR(torch_opt, start_factor=0.25, total_iters=4), tsched.StepLR(torch_opt, step_size=5)]
        for _ in range(EPOCHS):
            for s, t in zip(ours, theirs):
                s.step()
                t.step()
            np.testing.assert_allclose([g["lr"] for g in ours_opt.param_groups],
                                       [g["lr"] for g in torch_opt.param_groups], rtol=1e-12)


def test_deprecated_epoch_argument_uses_closed_form():
    ours_opt, torch_opt = optimizers()
    ours, theirs = sched.CosineAnnealingLR(ours_opt, T_max=10), tsched.CosineAnnealingLR(torch_opt, T_max=10)
    with pytest.warns(UserWarning, match="deprecated"):
        ours.step(7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs.step(7)
    np.testing.assert_allclose(ours.get_last_lr(), theirs.get_last_lr(), rtol=1e-12)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s[0] + str(s[1:]))
def test_state_dict_round_trip(spec):
    """Save after 10 epochs, load into a fresh optimizer + scheduler, and the
    next 20 learning rates equal those of the uninterrupted run."""
    opt, _ = optimizers()
    scheduler = build(spec, opt, sched)
    for _ in range(10):
        scheduler.step()
    opt_state, sched_state = opt.state_dict(), scheduler.state_dict()
    assert "optimizer" not in sched_state

    fresh_opt, _ = optimizers(lrs=(5.0, 6.0))
    fresh = build(spec, fresh_opt, sched)
    fresh_opt.load_state_dict(opt_state)
    fresh.load_state_dict(sched_state)
    for _ in range(20):
        scheduler.step()
        fresh.step()
        assert fresh.get_last_lr() == scheduler.get_last_lr()
        assert [g["lr"] for g in fresh_opt.param_groups] == [g["lr"] for g in opt.param_groups]
    assert fresh.last_epoch == scheduler.last_epoch == 30


def test_torch_state_dict_keys():
    ours_opt, torch_opt = optimizers()
    ours = sched.MultiStepLR(ours_opt, milestones=[2, 5])
    theirs = tsched.MultiStepLR(torch_opt, milestones=[2, 5])
    for key in ("base_lrs", "last_epoch", "_step_count", "_last_lr", "milestones", "gamma"):
        assert ours.state_dict()[key] == theirs.state_dict()[key], key


def test_errors():
    opt, _ = optimizers()
    with pytest.raises(TypeError, match="list is not an Optimizer"):
        sched.StepLR([], step_size=2)
    with pytest.raises(KeyError, match="initial_lr"):
        sched.StepLR(opt, step_size=2, last_epoch=3)
    with pytest.raises(ValueError, match="start_factor"):
        sched.LinearLR(opt, start_factor=0.0)
    with pytest.raises(ValueError, match="end_factor"):
        sched.LinearLR(opt, end_factor=1.5)
    with pytest.raises(ValueError, match="step_size must be a positive integer"):
        sched.StepLR(opt, step_size=0)
    with pytest.raises(ValueError, match="T_max must be positive"):
        sched.CosineAnnealingLR(opt, T_max=0)
    a, b = sched.StepLR(opt, step_size=2), sched.StepLR(opt, step_size=3)
    with pytest.raises(ValueError, match="one milestone fewer than schedulers.*2 schedulers and 2 milestones"):
        sched.SequentialLR(opt, [a, b], milestones=[1, 2])
    other, _ = optimizers()
    with pytest.raises(ValueError, match="another optimizer"):
        sched.SequentialLR(opt, [a, sched.StepLR(other, step_size=2)], milestones=[3])
    with pytest.raises(ValueError, match="at least one scheduler"):
        sched.SequentialLR(opt, [], milestones=[])


def test_resume_with_last_epoch():
    """Constructing with last_epoch >= 0 (after an optimizer load) continues
    the schedule, as torch does."""
    ours_opt, torch_opt = optimizers()
    for g, h in zip(ours_opt.param_groups, torch_opt.param_groups):
        g["initial_lr"] = h["initial_lr"] = g["lr"]
    ours = sched.CosineAnnealingLR(ours_opt, T_max=12, last_epoch=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = tsched.CosineAnnealingLR(torch_opt, T_max=12, last_epoch=4)
        for _ in range(10):
            ours.step()
            theirs.step()
            np.testing.assert_allclose(ours.get_last_lr(), theirs.get_last_lr(), rtol=1e-12)
