"""Cross-language parity: every module and optimizer that exists in both nnlite.nn /
nnlite.optim (Python) and nnlite::nn / nnlite::optim (C++, through the test
handles of nnlite._C._cpp) behaves the same.

For each module: the same repr (so the same option defaults), the same
initialisation from the same seed, and, loaded with the same random state,
bitwise the same outputs, input and parameter gradients and buffers (running
statistics) over two steps in train mode and two in eval mode. For each
optimizer: the same options and, from the same parameters and gradients,
bitwise the same parameters and state after several steps. A C++ module or
optimizer type without a case here fails the coverage tests.
"""
import pathlib
import re

import numpy as np
import pytest

import nnlite
from nnlite import nn, optim
from nnlite._C import _cpp

ROOT = pathlib.Path(__file__).resolve().parent.parent


def rand(*shape, low=-1.0, high=1.0, seed=0):
    r = np.random.default_rng(seed)
    return nnlite.from_numpy(r.uniform(low, high, shape).astype(np.float32))


def labels(n, classes, seed=0):
    return nnlite.from_numpy(np.random.default_rng(seed).integers(0, classes, n).astype(np.int64))


def simple(type_name, kwargs, *inputs):
    """A case built from the same kwargs in both languages."""
    return (lambda: getattr(nn, type_name)(**kwargs), lambda: _cpp.make_module(type_name, dict(kwargs)), inputs)


def nested(type_name, children, *inputs):
    """A container case: children are (type_name, kwargs) pairs."""
    def py():
        modules = [getattr(nn, t)(**k) for t, k in children]
        return nn.ModuleList(modules) if type_name == "ModuleList" else getattr(nn, type_name)(*modules)

    def cpp():
        return _cpp.make_module(type_name, {"modules": [_cpp.make_module(t, dict(k)) for t, k in children]})

    return (py, cpp, inputs)


X2 = rand(6, 5)
X3 = rand(4, 5, 7)
X4 = rand(2, 4, 9, 8)
PROB = rand(6, 5, low=0.05, high=0.95)
TARGET = rand(6, 5, low=0.0, high=1.0, seed=1)
WEIGHT5 = rand(5, low=0.5, high=2.0, seed=2)
IDX = nnlite.from_numpy(np.array([[0, 3, 3, 5], [6, 1, 0, 3]], dtype=np.int64))  # repeats and padding rows

