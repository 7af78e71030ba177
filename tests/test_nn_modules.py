"""nnlite.nn modules against torch.nn (same weights copied over), and the
Module machinery: registration, traversal, modes, state_dict, to(), repr."""
from collections import OrderedDict

import numpy as np
import pytest

import nnlite
import nnlite.nn as nn
import nnlite.nn.functional as F

torch = pytest.importorskip("torch")


def both(array, requires_grad=False):
    a = np.array(array, copy=True, order="C")  # (ascontiguousarray would make 0-d arrays 1-d)
    ours, theirs = nnlite.from_numpy(a.copy()), torch.from_numpy(a.copy())
    if requires_grad:
        ours.requires_grad_()
        theirs.requires_grad_()
    return ours, theirs


def close(ours, theirs, tol=1e-10):
    got = ours.detach().numpy()
    expected = theirs.detach().numpy()
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=tol, atol=tol)


def copy_weights(ours, theirs):
    """Give our module the torch module's parameters (through numpy)."""
    state = OrderedDict((k, nnlite.from_numpy(v.detach().numpy().copy())) for k, v in theirs.state_dict().items())
    ours.load_state_dict(state)


def compare_module(ours, theirs, x, tol=1e-10):
    """Forward, then backward of a fixed weighting of the output: compare the
    output, the input gradient and every parameter gradient."""
    copy_weights(ours, theirs)
    ox, tx = both(x, requires_grad=True)
    out, ref = ours(ox), theirs(tx)
    close(out, ref, tol)
    weights = np.random.default_rng(0).standard_normal(ref.shape)
    ow, tw = both(weights.astype(x.dtype))
    (out * ow).sum().backward()
    (ref * tw).sum().backward()
    close(ox.grad, tx.grad, tol)
    ours_params = dict(ours.named_parameters())
    for name, p in theirs.named_parameters():
        close(ours_params[name].grad, p.grad, tol)


def data(*shape, seed=1, dtype=np.float64):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


# ---- layers ----------------------------------------------------------------

@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("shape", [(5, 4), (2, 3, 4), (4,)])
def test_linear(bias, shape):
    compare_module(nn.Linear(4, 3, bias=bias).double(), torch.nn.Linear(4, 3, bias=bias).double(), data(*shape))


def test_linear_float32():
    compare_module(nn.Linear(6, 2), torch.nn.Linear(6, 2), data(3, 6, dtype=np.float32), tol=1e-5)


ACTIVATIONS = [
    (nn.ReLU(), torch.nn.ReLU()),
    (nn.LeakyReLU(), torch.nn.LeakyReLU()),
    (nn.LeakyReLU(0.2), torch.nn.LeakyReLU(0.2)),
    (nn.GELU(), torch.nn.GELU()),
    (nn.GELU(approximate="tanh"), torch.nn.GELU(approximate="tanh")),
    (nn.ELU(), torch.nn.ELU()),
    (nn.ELU(alpha=0.5), torch.nn.ELU(alpha=0.5)),
    (nn.Softplus(), torch.nn.Softplus()),
    (nn.Softplus(beta=2.0, threshold=1.0), torch.nn.Softplus(beta=2.0, threshold=1.0)),
    (nn.Sigmoid(), torch.nn.Sigmoid()),
    (nn.Tanh(), torch.nn.Tanh()),
    (nn.Softmax(dim=1), torch.nn.Softmax(dim=1)),
    (nn.Softmax(dim=-1), torch.nn.Softmax(dim=-1)),
    (nn.LogSoftmax(dim=1), torch.nn.LogSoftmax(dim=1)),
    (nn.LogSoftmax(dim=0), torch.nn.LogSoftmax(dim=0)),
    (nn.Flatten(), torch.nn.Flatten()),
    (nn.Flatten(0, 1), torch.nn.Flatten(0, 1)),
    (nn.Identity(), torch.nn.Identity()),
]


@pytest.mark.parametrize("ours,theirs", ACTIVATIONS, ids=lambda m: repr(m))
def test_activation_modules(ours, theirs):
    compare_module(ours, theirs, data(3, 4, 5) * 3)
    assert repr(ours) == repr(theirs)


