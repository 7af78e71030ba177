"""Issue 12, Module behaviour and namespaces: registration order on re-assignment,
named_modules, apply, hooks, get_submodule, requires_grad_, zero_grad,
half/bfloat16, and nnlite.accelerator / backends / nn.parallel /
inference_mode / cuda.manual_seed, against torch where it has numbers."""
import numpy as np
import pytest

import nnlite
import nnlite.nn as nn

torch = pytest.importorskip("torch")

LIBS = [nnlite, torch]


def both(fn):
    return fn(nnlite), fn(torch)


def test_reassigning_children_and_parameters_keeps_their_place():
    def build(lib):
        m = lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.ReLU(), lib.nn.Linear(4, 2))
        m[0] = lib.nn.Linear(3, 4)
        m.head = lib.nn.Linear(2, 2)
        m.tail = lib.nn.Linear(1, 1)
        m.head = lib.nn.Linear(2, 2)
        m[2].weight = lib.nn.Parameter(m[2].weight.detach().clone())
        m[2].register_buffer("stat", lib.zeros(1))
        m[2].register_buffer("stat", lib.ones(1), persistent=False)
        m[2].register_buffer("stat", lib.ones(1))
        return m

    ours, theirs = both(build)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert [n for n, _ in ours.named_children()] == [n for n, _ in theirs.named_children()]
    assert [n for n, _ in ours[2].named_parameters()] == ["weight", "bias"]
    # children()[:-1] still drops the last layer registered first.
    assert [type(c).__name__ for c in list(ours.children())[:-1]] == ["Linear", "ReLU", "Linear", "Linear"]


def test_named_modules_remove_duplicate_and_apply():
    def build(lib):
        shared = lib.nn.Linear(2, 2)
        return lib.nn.Sequential(shared, lib.nn.Tanh(), shared)

    ours, theirs = both(build)
    for flag in (True, False):
        assert [n for n, _ in ours.named_modules(remove_duplicate=flag)] == \
            [n for n, _ in theirs.named_modules(remove_duplicate=flag)]
    assert [n for n, _ in ours.named_modules(prefix="net")] == [n for n, _ in theirs.named_modules(prefix="net")]
    seen = ([], [])
    ours.apply(lambda m: seen[0].append(type(m).__name__))
    theirs.apply(lambda m: seen[1].append(type(m).__name__))
    assert seen[0] == seen[1]
    assert ours.apply(lambda m: None) is ours


def test_get_submodule_requires_grad_zero_grad():
    m = nn.Sequential(nn.Linear(2, 3), nn.Sequential(nn.Linear(3, 1)))
    assert m.get_submodule("1.0") is m[1][0]
    assert m.get_submodule("") is m
    with pytest.raises(AttributeError):
        m.get_submodule("1.5")
    assert m.requires_grad_(False) is m
    assert not any(p.requires_grad for p in m.parameters())
    m.requires_grad_()
    m(nnlite.ones(4, 2)).sum().backward()
    m.zero_grad(set_to_none=False)
    assert all(p.grad is not None and float(p.grad.abs().sum()) == 0 for p in m.parameters())
    m.zero_grad()
    assert all(p.grad is None for p in m.parameters())


def copy_linear(lib, ours):
    layer = lib.nn.Linear(3, 2).double()
    with lib.no_grad():
        layer.weight.copy_(lib.tensor(ours.weight.detach().numpy()))
        layer.bias.copy_(lib.tensor(ours.bias.detach().numpy()))
    return layer


def test_forward_hooks_change_inputs_and_outputs_like_torch():
    ours = nn.Linear(3, 2).double()
    theirs = copy_linear(torch, ours)
    x = np.arange(6.0).reshape(2, 3)
    results = []
    for lib, layer in ((nnlite, ours), (torch, theirs)):
        calls = []
        h1 = layer.register_forward_pre_hook(lambda m, args: (args[0] * 2,))
        h2 = layer.register_forward_hook(lambda m, args, out: out + 1)
        h3 = layer.register_forward_hook(lambda m, args, out: calls.append("first"), prepend=True)
        h4 = layer.register_forward_pre_hook(lambda m, args, kwargs: ((args[0] + 1,), kwargs), with_kwargs=True)
        h5 = layer.register_forward_hook(lambda m, args, kwargs, out: calls.append(len(kwargs)), with_kwargs=True)
        y = layer(lib.tensor(x))
        results.append((y.detach().numpy(), calls))
        for h in (h1, h2, h3, h4, h5):
            h.remove()
        results.append(layer(lib.tensor(x)).detach().numpy())
    np.testing.assert_allclose(results[0][0], results[2][0], rtol=1e-12)
    assert results[0][1] == results[2][1] == ["first", 0]
    np.testing.assert_allclose(results[1], results[3], rtol=1e-12)


def test_handle_as_context_manager():
    layer = nn.Identity()
    calls = []
    with layer.register_forward_hook(lambda m, a, o: calls.append(1)):
        layer(nnlite.ones(1))
    layer(nnlite.ones(1))
    assert calls == [1]