# type name -> cases (py factory, cpp factory, inputs); inputs after the first are targets.
CASES = {
    "Identity": [simple("Identity", {}, X2)],
    "Embedding": [simple("Embedding", dict(num_embeddings=7, embedding_dim=3), IDX),
                  simple("Embedding", dict(num_embeddings=7, embedding_dim=3, padding_idx=-2,
                                           scale_grad_by_freq=True), IDX),
                  simple("Embedding", dict(num_embeddings=7, embedding_dim=3, max_norm=0.5, norm_type=1.0), IDX)],
    "RNNCell": [simple("RNNCell", dict(input_size=5, hidden_size=4), X2),
                simple("RNNCell", dict(input_size=5, hidden_size=3, bias=False, nonlinearity="relu"), X2)],
    "LSTMCell": [simple("LSTMCell", dict(input_size=5, hidden_size=4), X2),
                 simple("LSTMCell", dict(input_size=5, hidden_size=3, bias=False), X2)],
    "GRUCell": [simple("GRUCell", dict(input_size=5, hidden_size=4), X2),
                simple("GRUCell", dict(input_size=5, hidden_size=3, bias=False), X2)],
    "RNN": [simple("RNN", dict(input_size=7, hidden_size=4, num_layers=2, dropout=0.3), X3),
            simple("RNN", dict(input_size=7, hidden_size=3, nonlinearity="relu", bias=False, bidirectional=True,
                               batch_first=True), X3),
            simple("RNN", dict(input_size=5, hidden_size=3), X2)],  # unbatched
    "LSTM": [simple("LSTM", dict(input_size=7, hidden_size=4, num_layers=2, bidirectional=True, dropout=0.5), X3),
             simple("LSTM", dict(input_size=7, hidden_size=4, proj_size=2, batch_first=True), X3)],
    "GRU": [simple("GRU", dict(input_size=7, hidden_size=4, num_layers=3, dropout=0.2, bidirectional=True), X3),
            simple("GRU", dict(input_size=5, hidden_size=3, bias=False), X2)],
    "Linear": [simple("Linear", dict(in_features=5, out_features=3), X2),
               simple("Linear", dict(in_features=7, out_features=4, bias=False), X3)],
    "Conv2d": [simple("Conv2d", dict(in_channels=4, out_channels=6, kernel_size=3), X4),
               simple("Conv2d", dict(in_channels=4, out_channels=6, kernel_size=(2, 4), padding="same",
                                     dilation=(2, 1)), X4),
               simple("Conv2d", dict(in_channels=4, out_channels=4, kernel_size=3, stride=2, padding=(1, 2),
                                     groups=2, bias=False), X4),
               simple("Conv2d", dict(in_channels=4, out_channels=2, kernel_size=3, padding="valid"), X4),
               simple("Conv2d", dict(in_channels=4, out_channels=3, kernel_size=3, padding=1,
                                     padding_mode="reflect"), X4),
               simple("Conv2d", dict(in_channels=4, out_channels=3, kernel_size=4, padding="same",
                                     padding_mode="circular"), X4),
               simple("Conv2d", dict(in_channels=4, out_channels=3, kernel_size=3, padding=2,
                                     padding_mode="replicate"), X4)],
    "ConvTranspose2d": [simple("ConvTranspose2d", dict(in_channels=4, out_channels=3, kernel_size=3), X4),
                        simple("ConvTranspose2d", dict(in_channels=4, out_channels=6, kernel_size=(3, 2), stride=2,
                                                       padding=1, output_padding=1, groups=2, dilation=(1, 2)), X4)],
    "BatchNorm1d": [simple("BatchNorm1d", dict(num_features=5), X2),
                    simple("BatchNorm1d", dict(num_features=5, momentum=None), X3),
                    simple("BatchNorm1d", dict(num_features=5, affine=False, eps=1e-3), X2)],
    "BatchNorm2d": [simple("BatchNorm2d", dict(num_features=4), X4),
                    simple("BatchNorm2d", dict(num_features=4, momentum=None), X4),
                    simple("BatchNorm2d", dict(num_features=4, momentum=0.3, track_running_stats=False), X4)],
    "LayerNorm": [simple("LayerNorm", dict(normalized_shape=7), X3),
                  simple("LayerNorm", dict(normalized_shape=(5, 7), eps=1e-3, bias=False), X3),
                  simple("LayerNorm", dict(normalized_shape=[7], elementwise_affine=False), X3)],
    "GroupNorm": [simple("GroupNorm", dict(num_groups=2, num_channels=4), X4),
                  simple("GroupNorm", dict(num_groups=4, num_channels=4, affine=False, eps=1e-3), X4)],
    "MaxPool2d": [simple("MaxPool2d", dict(kernel_size=2), X4),
                  simple("MaxPool2d", dict(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=True), X4)],
    "AvgPool2d": [simple("AvgPool2d", dict(kernel_size=2), X4),
                  simple("AvgPool2d", dict(kernel_size=3, stride=(2, 1), padding=1, ceil_mode=True,
                                           count_include_pad=False), X4)],
    "AdaptiveAvgPool2d": [simple("AdaptiveAvgPool2d", dict(output_size=(3, 2)), X4),
                          simple("AdaptiveAvgPool2d", dict(output_size=1), X4)],
    "Dropout": [simple("Dropout", {}, X3), simple("Dropout", dict(p=0.2), X2)],
    "Dropout2d": [simple("Dropout2d", {}, X4), simple("Dropout2d", dict(p=0.3), X4)],
    "ReLU": [simple("ReLU", {}, X3)],
    "LeakyReLU": [simple("LeakyReLU", {}, X3), simple("LeakyReLU", dict(negative_slope=0.2), X3)],
    "GELU": [simple("GELU", {}, X3), simple("GELU", dict(approximate="tanh"), X3)],
    "ELU": [simple("ELU", {}, X3), simple("ELU", dict(alpha=0.5), X3)],
    "Softplus": [simple("Softplus", {}, X3), simple("Softplus", dict(beta=2.0, threshold=0.5), X3)],
    "Sigmoid": [simple("Sigmoid", {}, X3)],
    "Tanh": [simple("Tanh", {}, X3)],
    "Softmax": [simple("Softmax", dict(dim=1), X3), simple("Softmax", dict(dim=-1), X3)],
    "LogSoftmax": [simple("LogSoftmax", dict(dim=1), X3), simple("LogSoftmax", dict(dim=2), X3)],
    "Flatten": [simple("Flatten", {}, X4), simple("Flatten", dict(start_dim=0, end_dim=2), X4)],
    "MSELoss": [simple("MSELoss", {}, X2, TARGET), simple("MSELoss", dict(reduction="sum"), X2, TARGET)],
    "L1Loss": [simple("L1Loss", {}, X2, TARGET), simple("L1Loss", dict(reduction="none"), X2, TARGET)],
    "BCELoss": [simple("BCELoss", {}, PROB, TARGET),
                simple("BCELoss", dict(weight=WEIGHT5, reduction="sum"), PROB, TARGET)],
    "BCEWithLogitsLoss": [simple("BCEWithLogitsLoss", {}, X2, TARGET),
                          simple("BCEWithLogitsLoss", dict(pos_weight=WEIGHT5, weight=WEIGHT5), X2, TARGET)],
    "NLLLoss": [simple("NLLLoss", {}, X2, labels(6, 5)),
                simple("NLLLoss", dict(weight=WEIGHT5, ignore_index=2, reduction="sum"), X2, labels(6, 5))],
    "CrossEntropyLoss": [simple("CrossEntropyLoss", {}, X2, labels(6, 5)),
                         simple("CrossEntropyLoss", dict(weight=WEIGHT5, label_smoothing=0.1), X2, labels(6, 5)),
                         simple("CrossEntropyLoss", dict(reduction="none"), X2, TARGET)],
    "Sequential": [nested("Sequential", [("Conv2d", dict(in_channels=4, out_channels=3, kernel_size=3)),
                                         ("BatchNorm2d", dict(num_features=3)), ("ReLU", {}),
                                         ("Flatten", {}), ("Linear", dict(in_features=126, out_features=2))], X4)],
    "ModuleList": [nested("ModuleList", [("Linear", dict(in_features=5, out_features=3)),
                                         ("BatchNorm1d", dict(num_features=3))])],
}