@pytest.mark.parametrize("name,kwargs", [
    ("relu", {}), ("leaky_relu", {"negative_slope": 0.3}), ("gelu", {"approximate": "tanh"}), ("elu", {"alpha": 2.0}),
    ("softplus", {"beta": 0.5}), ("sigmoid", {}), ("tanh", {}), ("softmax", {"dim": 0}), ("log_softmax", {"dim": 1}),
])
def test_functional_activations(name, kwargs):
    ox, tx = both(data(4, 6) * 2, requires_grad=True)
    out = getattr(F, name)(ox, **kwargs)
    ref = getattr(torch.nn.functional, name)(tx, **kwargs)
    close(out, ref)
    out.sum().backward()
    ref.sum().backward()
    close(ox.grad, tx.grad)


def test_functional_linear_and_softmax_dtype():
    ox, tx = both(data(3, 4))
    ow, tw = both(data(2, 4, seed=2))
    close(F.linear(ox, ow), torch.nn.functional.linear(tx, tw))
    x32 = nnlite.from_numpy(data(2, 3, dtype=np.float32))
    assert F.softmax(x32, dim=1, dtype=nnlite.float64).dtype == nnlite.float64
    with pytest.warns(UserWarning, match="Implicit dimension"):
        assert nn.Softmax()(x32).shape == (2, 3)


def test_gelu_rejects_unknown_approximation():
    with pytest.raises(ValueError, match="approximate.*'exact'"):
        F.gelu(nnlite.zeros(2), approximate="exact")
    with pytest.raises(ValueError, match="approximate"):
        nn.GELU("fast")


def test_dropout():
    x = nnlite.ones(200, 50)
    drop = nn.Dropout(0.3)
    assert repr(drop) == repr(torch.nn.Dropout(0.3))
    out = drop(x).numpy()
    kept = out[out != 0]
    np.testing.assert_allclose(kept, 1 / 0.7, rtol=1e-6)
    assert 0.25 < (out == 0).mean() < 0.35
    drop.eval()
    assert np.array_equal(drop(x).numpy(), x.numpy())
    assert np.array_equal(nn.Dropout(0.0)(x).numpy(), x.numpy())
    assert not nn.Dropout(1.0)(x).numpy().any()


def test_dropout_gradient_uses_the_same_mask():
    x = nnlite.ones(50, 40, requires_grad=True)
    out = nn.Dropout(0.5)(x)
    out.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), out.detach().numpy())


def test_dropout_rejects_bad_probability():
    with pytest.raises(ValueError, match="Dropout.*between 0 and 1.*1.5"):
        nn.Dropout(1.5)


def test_mlp_forward_backward_matches_torch():
    ours = nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 3)).double()
    theirs = torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.ReLU(), torch.nn.Linear(8, 8), torch.nn.Tanh(),
                                 torch.nn.Linear(8, 3)).double()
    compare_module(ours, theirs, data(7, 5))


def test_mlp_with_loss_matches_torch():
    ours = nn.Sequential(nn.Flatten(), nn.Linear(12, 6), nn.GELU(), nn.Dropout(0.2), nn.Linear(6, 4)).double()
    theirs = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(12, 6), torch.nn.GELU(), torch.nn.Dropout(0.2),
                                 torch.nn.Linear(6, 4)).double()
    copy_weights(ours, theirs)
    ours.eval()
    theirs.eval()
    ox, tx = both(data(5, 3, 4))
    ot, tt = both(np.array([0, 3, 1, 2, 3], dtype=np.int64))
    loss = nn.CrossEntropyLoss()(ours(ox), ot)
    ref = torch.nn.CrossEntropyLoss()(theirs(tx), tt)
    close(loss, ref)
    loss.backward()
    ref.backward()
    for (name, p), (tname, tp) in zip(ours.named_parameters(), theirs.named_parameters()):
        assert name == tname
        close(p.grad, tp.grad)


# ---- Parameter -------------------------------------------------------------

