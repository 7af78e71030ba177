"""leaky_sequence (the whole time loop of snn.Leaky as one C++ op) against a
PyTorch loop (snnTorch 1.0 surrogate formulas), finite differences of the membrane
trace, snnTorch's Leaky itself, and the layer's step-by-step path."""
import numpy as np
import pytest

import nnlite
import nnlite.snn as snn
from op_check import check_op

TESTED_OPS = {"leaky_sequence"}

T, S = 7, (3, 4)
SURROGATES = [("atan", 2.0), ("atan", 5.0), ("fast_sigmoid", 25.0), ("sigmoid", 4.0),
              ("straight_through_estimator", 1.0)]


def _torch_spike(surrogate, slope):
    """Heaviside with the surrogate derivative, written in torch from the
    formulas (snnTorch 1.0's), so this reference needs only torch."""
    import math

    import torch

    derivative = {
        "atan": lambda u: slope / 2 / (1 + (math.pi / 2 * slope * u) ** 2),
        "fast_sigmoid": lambda u: 1 / (slope * u.abs() + 1.0) ** 2,
        "sigmoid": lambda u: slope * torch.exp(-slope * u) / ((torch.exp(-slope * u) + 1) ** 2),
        "straight_through_estimator": lambda u: torch.ones_like(u),
    }[surrogate]

    class Spike(torch.autograd.Function):
        @staticmethod
        def forward(ctx, u):
            ctx.save_for_backward(u)
            return (u > 0).to(u.dtype)

        @staticmethod
        def backward(ctx, g):
            (u,) = ctx.saved_tensors
            return g * derivative(u)

    return Spike.apply


def torch_leaky_sequence(x, mem, beta, threshold, reset, surrogate, slope):
    """The reference: snnTorch's Leaky update written as a torch loop."""
    import torch

    fn = _torch_spike(surrogate, slope)
    b = beta.clamp(0, 1)
    spikes, trace = [], []
    for t in range(x.shape[0]):
        r = (mem - threshold > 0).to(x.dtype).detach()
        if reset == "subtract":
            mem = b * mem + x[t] - r * threshold
        elif reset == "zero":
            mem = b * ((1 - r) * mem) + x[t]
        else:
            mem = b * mem + x[t]
        spikes.append(fn(mem - threshold))
        trace.append(mem)
    return torch.stack(spikes), torch.stack(trace)


def _inputs(rng, beta_shape=(), th_shape=()):
    beta = rng.uniform(0.3, 0.95, beta_shape)
    th = rng.uniform(0.5, 1.2, th_shape)
    return [(T,) + S, S, np.asarray(beta, dtype=np.float32), np.asarray(th, dtype=np.float32)]


@pytest.mark.parametrize("reset", ["subtract", "zero", "none"])
@pytest.mark.parametrize("surrogate, slope", SURROGATES)
def test_leaky_sequence_vs_torch_loop(reset, surrogate, slope, rng, device):
    out = check_op(_inputs(rng), lambda x, m, b, th: nnlite._C.leaky_sequence(x, m, b, th, reset, surrogate, slope),
                   lambda x, m, b, th: torch_leaky_sequence(x, m, b, th, reset, surrogate, slope),
                   fd=False, grad_atol=1e-4, grad_rtol=1e-4, device=device)
    assert 0 < out[0].detach().cpu().numpy().mean() < 1  # some spikes, not all


@pytest.mark.parametrize("beta_shape, th_shape", [((4,), ()), ((3, 4), (4,)), ((1, 4), (3, 1))])
def test_leaky_sequence_per_neuron_constants(beta_shape, th_shape, rng, device):
    check_op(_inputs(rng, beta_shape, th_shape),
             lambda x, m, b, th: nnlite._C.leaky_sequence(x, m, b, th, "subtract", "fast_sigmoid", 10.0),
             lambda x, m, b, th: torch_leaky_sequence(x, m, b, th, "subtract", "fast_sigmoid", 10.0),
             fd=False, grad_atol=1e-4, grad_rtol=1e-4, device=device)


@pytest.mark.parametrize("reset", ["subtract", "zero", "none"])
def test_leaky_sequence_membrane_finite_differences(reset, rng):
    # The reset is piecewise constant (detached), so the membrane trace has
    # exact derivatives away from the jumps; the spikes' are surrogates.
    ins = _inputs(rng, (4,), (3, 4))
    ins[2], ins[3] = ins[2].astype(np.float64), ins[3].astype(np.float64)
    check_op(ins, lambda x, m, b, th: nnlite._C.leaky_sequence(x, m, b, th, reset, "atan", 2.0)[1],
             dtype="float64")