def same(a, b, what):
    a, b = np.asarray(a.detach().numpy()), np.asarray(b.detach().numpy())
    assert a.shape == b.shape and a.dtype == b.dtype, f"{what}: {a.shape} {a.dtype} vs {b.shape} {b.dtype}"
    # Both languages run the same ops, so the results are bitwise equal.
    np.testing.assert_array_equal(a, b, err_msg=what)


def randomized_state(module, seed):
    """The module's state dict with every floating tensor replaced by random values
    (variances kept positive), so that equal results cannot come from equal defaults."""
    r = np.random.default_rng(seed)
    state = {}
    for name, t in module.state_dict().items():
        a = t.detach().numpy()
        if a.dtype.kind == "f":
            low = 0.5 if name.endswith("running_var") else -1.0
            a = r.uniform(low, 1.5, a.shape).astype(a.dtype)
        else:
            a = a.copy() + 3  # num_batches_tracked: a count that is not the default
        state[name] = nnlite.from_numpy(np.array(a, order="C"))  # keeps 0-d shapes
    return state


def flat_cat(out):
    """Nested tuples of tensors -> one 1-d tensor."""
    parts = []
    for o in out:
        parts += [flat_cat(o)] if isinstance(o, tuple) else [o.reshape(-1)]
    return nnlite.cat(parts, 0)