def test_parameter_is_a_leaf_tensor_sharing_storage():
    data_ = nnlite.zeros(2, 3)
    p = nn.Parameter(data_)
    assert isinstance(p, nnlite.Tensor) and isinstance(p, nn.Parameter)
    assert p.requires_grad and p.is_leaf and p.grad_fn is None
    data_.fill_(2.0)
    assert p.detach().numpy().tolist() == [[2.0] * 3] * 2
    assert not nn.Parameter(nnlite.ones(2), requires_grad=False).requires_grad
    assert repr(p).startswith("Parameter containing:\n")
    with pytest.raises(TypeError, match="Parameter.*list"):
        nn.Parameter([1.0, 2.0])


def test_parameter_from_op_output_is_a_leaf():
    x = nnlite.ones(3, requires_grad=True)
    p = nn.Parameter(x * 2)
    assert p.is_leaf and p.requires_grad
    (p * p).sum().backward()
    assert x.grad is None
    np.testing.assert_allclose(p.grad.numpy(), [4.0, 4.0, 4.0])


# ---- Module machinery --------------------------------------------------------

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 4)
        self.act = nn.ReLU()
        self.scale = nn.Parameter(nnlite.ones(4))
        self.register_buffer("running", nnlite.zeros(4))
        self.register_buffer("scratch", nnlite.zeros(2), persistent=False)

    def forward(self, x):
        return self.act(self.fc(x)) * self.scale


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.heads = nn.ModuleList([nn.Linear(4, 2), nn.Linear(4, 1)])
        self.out = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid())

    def forward(self, x):
        h = self.out(self.block(x))
        return [head(h) for head in self.heads]


def test_registration_and_traversal():
    net = Net()
    names = [n for n, _ in net.named_parameters()]
    assert names == ["block.scale", "block.fc.weight", "block.fc.bias", "heads.0.weight", "heads.0.bias",
                     "heads.1.weight", "heads.1.bias", "out.0.weight", "out.0.bias"]
    assert len(list(net.parameters())) == 9
    assert [n for n, _ in net.named_buffers()] == ["block.running", "block.scratch"]
    assert [n for n, _ in net.named_modules()] == ["", "block", "block.fc", "block.act", "heads", "heads.0",
                                                   "heads.1", "out", "out.0", "out.1"]
    assert [type(m).__name__ for m in net.children()] == ["Block", "ModuleList", "Sequential"]
    assert len(list(net.modules())) == 10
    assert [n for n, _ in net.block.named_parameters(recurse=False)] == ["scale"]
    assert net.get_submodule("out.0") is net.out[0]
    assert net.get_parameter("block.fc.bias") is net.block.fc.bias
    outputs = net(nnlite.ones(2, 3))
    assert [tuple(o.shape) for o in outputs] == [(2, 2), (2, 1)]


def test_shared_parameters_are_listed_once():
    lin = nn.Linear(2, 2)
    seq = nn.Sequential(lin, nn.ReLU(), lin)
    assert len(list(seq.parameters())) == 2
    assert len(list(seq.named_modules())) == 3
    assert list(seq.state_dict().keys()) == ["0.weight", "0.bias", "2.weight", "2.bias"]