def test_leaky_sequence_bad_input():
    x, m, one = nnlite.zeros(5, 3), nnlite.zeros(3), nnlite.tensor(0.9)
    with pytest.raises(ValueError, match=r"leaky_sequence: mem of shape \[4\] must have the shape of one time step "
                                         r"of the input, \[3\]"):
        nnlite._C.leaky_sequence(x, nnlite.zeros(4), one, one)
    with pytest.raises(ValueError, match=r"leaky_sequence: beta of shape \[2\] does not broadcast"):
        nnlite._C.leaky_sequence(x, m, nnlite.zeros(2), one)
    with pytest.raises(ValueError, match="leaky_sequence: reset_mechanism must be"):
        nnlite._C.leaky_sequence(x, m, one, one, "soft")
    with pytest.raises(ValueError, match="leaky_sequence: surrogate must be"):
        nnlite._C.leaky_sequence(x, m, one, one, "subtract", "triangle")
    with pytest.raises(ValueError, match="leaky_sequence: slope must be positive"):
        nnlite._C.leaky_sequence(x, m, one, one, "subtract", "atan", 0.0)


@pytest.mark.parametrize("reset", ["subtract", "zero", "none"])
@pytest.mark.parametrize("surr", ["atan", "sigmoid"])
def test_layer_sequence_matches_snntorch(reset, surr, rng):
    torch = pytest.importorskip("torch")
    snntorch = pytest.importorskip("snntorch")
    x = (rng.standard_normal((T, 2, 6)) + 0.4).astype(np.float32)
    w = rng.standard_normal((2, T, 2, 6)).astype(np.float32)
    ours = snn.Leaky(beta=0.8, learn_beta=True, learn_threshold=True, reset_mechanism=reset,
                     spike_grad=getattr(snn.surrogate, surr)())
    ref = snntorch.Leaky(beta=0.8, learn_beta=True, learn_threshold=True, reset_mechanism=reset,
                         spike_grad=getattr(snntorch.surrogate, surr)())
    xn, xt = nnlite.from_numpy(x.copy()).requires_grad_(), torch.from_numpy(x.copy()).requires_grad_()
    spk, trace = ours.sequence(xn)
    mem, spikes, mems = ref.init_leaky(), [], []
    for t in range(T):
        s, mem = ref(xt[t], mem)
        spikes.append(s)
        mems.append(mem)
    ts_, tm = torch.stack(spikes), torch.stack(mems)
    np.testing.assert_allclose(spk.detach().numpy(), ts_.detach().numpy())
    np.testing.assert_allclose(trace.detach().numpy(), tm.detach().numpy(), atol=1e-5)
    ((spk * nnlite.from_numpy(w[0])).sum() + (trace * nnlite.from_numpy(w[1])).sum()).backward()
    ((ts_ * torch.from_numpy(w[0])).sum() + (tm * torch.from_numpy(w[1])).sum()).backward()
    np.testing.assert_allclose(xn.grad.numpy(), xt.grad.numpy(), atol=1e-5, rtol=1e-4)
    np.testing.assert_allclose(ours.beta.grad.numpy(), ref.beta.grad.numpy(), rtol=1e-4)
    np.testing.assert_allclose(ours.threshold.grad.numpy(), ref.threshold.grad.numpy(), rtol=1e-4)
    np.testing.assert_allclose(ours.mem.detach().numpy(), tm[-1].detach().numpy(), atol=1e-5)


@pytest.mark.parametrize("kw", [dict(), dict(state_quant=lambda m: m * 1.0), dict(reset_delay=False),
                                dict(graded_spikes_factor=0.5), dict(surrogate_disable=True)])
def test_sequence_equals_stepping(kw, rng):
    """The fused path and the step-by-step fallback agree with calling the layer per step."""
    x = nnlite.from_numpy((rng.standard_normal((T,) + S) + 0.5).astype(np.float32))
    a, b = snn.Leaky(beta=0.7, **kw), snn.Leaky(beta=0.7, **kw)
    spk, trace = a.sequence(x)
    mem = b.init_leaky()
    for t in range(T):
        s, mem = b(x[t], mem)
        np.testing.assert_allclose(spk[t].numpy(), s.numpy())
        np.testing.assert_allclose(trace[t].numpy(), mem.numpy(), atol=1e-6)
    with pytest.raises(ValueError, match=r"Leaky: state mem has shape \[2\]"):
        a.sequence(x, nnlite.zeros(2))


@pytest.mark.cuda
@pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")
def test_layer_sequence_on_the_gpu_matches_the_cpu(rng):
    """snn.Leaky moved to the GPU runs its fused loop there (spiking.cu), with the CPU's results."""
    x = (rng.standard_normal((T, 2, 6)) + 0.4).astype(np.float32)
    runs = []
    for device in ("cpu", "cuda"):
        layer = snn.Leaky(beta=0.8, learn_beta=True, learn_threshold=True).to(device)
        xd = nnlite.from_numpy(x.copy()).to(device).requires_grad_()
        spk, trace = layer.sequence(xd)
        assert spk.device.type == trace.device.type == device
        (spk.sum() + (trace * trace).sum()).backward()
        runs.append([t.detach().cpu().numpy() for t in (spk, trace, xd.grad, layer.beta.grad, layer.threshold.grad)])
    for ours, ref in zip(*runs):
        np.testing.assert_allclose(ours, ref, rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="leaky_sequence: expected all tensors on the same device"):
        nnlite._C.leaky_sequence(nnlite.zeros(3, 2, device="cuda"), nnlite.zeros(2), nnlite.tensor([0.9, 0.9]),
                                 nnlite.tensor(1.0))