def check_module(py_factory, cpp_factory, inputs, where):
    nnlite.manual_seed(1234)
    py = py_factory()
    nnlite.manual_seed(1234)
    cpp = cpp_factory()
    assert repr(py) == repr(cpp), f"{where}: options differ:\n{py!r}\n{cpp!r}"
    py_state, cpp_state = py.state_dict(), cpp.state_dict()
    assert sorted(py_state) == sorted(cpp_state), f"{where}: state dict keys differ"
    for name in py_state:  # the same initialisation from the same seed
        same(py_state[name], cpp_state[name], f"{where}: initial {name}")
    if not inputs:
        return
    state = randomized_state(py, 99)
    py.load_state_dict({k: v.clone() for k, v in state.items()})
    cpp.load_state_dict({k: v.clone() for k, v in state.items()})
    x, targets = inputs[0], inputs[1:]
    for training in (True, True, False, False):
        py.train(training)
        cpp.train(training)
        floating = x.is_floating_point()  # indices (Embedding) have no gradient
        xp, xc = (x.clone().requires_grad_(), x.clone().requires_grad_()) if floating else (x.clone(), x.clone())
        nnlite.manual_seed(7)
        yp = py(xp, *targets)
        nnlite.manual_seed(7)
        yc = cpp.forward(xc, *targets)
        if isinstance(yp, tuple):  # (h, c), (y, h), (y, (h, c)): compared, and differentiated, as one tensor
            yp, yc = flat_cat(yp), flat_cat(yc)
        mode = "train" if training else "eval"
        same(yp, yc, f"{where} ({mode}): output")
        g = rand(*yp.shape, seed=5) if yp.dim() else nnlite.tensor(1.0)
        (yp * g).sum().backward()
        (yc * g).sum().backward()
        if floating:
            same(xp.grad, xc.grad, f"{where} ({mode}): input gradient")
        cpp_params = dict(cpp.named_parameters())
        for name, p in py.named_parameters():
            assert (p.grad is None) == (cpp_params[name].grad is None), f"{where}: gradient of {name}"
            if p.grad is not None:
                same(p.grad, cpp_params[name].grad, f"{where} ({mode}): gradient of {name}")
                p.grad = None
                cpp_params[name].grad = None
        cpp_buffers = dict(cpp.named_buffers())
        for name, b in py.named_buffers():
            same(b, cpp_buffers[name], f"{where} ({mode}): buffer {name}")


@pytest.mark.parametrize("type_name,index", [(t, i) for t, cases in CASES.items() for i in range(len(cases))])
def test_module_parity(type_name, index):
    py_factory, cpp_factory, inputs = CASES[type_name][index]
    check_module(py_factory, cpp_factory, inputs, f"{type_name}[{index}]")


def test_conv_transpose2d_output_size_parity():
    kwargs = dict(in_channels=4, out_channels=3, kernel_size=3, stride=(2, 3), padding=1)
    nnlite.manual_seed(3)
    py = nn.ConvTranspose2d(**kwargs)
    cpp = _cpp.make_module("ConvTranspose2d", kwargs)
    cpp.load_state_dict(py.state_dict())
    for size in [(17, 22), (18, 24), [2, 3, 18, 23]]:
        same(py(X4, output_size=size), cpp.forward_output_size(X4, list(size)), f"output_size={size}")
    for size in [(20, 22), (17,)]:
        with pytest.raises(ValueError) as py_error:
            py(X4, output_size=size)
        with pytest.raises(ValueError) as cpp_error:
            cpp.forward_output_size(X4, list(size))
        assert str(py_error.value) == str(cpp_error.value)