@pytest.mark.parametrize("input_requires_grad", [True, False])
def test_full_backward_hook_gets_torch_gradients(input_requires_grad):
    ours = nn.Linear(3, 2).double()
    theirs = copy_linear(torch, ours)
    x = np.random.default_rng(0).standard_normal((4, 3))
    seen = []
    for lib, layer in ((nnlite, ours), (torch, theirs)):
        got = []

        def hook(module, grad_input, grad_output, got=got):
            got.append(([None if g is None else g.detach().numpy().copy() for g in grad_input],
                        [g.detach().numpy().copy() for g in grad_output]))
            if grad_input[0] is not None:
                return (grad_input[0] * 3,)  # replaces the gradient that flows on

        layer.register_full_backward_hook(hook)
        inp = lib.tensor(x, requires_grad=input_requires_grad)
        (layer(inp) ** 2).sum().backward()
        seen.append((got, None if inp.grad is None else inp.grad.numpy(), layer.weight.grad.numpy()))
    (ours_calls, ours_x, ours_w), (their_calls, their_x, their_w) = seen
    assert len(ours_calls) == len(their_calls) == 1
    for a, b in zip(ours_calls[0][0] + ours_calls[0][1], their_calls[0][0] + their_calls[0][1]):
        if b is None:
            assert a is None
        else:
            np.testing.assert_allclose(a, b, rtol=1e-12)
    np.testing.assert_allclose(ours_w, their_w, rtol=1e-12)
    if input_requires_grad:
        np.testing.assert_allclose(ours_x, their_x, rtol=1e-12)


def test_backward_hook_wrong_arity_raises():
    layer = nn.Linear(2, 2)
    layer.register_full_backward_hook(lambda m, gi, go: (gi[0], gi[0]))
    with pytest.raises(RuntimeError, match="backward hook returned 2 gradients"):
        layer(nnlite.ones(1, 2, requires_grad=True)).sum().backward()


def test_hooks_must_be_callable():
    with pytest.raises(TypeError, match="callable"):
        nn.Linear(1, 1).register_forward_hook(3)


@pytest.mark.parametrize("method", ["half", "bfloat16"])
def test_half_and_bfloat16_refuse_clearly(method):
    with pytest.raises(TypeError, match=f"{method}\\(\\): nnlite has no"):
        getattr(nn.Linear(2, 2), method)()


# ---- namespaces ---------------------------------------------------------------------


def test_accelerator_matches_cuda_availability():
    assert nnlite.accelerator.is_available() == nnlite.cuda.is_available()
    current = nnlite.accelerator.current_accelerator()
    if nnlite.cuda.is_available():
        assert current.type == "cuda"
    else:
        assert current is None and nnlite.accelerator.device_count() == 0
        # A script's usual line picks the CPU.
        assert (current.type if nnlite.accelerator.is_available() else "cpu") == "cpu"


def test_backends_flags_are_settable():
    from nnlite.backends import cudnn

    cudnn.benchmark = True
    cudnn.deterministic = True
    assert nnlite.backends.cudnn.benchmark and nnlite.backends.cudnn.deterministic
    cudnn.benchmark = False
    cudnn.deterministic = False
    assert nnlite.backends.cudnn.enabled is True and not nnlite.backends.cudnn.is_available()
    nnlite.backends.cuda.matmul.allow_tf32 = True
    assert nnlite.backends.cuda.matmul.allow_tf32 is True
    nnlite.backends.cuda.matmul.allow_tf32 = False  # a process-wide switch: leave it as the other tests expect
    assert nnlite.backends.mps.is_available() is False


def test_cuda_manual_seed_is_accepted():
    nnlite.manual_seed(3)
    a = nnlite.rand(3)
    nnlite.manual_seed(3)
    nnlite.cuda.manual_seed(7)
    nnlite.cuda.manual_seed_all(7)
    np.testing.assert_array_equal(a.numpy(), nnlite.rand(3).numpy())  # the CPU stream is untouched
    with pytest.raises((TypeError, ValueError)):
        nnlite.cuda.manual_seed("seven")


def test_inference_mode_as_context_and_decorator():
    x = nnlite.ones(2, requires_grad=True)
    with nnlite.inference_mode():
        assert not (x * 2).requires_grad
    with nnlite.inference_mode(False):
        assert (x * 2).requires_grad

    @nnlite.inference_mode
    def bare():
        return (x * 2).requires_grad

    @nnlite.inference_mode()
    def called():
        return (x * 2).requires_grad

    assert not bare() and not called()
    assert nnlite.is_grad_enabled()
    assert bare.__name__ == "bare"


def test_data_parallel_is_transparent_like_torch():
    ours = nn.DataParallel(nn.Linear(3, 2))
    theirs = torch.nn.DataParallel(torch.nn.Linear(3, 2))
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert isinstance(ours.module, nn.Linear)
    assert nnlite.nn.parallel.DataParallel is nn.DataParallel
    y = ours(nnlite.ones(5, 3))
    np.testing.assert_allclose(y.detach().numpy(), ours.module(nnlite.ones(5, 3)).detach().numpy())


def test_distributed_data_parallel_refuses_like_torch_without_a_process_group():
    with pytest.raises((RuntimeError, ValueError)):
        torch.nn.parallel.DistributedDataParallel(torch.nn.Linear(2, 2))
    with pytest.raises(RuntimeError, match="process group is not initialized"):
        nnlite.nn.parallel.DistributedDataParallel(nn.Linear(2, 2))
