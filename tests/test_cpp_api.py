"""The C++ API (tensor accessors and TensorOptions, creation ops, nn modules,
optimizers, errors, gzip IDX reading) against the Python API:
tests/cpp/api_check.cpp runs a scenario with the C++ API and prints JSON
lines; the same scenario runs here with nnlite, nnlite.nn and
nnlite.optim from the same seed, and names, values, reprs and error messages
must agree. Also compiles the public headers with -Werror in C++17 and C++20.

The program is built against the headers and libnnlite that
``python -m nnlite --include-dir/--lib-dir`` report: the installed package,
or the source checkout and its dev build.
"""
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnlite
from nnlite import nn, optim

HERE = Path(__file__).resolve().parent
MNIST_DIR = Path(nnlite.__file__).resolve().parent / "data" / "mnist-5k"


def _compiler():
    for name in ("c++", "g++", "clang++"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no C++ compiler (c++, g++ or clang++) on PATH")


def _nnlite_path(option):
    r = subprocess.run([sys.executable, "-m", "nnlite", option], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"python -m nnlite {option} found nothing: {r.stderr.strip()}")
    return r.stdout.strip()


@pytest.fixture(scope="module")
def toolchain():
    return _compiler(), _nnlite_path("--include-dir"), _nnlite_path("--lib-dir")


@pytest.fixture(scope="module")
def api_check(toolchain, tmp_path_factory):
    cxx, include, lib = toolchain
    exe = tmp_path_factory.mktemp("cpp_api") / "api_check"
    cmd = [cxx, "-std=c++17", "-O1", "-Wall", "-Wextra", "-I", include, str(HERE / "cpp" / "api_check.cpp"),
           "-o", str(exe), "-L", lib, "-lnnlite", f"-Wl,-rpath,{lib}"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, f"compiling api_check failed:\n{r.stderr}"
    return exe


def run_scenario(exe, scenario, *args):
    r = subprocess.run([str(exe), scenario, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"api_check {scenario} failed:\n{r.stderr}"
    out = {}
    for line in r.stdout.splitlines():
        entry = json.loads(line)
        out[entry.pop("key")] = entry
    return out


def cpp_tensor(out, key):
    entry = out[key]
    return np.array(entry["values"], dtype=np.float64).reshape(entry["shape"])


def assert_same(out, key, tensor):
    expected = tensor.detach().to(nnlite.float64).numpy()
    got = cpp_tensor(out, key)
    assert got.shape == expected.shape, key
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6, err_msg=key)


def assert_params(out, prefix, module):
    names = [name for name, _ in module.named_parameters()]
    assert out[prefix + "names"]["text"].split() == names
    for name, p in module.named_parameters():
        assert_same(out, prefix + name, p)


# ---- headers ---------------------------------------------------------------------


@pytest.mark.parametrize("std", ["c++17", "c++20"])
def test_headers_compile_cleanly(toolchain, std):
    cxx, include, _ = toolchain
    cmd = [cxx, f"-std={std}", "-Wall", "-Wextra", "-pedantic", "-Werror", "-fsyntax-only", "-I", include,
           str(HERE / "cpp" / "headers_check.cpp")]
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, f"<nnlite/nnlite.h> does not compile cleanly as {std}:\n{r.stderr}"


# ---- tensors: accessors, TensorOptions, creation ------------------------------------


def kind(t):
    """What api_check's emit_kind prints: dtype, device, and requires_grad when set."""
    text = f"{str(t.dtype).removeprefix('nnlite.')} {t.device}"
    return text + " requires_grad" if t.requires_grad else text


def test_tensor_accessors(api_check):
    out = run_scenario(api_check, "tensor_api")
    text = {k: v.get("text") for k, v in out.items()}
    big = 2**53 + 1
    assert text["item_int64"] == str(big)  # exact: a double would give 2**53
    assert text["item_int64_tensor"] == str(-big)
    assert nnlite.tensor([big, -big])[1].item() == -big  # the same through Python
    assert text["item_uint8"] == "200"
    assert text["item_bool"] == "true"
    assert float(text["item_float"]) == 2.5
    assert float(text["item_double_of_int"]) == 7.0
    assert out["item_int32_overflow"]["kind"] == "Value"
    assert "1099511627776 does not fit" in out["item_int32_overflow"]["error"]
    assert "nan does not fit" in out["item_nan_to_int"]["error"]
    assert out["item_many"]["kind"] == "Value"
    x = nnlite.arange(6, dtype=nnlite.float32).reshape(2, 3)
    x[1, 1] = 40
    assert_same(out, "data_ptr_write", x)
    assert_same(out, "index_operator", x[1])
    assert float(text["data_ptr_const"]) == 40
    mismatch = out["data_ptr_mismatch"]
    assert mismatch["kind"] == "Type"
    assert mismatch["error"] == ("data_ptr<T>: T holds int64 but the tensor's dtype is float32; "
                                 "use data_ptr<float>() or convert with .to(kInt64)")
    assert out["data_ptr_undefined"]["kind"] == "Runtime"
    xt = x.t()
    assert text["sizes"].split() == [str(d) for d in xt.shape]
    assert text["strides"].split() == [str(d) for d in xt.stride()]
    assert text["stride_last"] == str(xt.stride(-1))
    assert text["dim_numel_size"] == f"{xt.dim()} {xt.numel()} {xt.size(-1)}"
    assert out["stride_range"]["kind"] == "Index"
    assert text["scalar_type"] == "float32"
    assert text["options"] == "TensorOptions(dtype=float64, device=cpu, requires_grad=true)"
    assert text["options_default"] == "TensorOptions(dtype=(default), device=(default), requires_grad=false)"
    assert text["options_shorthand_equal"] == "true"
    assert text["options_getters"] == "float64 cpu true"
    assert text["options_tensor"] == "float64 cpu requires_grad"
    assert text["tensor_options"] == "TensorOptions(dtype=float64, device=cpu, requires_grad=false)"
    assert text["options_round_trip"] == "float64 cpu"
    assert text["options_round_trip_equal"] == "true"
    assert text["options_implicit_dtype"] == "int64 cpu"
    assert text["options_implicit_device"] == "float32 cpu"


def _python_creation():
    """The creation scenario of api_check.cpp, in Python: key -> tensor."""
    n = nnlite
    base = n.arange(6, dtype=n.int32).reshape(2, 3)
    t = {
        "zeros": n.zeros(2, 3, dtype=n.int64),
        "ones": n.ones(2, dtype=n.int32),
        "empty": n.empty(3, dtype=n.uint8),
        "full_int": n.full((2, 2), 7),
        "full_float": n.full((2,), 1.5),
        "full_bool": n.full((2,), True),
        "full_dtype": n.full((3,), 2, dtype=n.float64),
        "arange_end": n.arange(5),
        "arange_float": n.arange(0, 1, 0.25),
        "arange_dtype": n.arange(2, 8, 2, dtype=n.float64),
        "linspace": n.linspace(0, 1, 5, dtype=n.float64),
        "eye": n.eye(2, 3, dtype=n.int64),
        "eye_square": n.eye(3),
        "zeros_like": n.zeros_like(base),
        "ones_like": n.ones_like(base, dtype=n.float64),
        "full_like": n.full_like(base, 3),
        "empty_like": n.empty_like(base, dtype=n.float32, requires_grad=True),
        "tensor_int": n.tensor([1, 2, 3]),
        "tensor_float": n.tensor([0.5, 1.5]),
        "tensor_bool": n.tensor([True, False]),
        "tensor_dtype": n.tensor([1, 2], dtype=n.float64, requires_grad=True),
    }
    n.manual_seed(11)
    t["rand"] = n.rand(2, 3)
    t["randn"] = n.randn(4, dtype=n.float64)
    t["randint"] = n.randint(3, 9, (5,))
    t["randint.int32"] = n.randint(10, (2,), dtype=n.int32)
    t["randperm"] = n.randperm(6)
    t["randperm.float"] = n.randperm(4, dtype=n.float32)
    t["rand_like"] = n.rand_like(n.zeros(3, dtype=n.float64))
    t["randn_like"] = n.randn_like(n.zeros(2))
    g = n.Generator().manual_seed(5)
    t["randn_generator"] = n.randn(3, generator=g, dtype=n.float64)
    t["randint_generator"] = n.randint(0, 100, (3,), generator=g)
    t["randperm_generator"] = n.randperm(5, generator=g)
    t["bernoulli"] = n.bernoulli(n.full((6,), 0.5), generator=g)
    t["normal_tensors"] = n.normal(n.zeros(2, 1), n.ones(3), generator=g)
    t["poisson"] = n.poisson(n.full((4,), 20.0), generator=g)
    t["randint_like"] = n.randint_like(n.zeros(3), 2, 7, generator=g)
    t["exponential_"] = n.zeros(3).exponential_(2.0, generator=g)
    t["bernoulli_"] = n.zeros(4).bernoulli_(0.3, generator=g)
    return t


def test_creation_with_options_matches_python(api_check):
    out = run_scenario(api_check, "creation")
    py = _python_creation()
    for key in ("zeros", "ones", "full_int", "full_dtype", "arange_end", "arange_float", "arange_dtype", "linspace",
                "eye", "eye_square", "full_like", "tensor_int", "tensor_float", "rand", "randn", "randint",
                "randperm", "rand_like", "randn_like", "randn_generator", "randint_generator", "randperm_generator",
                "bernoulli", "normal_tensors", "poisson", "randint_like", "exponential_", "bernoulli_"):
        assert_same(out, key, py[key])
    for key in ("zeros", "ones", "empty", "full_int", "full_float", "full_bool", "full_dtype", "arange_end",
                "arange_float", "arange_dtype", "linspace", "eye", "zeros_like", "ones_like", "full_like",
                "empty_like", "tensor_int", "tensor_float", "tensor_bool", "tensor_dtype"):
        assert out[key + ".kind"]["text"] == kind(py[key]), key
    assert out["randint.kind"]["text"] == kind(py["randint.int32"])
    assert out["randperm.kind"]["text"] == kind(py["randperm.float"])

    # requires_grad through the options: a leaf whose gradient backward fills
    nnlite.manual_seed(12)
    w = nnlite.randn(3, requires_grad=True)
    assert out["requires_grad.kind"]["text"] == kind(w) == "float32 cpu requires_grad"
    assert out["requires_grad.is_leaf"]["text"] == "true"
    (w * w).sum().backward()
    assert_same(out, "requires_grad.w", w)
    assert_same(out, "requires_grad.grad", w.grad)
    for key, op in (("requires_grad_int", "zeros"), ("requires_grad_randint", "randint")):
        assert out[key]["kind"] == "Type"
        assert out[key]["error"] == (f"{op}: only floating-point tensors can require gradients, "
                                     "but the requested dtype is int64")
    assert out["rand_int_dtype"]["error"] == "rand: dtype must be floating-point, got int64"
    if not nnlite.cuda.is_available():
        for key in ("cuda_zeros", "cuda_randn", "cuda_randperm"):
            assert out[key]["kind"] in ("Runtime", "NotImplemented"), key
            assert "CUDA" in out[key]["error"], key
    assert out["cpu_explicit"]["text"] == "int64 cpu"
    assert out["legacy_zeros"]["text"] == "int32 cpu"
    assert out["legacy_arange"]["text"] == "float64 cpu"
    assert out["legacy_eye"]["text"] == "float64 cpu"
    assert out["legacy_rand"]["text"] == "float64 cpu"


# ---- modules ---------------------------------------------------------------------


def test_mlp_matches_python(api_check):
    out = run_scenario(api_check, "mlp")
    nnlite.manual_seed(1)
    model = nn.Sequential(nn.Flatten(), nn.Linear(12, 8), nn.ReLU(), nn.Dropout(0.25), nn.Linear(8, 4), nn.Tanh())
    x = nnlite.randn(5, 3, 4)
    assert_params(out, "param.", model)  # same names and PyTorch's initialisation from the same generator
    assert out["repr"]["text"] == repr(model)
    model.eval()
    assert_same(out, "eval_out", model(x))
    assert out["training_after_eval"]["text"] == "False"
    model.train()
    y = model(x)
    assert_same(out, "train_out", y)  # the same dropout draws
    loss = nn.CrossEntropyLoss(label_smoothing=0.1)(y, nnlite.tensor([0, 1, 2, 3, 0]))
    assert_same(out, "loss", loss)
    loss.backward()
    for name, p in model.named_parameters():
        assert_same(out, "grad." + name, p.grad)
    assert out["grad_after_zero_grad"]["text"] == "None"


def test_cnn_matches_python(api_check):
    out = run_scenario(api_check, "cnn")
    nnlite.manual_seed(2)
    model = nn.Sequential(nn.Conv2d(3, 4, 3, 1, 1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(4, 6, 3, 1, "same", 1, 2, False, "reflect"), nn.AvgPool2d(2, 1),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(6, 3))
    x = nnlite.randn(2, 3, 8, 8)
    assert out["repr"]["text"] == repr(model)
    model(x)
    y = model(x * 0.5)
    assert_same(out, "train_out", y)
    nn.MSELoss()(y, nnlite.zeros(2, 3)).backward()
    for name, p in model.named_parameters():
        assert_same(out, "grad." + name, p.grad)
    state = model.state_dict()
    assert out["state_keys"]["text"].split() == sorted(state)  # running stats and num_batches_tracked included
    for key, value in state.items():
        assert_same(out, "state." + key, value)
    model.eval()
    assert_same(out, "eval_out", model(x))


class Net(nn.Module):
    """The user-defined module of api_check.cpp, in Python."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.bn = nn.BatchNorm1d(4, momentum=None)
        self.fc2 = nn.Linear(4, 2)
        self.register_buffer("scale", nnlite.full((2,), 2.0))
        self.register_buffer("cache", nnlite.zeros(2), persistent=False)

    def forward(self, x):
        return self.fc2(nnlite.relu(self.bn(self.fc1(x)))) * self.scale


def test_custom_module_matches_python(api_check):
    out = run_scenario(api_check, "custom")
    nnlite.manual_seed(7)
    net = Net()
    x = nnlite.randn(5, 3)
    assert out["parameters"]["text"].split() == [n for n, _ in net.named_parameters()]
    assert out["buffers"]["text"].split() == [n for n, _ in net.named_buffers()]
    assert out["state_keys"]["text"].split() == sorted(net.state_dict())  # no non-persistent "cache"
    assert out["repr"]["text"] == repr(net)
    net(x * 2)
    assert_same(out, "train_out", net(x))
    net.eval()
    assert_same(out, "eval_out", net(x))
    assert_same(out, "running_var", net.bn.running_var)
    assert out["submodule"]["text"] == "Linear"
    assert out["submodule_missing"]["error"] == "Net has no submodule 'fc3' (looking up 'fc3')"
    assert out["submodule_missing"]["kind"] == "Index"
    assert out["loss_one_argument"]["error"] == "MSELoss: forward takes (input, target); call it with a target"
    assert out["sequential_at"]["kind"] == "Type"
    for key in ("to_float64.member", "to_float64.held", "to_float64.buffer"):
        assert out[key]["text"].startswith("float64 cpu"), key
    net.to(nnlite.float64)
    assert_same(out, "to_float64.out", net(x.double()))
    assert out["module_to_int"]["error"] == "Module.to: expected a floating-point dtype, got int64"
    if not nnlite.cuda.is_available():
        assert out["module_to_cuda"]["kind"] == "Runtime" and "CUDA" in out["module_to_cuda"]["error"]


def test_state_dict_round_trip(api_check):
    out = run_scenario(api_check, "state_dict")
    assert out["strict_missing"]["text"] == "0"
    assert cpp_tensor(out, "diff") == 0  # the loaded model computes exactly what the original does
    assert out["missing"]["text"] == "3.bias"
    assert out["unexpected"]["text"] == "extra"
    shared = nn.Linear(2, 2)
    tied = nn.Sequential(shared, nn.ReLU(), shared)
    assert out["tied_keys"]["text"].split() == sorted(tied.state_dict())
    assert out["tied_parameters"]["text"] == str(len(list(tied.parameters())))
    assert out["tied_load"]["text"] == "ok"


# ---- optimizers --------------------------------------------------------------------


def test_sgd_matches_python(api_check):
    out = run_scenario(api_check, "sgd")
    nnlite.manual_seed(3)
    model = nn.Linear(4, 3)
    x, y = nnlite.randn(6, 4), nnlite.randn(6, 3)
    opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)
    for _ in range(3):
        opt.zero_grad()
        nn.MSELoss()(model(x), y).backward()
        opt.step()
    assert_params(out, "sgd.", model)
    assert_same(out, "sgd.buffer", opt.state[model.weight]["momentum_buffer"])
    assert float(out["sgd.lr"]["text"]) == 0.5


def test_adam_and_adamw_match_python(api_check):
    out = run_scenario(api_check, "adam")
    nnlite.manual_seed(6)
    m1, m2 = nn.Linear(4, 3), nn.Linear(4, 3)
    x, y = nnlite.randn(6, 4), nnlite.randn(6, 3)
    adam = optim.Adam(m1.parameters(), lr=0.01, betas=(0.8, 0.99), eps=1e-8, weight_decay=0.01, amsgrad=True)
    adamw = optim.AdamW(m2.parameters(), lr=0.01)
    for _ in range(3):
        adam.zero_grad()
        adamw.zero_grad()
        nn.MSELoss()(m1(x), y).backward()
        nn.MSELoss()(m2(x), y).backward()
        adam.step()
        adamw.step()
    assert_params(out, "adam.", m1)
    assert_params(out, "adamw.", m2)
    assert out["adam.step"]["text"] == "3"


# ---- errors: the same messages as Python ---------------------------------------------


def _load_state_dict_error():
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    state = m.state_dict()
    del state["2.bias"]
    state["0.weight"] = nnlite.zeros(3, 3)
    state["extra"] = nnlite.zeros(1)
    m.load_state_dict(state)


def _python_errors():
    w = nnlite.randn(2, 2).requires_grad_()
    return {
        "linear_negative": (ValueError, lambda: nn.Linear(-1, 2)),
        "linear_shapes": (ValueError, lambda: nn.Linear(4, 3)(nnlite.randn(2, 5))),
        "dropout_p": (ValueError, lambda: nn.Dropout(1.5)),
        "conv_groups": (ValueError, lambda: nn.Conv2d(3, 4, 3, 1, 0, 1, 2)),
        "conv_same_stride": (ValueError, lambda: nn.Conv2d(3, 4, 3, 2, "same")),
        "conv_padding_string": (ValueError, lambda: nn.Conv2d(3, 4, 3, 1, "full")),
        "conv_padding_mode": (ValueError, lambda: nn.Conv2d(3, 4, 3, padding_mode="mirror")),
        "conv_kernel": (ValueError, lambda: nn.Conv2d(3, 4, 0)),
        "batchnorm_input": (ValueError, lambda: nn.BatchNorm2d(3)(nnlite.randn(2, 3))),
        "gelu": (ValueError, lambda: nn.GELU("fast")),
        "label_smoothing": (ValueError, lambda: nn.CrossEntropyLoss(label_smoothing=1.5)),
        "no_forward": (NotImplementedError, lambda: nn.Module()(nnlite.randn(2))),
        "sequential_index": (IndexError, lambda: nn.Sequential(nn.ReLU())[3]),
        "sgd_lr": (ValueError, lambda: optim.SGD([w], lr=-0.1)),
        "sgd_nesterov": (ValueError, lambda: optim.SGD([w], lr=0.1, nesterov=True)),
        "sgd_empty": (ValueError, lambda: optim.SGD([], lr=0.1)),
        "sgd_duplicate": (ValueError, lambda: optim.SGD([w, w], lr=0.1)),
        "sgd_non_leaf": (ValueError, lambda: optim.SGD([w * 2], lr=0.1)),
        "adam_beta": (ValueError, lambda: optim.Adam([w], lr=1e-3, betas=(0.9, 1.0))),
        "adamw_eps": (ValueError, lambda: optim.AdamW([w], lr=1e-3, eps=-1e-8)),
        "load_state_dict": (ValueError, _load_state_dict_error),
    }


KIND_OF = {ValueError: "Value", TypeError: "Type", IndexError: "Index", NotImplementedError: "NotImplemented"}


def test_errors_carry_python_messages(api_check):
    out = run_scenario(api_check, "errors")
    for key, (exc_type, fn) in _python_errors().items():
        assert key in out, f"{key}: the C++ scenario printed nothing"
        assert "error" in out[key], f"{key}: C++ raised no error ({out[key]})"
        with pytest.raises(exc_type) as info:
            fn()
        assert out[key]["error"] == str(info.value), key
        assert out[key]["kind"] == KIND_OF[exc_type], key


# ---- io::read_idx: raw and gzipped ---------------------------------------------------


def test_read_idx_raw_gzip_and_malformed(api_check, tmp_path):
    labels_gz = MNIST_DIR / "t10k-labels-idx1-ubyte.gz"
    raw = gzip.decompress(labels_gz.read_bytes())
    comp = labels_gz.read_bytes()
    files = {
        "gz": labels_gz,
        "raw": raw,
        "two_members": gzip.compress(raw[:300]) + gzip.compress(raw[300:]),
        "truncated": comp[: len(comp) // 2],
        "corrupt": comp[:20] + bytes(b ^ 0x5A for b in comp[20:60]) + comp[60:],
        "trailing": comp + b"junk",
    }
    paths = {}
    for name, content in files.items():
        if isinstance(content, Path):
            paths[name] = content
        else:
            paths[name] = tmp_path / f"{name}.idx"
            paths[name].write_bytes(content)
    paths["missing"] = tmp_path / "missing.gz"
    out = run_scenario(api_check, "idx", *paths.values())

    expected = nnlite.data.datasets.MNIST(train=False).targets.numpy()
    for name in ("gz", "raw", "two_members"):
        np.testing.assert_array_equal(cpp_tensor(out, f"idx:{paths[name]}"), expected, err_msg=name)
    errors = {name: out[f"error:{paths[name]}"] for name in ("truncated", "corrupt", "trailing", "missing")}
    assert "truncated" in errors["truncated"]["error"] and errors["truncated"]["kind"] == "Value"
    assert "corrupt gzip data" in errors["corrupt"]["error"] and errors["corrupt"]["kind"] == "Value"
    assert "4 trailing bytes" in errors["trailing"]["error"]
    assert errors["missing"]["kind"] == "FileNotFound"
    for entry in errors.values():
        assert "read_idx" in entry["error"]