def cpp_classes(pattern):
    text = "\n".join(p.read_text() for p in sorted((ROOT / "cpp" / "include" / "nnlite").rglob("*.h")))
    return set(re.findall(pattern, text))


def test_every_cpp_module_has_a_parity_case():
    # Every concrete module class in the C++ headers, whatever it derives from.
    declared = cpp_classes(r"class (\w+) : public (?:Module|Loss|BatchNorm|Dropout|ModuleHolder|RNNCellBase|RNNBase)\b")
    abstract = {"Loss", "BatchNorm", "ModuleHolder", "RNNCellBase", "RNNBase"}
    built = set(_cpp.module_types())
    assert declared - abstract <= built, f"C++ modules that _C._cpp.make_module cannot build: {declared - built}"
    assert built <= set(CASES), f"C++ modules without a parity case: {sorted(built - set(CASES))}"
    for name in built:
        assert hasattr(nn, name), f"{name} exists in C++ but not in nnlite.nn"


# ---- optimizers --------------------------------------------------------------------

OPTIMIZER_CASES = {
    "SGD": [{}, dict(lr=0.1), dict(lr=0.1, momentum=0.9, dampening=0.2, weight_decay=0.01),
            dict(lr=0.05, momentum=0.8, nesterov=True, maximize=True)],
    "Adam": [{}, dict(lr=0.01), dict(lr=0.02, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.1, amsgrad=True),
             dict(lr=0.01, maximize=True, decoupled_weight_decay=True, weight_decay=0.05)],
    "AdamW": [{}, dict(lr=0.01, amsgrad=True), dict(lr=0.02, weight_decay=0.0, maximize=True)],
    "Adagrad": [{}, dict(lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.2, eps=1e-8,
                         maximize=True)],
    "RMSprop": [{}, dict(lr=0.01, alpha=0.9, momentum=0.8, centered=True, weight_decay=0.05, maximize=True)],
    "Adadelta": [{}, dict(lr=0.5, rho=0.8, eps=1e-5, weight_decay=0.1, maximize=True)],
    "NAdam": [{}, dict(lr=0.01, betas=(0.8, 0.9), weight_decay=0.1, momentum_decay=0.01, decoupled_weight_decay=True,
                       maximize=True)],
    "RAdam": [{}, dict(lr=0.01, betas=(0.8, 0.9), weight_decay=0.1, decoupled_weight_decay=True, maximize=True)],
    "LARS": [{}, dict(lr=0.5, momentum=0.9, dampening=0.1, weight_decay=1e-3, trust_coefficient=0.01, eps=1e-6,
                      trust_clip=True, maximize=True), dict(lr=0.1, momentum=0.9, nesterov=True, always_adapt=True)],
    "LAMB": [{}, dict(lr=0.01, betas=(0.8, 0.9), eps=1e-5, weight_decay=0.0, bias_correction=False, always_adapt=True,
                      trust_clip=True, maximize=True)],
}
# torch's implementation switches, accepted and ignored by nnlite.optim; the C++ options have no such fields.
PYTHON_ONLY_OPTIONS = {"foreach", "fused", "capturable", "differentiable"}


def make_params(seed):
    r = np.random.default_rng(seed)
    arrays = [r.standard_normal(s).astype(np.float32) for s in [(4, 3), (3,), (2, 2, 2)]]
    return ([nn.Parameter(nnlite.from_numpy(a.copy())) for a in arrays],
            [nn.Parameter(nnlite.from_numpy(a.copy())) for a in arrays])