def test_attribute_rules():
    m = Block()
    assert m.running is m._buffers["running"]
    with pytest.raises(TypeError, match="cannot assign 'Tensor' as parameter 'scale'"):
        m.scale = nnlite.ones(4)
    m.scale = None
    assert "scale" not in dict(m.named_parameters())
    with pytest.raises(TypeError, match="buffer 'running'"):
        m.running = 3
    m.running = nnlite.ones(4)
    assert m.running.numpy().tolist() == [1.0] * 4
    with pytest.raises(AttributeError, match="'Block' object has no attribute 'missing'"):
        m.missing
    del m.fc
    assert "fc" not in dict(m.named_children())
    with pytest.raises(KeyError, match="cannot contain"):
        m.register_buffer("a.b", nnlite.zeros(1))
    with pytest.raises(TypeError, match="nnlite.nn.Parameter or None"):
        m.register_parameter("w", nnlite.zeros(1))
    with pytest.raises(KeyError, match="already exists"):
        m.register_buffer("forward", nnlite.zeros(1))

    class Early(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(nnlite.zeros(1))

    with pytest.raises(AttributeError, match="before Module.__init__"):
        Early()


def test_forward_missing():
    with pytest.raises(NotImplementedError, match=r'Module \[Module\] is missing the required "forward"'):
        nn.Module()(1)


def test_train_eval_and_apply():
    net = Net()
    assert net.training and net.out[1].training
    assert net.eval() is net
    assert not any(m.training for m in net.modules())
    net.train()
    assert all(m.training for m in net.modules())
    with pytest.raises(ValueError, match="bool"):
        net.train("yes")
    seen = []
    assert net.apply(lambda m: seen.append(type(m).__name__)) is net
    assert seen[-1] == "Net" and seen.count("Linear") == 4


def test_zero_grad():
    lin = nn.Linear(3, 2)
    lin(nnlite.ones(1, 3)).sum().backward()
    assert lin.weight.grad is not None
    lin.zero_grad(set_to_none=False)
    assert not lin.weight.grad.numpy().any()
    lin.zero_grad()
    assert lin.weight.grad is None and lin.bias.grad is None


def test_requires_grad_():
    lin = nn.Linear(3, 2).requires_grad_(False)
    assert not any(p.requires_grad for p in lin.parameters())


def test_state_dict_matches_torch_layout_and_round_trips():
    net = Net()
    state = net.state_dict()
    assert list(state.keys()) == ["block.scale", "block.running", "block.fc.weight", "block.fc.bias",
                                  "heads.0.weight", "heads.0.bias", "heads.1.weight", "heads.1.bias",
                                  "out.0.weight", "out.0.bias"]
    assert all(not v.requires_grad for v in state.values())
    theirs = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
    ours = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    assert list(ours.state_dict().keys()) == list(theirs.state_dict().keys())

    other = Net()
    result = other.load_state_dict(state)
    assert result.missing_keys == [] and result.unexpected_keys == []
    for key, value in other.state_dict().items():
        np.testing.assert_array_equal(value.numpy(), state[key].numpy())
    # Loading copies: later changes to the source do not leak in.
    net.block.fc.weight.detach().fill_(5.0)
    assert not (other.block.fc.weight.detach().numpy() == 5.0).all()


def test_load_state_dict_errors():
    net = Net()
    state = net.state_dict()
    del state["heads.1.bias"]
    state["extra.weight"] = nnlite.zeros(1)
    with pytest.raises(RuntimeError, match=r'Missing key\(s\) in state_dict: "heads.1.bias"') as info:
        Net().load_state_dict(state)
    assert 'Unexpected key(s) in state_dict: "extra.weight"' in str(info.value)
    assert isinstance(info.value, ValueError)
    result = Net().load_state_dict(state, strict=False)
    assert result.missing_keys == ["heads.1.bias"] and result.unexpected_keys == ["extra.weight"]

    state = net.state_dict()
    state["out.0.weight"] = nnlite.zeros(3, 4)
    target = Net()
    before = target.block.fc.weight.detach().numpy().copy()
    with pytest.raises(ValueError, match=r"size mismatch for out.0.weight: .*\[3, 4\].*\[4, 4\]"):
        target.load_state_dict(state, strict=False)
    np.testing.assert_array_equal(target.block.fc.weight.detach().numpy(), before)  # nothing copied
    state["out.0.weight"] = [[0.0]]
    with pytest.raises(TypeError, match="out.0.weight.*list"):
        Net().load_state_dict(state)


def test_to_double_converts_parameters_and_float_buffers():
    m = Block()
    m.register_buffer("steps", nnlite.zeros(1, dtype=nnlite.int64))
    m(nnlite.ones(2, 3)).sum().backward()
    weight = m.fc.weight
    assert m.to(nnlite.float64) is m
    assert m.fc.weight is weight  # same Parameter object, converted in place
    assert weight.grad.dtype == nnlite.float64
    assert all(p.dtype == nnlite.float64 for p in m.parameters())
    assert all(isinstance(p, nn.Parameter) and p.requires_grad for p in m.parameters())
    assert m.running.dtype == nnlite.float64 and m.steps.dtype == nnlite.int64
    assert m(nnlite.ones(2, 3, dtype=nnlite.float64)).dtype == nnlite.float64
    m.float()
    assert m.fc.weight.dtype == nnlite.float32
    with pytest.raises(TypeError, match="floating point"):
        m.to(nnlite.int64)


def test_repr_matches_torch():
    ours = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Sequential(nn.Dropout(0.1), nn.Linear(4, 2, bias=False)),
                         nn.LogSoftmax(dim=1))
    theirs = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(),
                                 torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(4, 2, bias=False)),
                                 torch.nn.LogSoftmax(dim=1))
    assert repr(ours) == repr(theirs)
    assert repr(nn.Flatten()) == repr(torch.nn.Flatten())


