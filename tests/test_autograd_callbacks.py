"""Post-accumulate-grad hooks and end-of-backward callbacks (what
DistributedDataParallel is built on), against PyTorch's behaviour."""
import numpy as np
import pytest

import nnlite


def test_post_accumulate_hook_sees_the_accumulated_grad():
    torch = pytest.importorskip("torch")
    logs = {}
    for lib, new in (("nnlite", lambda: nnlite.nn.Parameter(nnlite.ones(3))),
                     ("torch", lambda: torch.nn.Parameter(torch.ones(3)))):
        p = new()
        seen = []
        p.register_post_accumulate_grad_hook(lambda q: seen.append(q.grad.tolist()))
        (p * 2).sum().backward()
        (p * p).sum().backward()   # accumulates: 2 + 2p
        logs[lib] = seen
    assert logs["nnlite"] == logs["torch"] == [[2.0] * 3, [4.0] * 3]


def test_post_accumulate_hook_only_on_leaves_that_require_grad():
    p = nnlite.nn.Parameter(nnlite.ones(2))
    with pytest.raises(RuntimeError, match="register_post_accumulate_grad_hook: only a leaf .* got a non-leaf"):
        (p * 2).register_post_accumulate_grad_hook(lambda q: None)
    with pytest.raises(RuntimeError, match="got a tensor that does not require grad"):
        nnlite.ones(2).register_post_accumulate_grad_hook(lambda q: None)


def test_queued_callbacks_run_once_after_all_gradients_in_order():
    a, b = nnlite.nn.Parameter(nnlite.ones(2)), nnlite.nn.Parameter(nnlite.ones(2))
    events = []

    def on_grad(name):
        def hook(q):
            events.append(name)
            if name == "a":
                nnlite.autograd.queue_callback(lambda: events.append(("first", a.grad is not None,
                                                                      b.grad is not None)))
                nnlite.autograd.queue_callback(
                    lambda: (events.append("second"), nnlite.autograd.queue_callback(lambda: events.append("third"))))
        return hook

    a.register_post_accumulate_grad_hook(on_grad("a"))
    b.register_post_accumulate_grad_hook(on_grad("b"))
    (a * b).sum().backward()
    assert sorted(events[:2]) == ["a", "b"]
    assert events[2:] == [("first", True, True), "second", "third"]
    # nothing is left queued for the next pass
    events.clear()
    nnlite.autograd.grad((a * 3).sum(), [a])   # no .grad accumulation: no hooks, no callbacks
    assert events == []


def test_queue_callback_outside_backward_raises():
    with pytest.raises(RuntimeError, match="queue_callback: no backward pass is running"):
        nnlite.autograd.queue_callback(lambda: None)


def test_callback_errors_reach_the_caller():
    p = nnlite.nn.Parameter(nnlite.ones(1))

    def fail():
        raise ValueError("callback failed")

    p.register_post_accumulate_grad_hook(lambda q: nnlite.autograd.queue_callback(fail))
    with pytest.raises(ValueError, match="callback failed"):
        (p * 1).sum().backward()
    np.testing.assert_array_equal(p.grad.numpy(), [1.0])