def check_optimizer(type_name, kwargs, cpp_kwargs=None):
    ours, theirs = make_params(3)
    py = getattr(optim, type_name)(ours, **kwargs)
    cpp = _cpp.make_optimizer(type_name, theirs, dict(kwargs if cpp_kwargs is None else cpp_kwargs))
    py_options = {k: v for k, v in py.param_groups[0].items() if k != "params" and k not in PYTHON_ONLY_OPTIONS}
    assert py_options == cpp.options(), f"{type_name}({kwargs}): options differ"
    for step in range(5):
        r = np.random.default_rng(50 + step)
        for i, (p, q) in enumerate(zip(ours, theirs)):
            g = r.standard_normal(tuple(p.shape)).astype(np.float32)
            late = i == 2 and step < 2  # its first gradient comes late: its own step count
            p.grad = None if late else nnlite.from_numpy(g.copy())
            q.grad = None if late else nnlite.from_numpy(g.copy())
        py.step()
        cpp.step()
        for i, (p, q) in enumerate(zip(ours, theirs)):
            where = f"{type_name}({kwargs}) step {step}, parameter {i}"
            same(p, q, where)
            py_state, cpp_state = (dict(py.state[p]) if p in py.state else {}), cpp.state(q)
            assert sorted(py_state) == sorted(cpp_state), f"{where}: state keys {py_state.keys()} vs {cpp_state.keys()}"
            for key, value in py_state.items():
                if isinstance(value, nnlite.Tensor):
                    same(value, cpp_state[key], f"{where}: {key}")
                else:
                    assert value == cpp_state[key], f"{where}: {key}"
    py.zero_grad()
    cpp.zero_grad()
    assert all(p.grad is None for p in ours) and all(q.grad is None for q in theirs)


@pytest.mark.parametrize("type_name,index", [(t, i) for t, cases in OPTIMIZER_CASES.items()
                                             for i in range(len(cases))])
def test_optimizer_parity(type_name, index):
    check_optimizer(type_name, OPTIMIZER_CASES[type_name][index])


def test_every_cpp_optimizer_has_a_parity_case():
    declared = cpp_classes(r"class (\w+) : public (?:OptimizerWith<\w+>|RuleOptimizer<\w+>|(?:Adam|SGD)\b)") - {"RuleOptimizer"}  # the holder, not an optimizer
    built = set(_cpp.optimizer_types())
    assert declared <= built, f"C++ optimizers that _C._cpp.make_optimizer cannot build: {declared - built}"
    assert built <= set(OPTIMIZER_CASES), f"C++ optimizers without a parity case: {built - set(OPTIMIZER_CASES)}"


# ---- the checks can fail -------------------------------------------------------------


def test_a_different_default_or_behaviour_is_caught():
    # A default changed on one side (here given to one side only) shows in the repr ...
    case = (lambda: nn.BatchNorm2d(4), lambda: _cpp.make_module("BatchNorm2d", {"num_features": 4, "eps": 1e-3}), (X4,))
    with pytest.raises(AssertionError, match="options differ"):
        check_module(*case, "BatchNorm2d")
    # ... and one the repr does not show (momentum=None against 0.1 after a batch) in the buffers.
    py_bn = nn.BatchNorm1d(5, momentum=None)
    py_bn.__class__ = type("Masked", (nn.BatchNorm1d,), {"extra_repr": lambda self: nn.BatchNorm1d(5).extra_repr(),
                                                          "_get_name": lambda self: "BatchNorm1d"})
    with pytest.raises(AssertionError, match="running_mean|running_var"):
        check_module(lambda: py_bn, lambda: _cpp.make_module("BatchNorm1d", {"num_features": 5}), (X2,), "bn")
    with pytest.raises(AssertionError, match="options differ"):
        check_optimizer("SGD", dict(lr=0.1, momentum=0.9), dict(lr=0.1, momentum=0.9, dampening=0.1))
    with pytest.raises(ValueError, match="has no option 'bogus'"):
        _cpp.make_module("Linear", {"in_features": 2, "out_features": 2, "bogus": 1})