# ---- containers ------------------------------------------------------------

def test_sequential_container():
    a, b, c = nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)
    seq = nn.Sequential(a, b)
    assert len(seq) == 2 and seq[0] is a and seq[-1] is b
    assert list(seq) == [a, b]
    seq.append(c)
    assert seq[2] is c and len(seq) == 3
    sub = seq[1:]
    assert isinstance(sub, nn.Sequential) and list(sub) == [b, c]
    assert tuple(seq(nnlite.ones(4, 2)).shape) == (4, 1)
    with pytest.raises(IndexError, match="index 3 is out of range"):
        seq[3]
    del seq[0]
    assert list(seq) == [b, c] and [n for n, _ in seq.named_children()] == ["0", "1"]
    named = nn.Sequential(OrderedDict([("first", nn.Linear(2, 2)), ("act", nn.Tanh())]))
    assert [n for n, _ in named.named_parameters()] == ["first.weight", "first.bias"]
    assert isinstance(named.act, nn.Tanh)


def test_module_list_and_dict():
    layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])
    assert len(layers) == 3 and len(list(layers.parameters())) == 6
    layers.append(nn.ReLU())
    layers.extend([nn.Tanh()])
    assert [type(m).__name__ for m in layers] == ["Linear"] * 3 + ["ReLU", "Tanh"]
    assert isinstance(layers[-1], nn.Tanh) and len(layers[1:3]) == 2
    with pytest.raises(IndexError):
        layers[5]
    with pytest.raises(NotImplementedError):
        layers(nnlite.ones(1))
    d = nn.ModuleDict({"enc": nn.Linear(2, 3), "dec": nn.Linear(3, 2)})
    assert list(d.keys()) == ["enc", "dec"] and "enc" in d
    assert [n for n, _ in d.named_parameters()] == ["enc.weight", "enc.bias", "dec.weight", "dec.bias"]


def test_deepcopy_of_a_model_with_parameters_only():
    import copy

    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    clone = copy.deepcopy(model)
    assert clone[0].weight is not model[0].weight and isinstance(clone[0].weight, nn.Parameter)
    np.testing.assert_array_equal(clone[0].weight.detach().numpy(), model[0].weight.detach().numpy())
    with nnlite.no_grad():
        model[0].weight.fill_(0.0)
    assert clone[0].weight.detach().numpy().any()


def test_shared_submodule_state_dict_round_trips():
    # A module used twice appears under both names, as in torch, and loads back.
    shared = nnlite.nn.Linear(2, 2)
    model = nnlite.nn.Sequential(shared, nnlite.nn.ReLU(), shared)
    state = model.state_dict()
    assert sorted(state) == ["0.bias", "0.weight", "2.bias", "2.weight"]
    model.load_state_dict(state)


def test_a_parameter_replaced_by_a_plain_tensor_is_used():
    # Linear/Conv2d/BatchNorm read their registries directly for speed; an
    # entry deleted and set as a plain attribute (as weight-norm style code
    # does) must still be what forward uses.
    lin = nnlite.nn.Linear(3, 2)
    w = lin.weight.detach() * 2
    del lin.weight
    lin.weight = w
    x = nnlite.ones(1, 3)
    np.testing.assert_allclose(lin(x).detach().numpy(), (x @ w.t() + lin.bias).detach().numpy(), rtol=1e-6)
    conv = nnlite.nn.Conv2d(1, 1, 3, bias=False)
    k = nnlite.zeros(1, 1, 3, 3)
    del conv.weight
    conv.weight = k
    assert float(conv(nnlite.ones(1, 1, 3, 3)).sum()) == 0.0
