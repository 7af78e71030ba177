"""Bad input raises a clear Python exception whose message names the op and
the shapes (or values) involved; it never crashes. Shape and value problems
are ValueError, wrong types TypeError, out-of-range indices and dims
IndexError, as the project's rules say."""
import re

import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F


def S(*dims):
    """A regex for a shape written as [2, 3] or (2, 3) (or (4,) for one dim)."""
    body = ", ".join(str(d) for d in dims)
    return r"[\[(]" + re.escape(body) + r",?[\])]"


def has(*parts):
    """A regex matching a message that contains every part, in any order."""
    return "(?s)" + "".join(f"(?=.*(?:{p}))" for p in parts)


def ones(*shape, dtype=None):
    return nnlite.ones(*shape, dtype=dtype or nnlite.float32)


# ---- shape mismatches -------------------------------------------------------

@pytest.mark.parametrize("name,fn", [
    ("add", lambda a, b: a + b), ("sub", lambda a, b: a - b), ("mul", lambda a, b: a * b),
    ("div", lambda a, b: a / b), ("pow", lambda a, b: a ** b), ("add", nnlite.add), ("maximum", nnlite.maximum),
    ("minimum", nnlite.minimum), ("eq", lambda a, b: a == b), ("lt", nnlite.lt),
])
def test_binary_shape_mismatch(name, fn):
    with pytest.raises(ValueError, match=has(name, S(2, 3), S(4))):
        fn(ones(2, 3), ones(4))
    with pytest.raises(ValueError, match=has(name, S(2, 3), S(3, 2))):
        fn(ones(2, 3), ones(3, 2))


def test_where_shape_mismatch():
    cond = nnlite.ones(2, 3, dtype=nnlite.bool)
    with pytest.raises(ValueError, match=has("where", S(2, 3), S(4))):
        nnlite.where(cond, ones(2, 3), ones(4))


@pytest.mark.parametrize("sa,sb", [((2, 3), (4, 5)), ((3,), (4,)), ((2, 3), (2,)), ((5,), (4, 2)),
                                   ((2, 3, 4), (3, 4, 5))])
def test_matmul_shape_mismatch(sa, sb):
    with pytest.raises(ValueError, match=has("matmul", S(*sa), S(*sb))):
        nnlite.matmul(ones(*sa), ones(*sb))
    with pytest.raises(ValueError, match=has("matmul", S(*sa), S(*sb))):
        ones(*sa) @ ones(*sb)


def test_matmul_of_0d_raises():
    with pytest.raises(ValueError, match="matmul"):
        nnlite.matmul(nnlite.tensor(2.0), ones(2))


def test_linear_shape_mismatch():
    with pytest.raises(ValueError, match=has("linear", S(2, 3), S(4, 5))):
        F.linear(ones(2, 3), ones(4, 5))
    with pytest.raises(ValueError, match=has("linear", "bias|" + S(3))):
        F.linear(ones(2, 5), ones(4, 5), ones(3))


def test_cat_stack_mismatch():
    with pytest.raises(ValueError, match=has("cat", S(2, 3), S(2, 4))):
        nnlite.cat([ones(2, 3), ones(2, 4)], 0)
    with pytest.raises(ValueError, match=has("cat", "dim")):
        nnlite.cat([ones(2, 3), ones(2)], 0)
    with pytest.raises(ValueError, match=has("stack", S(2, 3), S(3, 2))):
        nnlite.stack([ones(2, 3), ones(3, 2)])
    with pytest.raises(ValueError, match="cat"):
        nnlite.cat([])
    with pytest.raises(ValueError, match="stack"):
        nnlite.stack([])


def test_view_reshape_expand_invalid():
    with pytest.raises(ValueError, match=has("view", S(2, 3), S(4))):
        ones(2, 3).view(4)
    with pytest.raises(ValueError, match=has("reshape", S(2, 3), S(5, -1))):
        ones(2, 3).reshape(5, -1)
    with pytest.raises(ValueError, match=has("expand", S(2, 3), S(4, 3))):
        ones(2, 3).expand(4, 3)
    with pytest.raises(ValueError, match="expand"):
        ones(2, 3).expand(3)  # fewer dims than the tensor


def test_permute_invalid():
    with pytest.raises(ValueError, match="permute"):
        ones(2, 3).permute(0)
    with pytest.raises(ValueError, match="permute"):
        ones(2, 3).permute(0, 0)


def test_split_chunk_invalid():
    with pytest.raises(ValueError, match=has("split", "sizes|4")):
        ones(4).split([1, 2], 0)  # the sizes must add up to 4
    with pytest.raises(ValueError, match="chunk"):
        ones(4).chunk(0)


def test_index_ops_shape_mismatch():
    with pytest.raises(ValueError, match="gather"):
        nnlite.gather(ones(3, 4), 1, nnlite.zeros(3, 4, 2, dtype=nnlite.int64))  # index of other rank
    with pytest.raises(ValueError, match="scatter"):
        nnlite.scatter(ones(3, 4), 0, nnlite.zeros(2, 2, dtype=nnlite.int64), ones(1, 1))  # src smaller than index
    with pytest.raises(ValueError, match="masked_fill"):
        nnlite.masked_fill(ones(3, 4), nnlite.ones(5, dtype=nnlite.bool), 0.0)
    with pytest.raises(ValueError, match="index_select"):
        nnlite.index_select(ones(3, 4), 0, nnlite.zeros(2, 2, dtype=nnlite.int64))  # index must be 1-d


def test_backward_gradient_shape_mismatch():
    x = nnlite.ones(2, requires_grad=True)
    y = x * 2
    with pytest.raises((ValueError, RuntimeError), match=has("backward|grad", S(2), S(3))):
        y.backward(nnlite.ones(3))


# ---- wrong dtypes -----------------------------------------------------------

def test_float_index_for_gather():
    with pytest.raises(TypeError, match=has("gather", "int64|index", "float32")):
        nnlite.gather(ones(3, 4), 1, ones(3, 2))


def test_float_index_for_other_index_ops():
    with pytest.raises(TypeError, match=has("index_select", "float32")):
        nnlite.index_select(ones(3, 4), 0, ones(2))
    with pytest.raises(TypeError, match=has("scatter_add", "float32")):
        nnlite.scatter_add(ones(3), 0, ones(2), ones(2))
    with pytest.raises((TypeError, IndexError), match="float32|index"):
        ones(3, 4)[ones(2)]


def test_non_bool_mask_and_condition():
    with pytest.raises(TypeError, match=has("masked_fill", "bool", "float32")):
        nnlite.masked_fill(ones(3), ones(3), 0.0)
    with pytest.raises(TypeError, match=has("where", "bool", "float32")):
        nnlite.where(ones(3), ones(3), ones(3))


def test_requires_grad_on_integer_tensor():
    with pytest.raises((RuntimeError, TypeError, ValueError), match=r"(?i)float|grad"):
        nnlite.tensor([1, 2], requires_grad=True)
    with pytest.raises((RuntimeError, TypeError, ValueError), match=r"(?i)float|grad"):
        nnlite.zeros(2, dtype=nnlite.int64).requires_grad_()


# ---- out-of-range indices -------------------------------------------------------

def test_gather_index_out_of_range():
    with pytest.raises(IndexError, match=has("gather", "5", "4")):
        nnlite.gather(ones(3, 4), 1, nnlite.tensor([[0, 5]] * 3))
    with pytest.raises(IndexError, match="gather"):
        nnlite.gather(ones(3, 4), 1, nnlite.tensor([[0, -1]] * 3))


def test_other_index_ops_out_of_range():
    with pytest.raises(IndexError, match=has("index_select", "7")):
        nnlite.index_select(ones(3, 4), 0, nnlite.tensor([0, 7]))
    with pytest.raises(IndexError, match=has("scatter", "9")):
        nnlite.scatter(ones(3), 0, nnlite.tensor([9]), ones(1))
    with pytest.raises(IndexError, match=has("scatter_add", "-5|5")):
        nnlite.scatter_add(ones(3), 0, nnlite.tensor([-5]), ones(1))
    with pytest.raises(IndexError, match="index_put|index"):
        nnlite.index_put(ones(3), (nnlite.tensor([3]),), ones(1))
    with pytest.raises(IndexError, match=has("index", "10")):
        ones(3, 4)[nnlite.tensor([0, 10])]
    with pytest.raises(IndexError, match="3"):
        ones(3, 4)[3]
    with pytest.raises(IndexError, match="select|index"):
        ones(3, 4).select(1, 4)


def test_out_of_range_index_never_writes():
    x = nnlite.zeros(3)
    with pytest.raises(IndexError):
        x[nnlite.tensor([0, 5])] = 1.0
    np.testing.assert_array_equal(x.numpy(), [0, 0, 0])  # checked before any write


# ---- bad dims ---------------------------------------------------------------------

@pytest.mark.parametrize("name,fn", [
    ("sum", lambda x: x.sum(3)), ("mean", lambda x: x.mean(-4)), ("softmax", lambda x: nnlite.softmax(x, 2)),
    ("log_softmax", lambda x: nnlite.log_softmax(x, -3)), ("transpose", lambda x: x.transpose(0, 5)),
    ("cat", lambda x: nnlite.cat([x, x], 2)), ("unsqueeze", lambda x: x.unsqueeze(4)),
    ("squeeze", lambda x: x.squeeze(2)), ("max", lambda x: nnlite.max(x, 2)), ("argmax", lambda x: x.argmax(2)),
    ("var", lambda x: x.var(5)), ("amax", lambda x: x.amax((0, 7))), ("logsumexp", lambda x: x.logsumexp(2)),
    ("gather", lambda x: nnlite.gather(x, 2, nnlite.zeros(2, 3, dtype=nnlite.int64))),
    ("flatten", lambda x: x.flatten(0, 3)), ("split", lambda x: x.split(1, 2)), ("stack", lambda x: nnlite.stack([x], 4)),
])
def test_dim_out_of_range(name, fn):
    with pytest.raises(IndexError, match=has(name, "dim|range")):
        fn(ones(2, 3))


def test_repeated_dims():
    with pytest.raises(ValueError, match=has("sum", "0")):
        ones(2, 3).sum((0, 0))


# ---- wrong argument types ---------------------------------------------------------

@pytest.mark.parametrize("fn", [
    lambda: nnlite.exp("a"),
    lambda: nnlite.add(ones(2), "a"),
    lambda: ones(2) + "a",
    lambda: ones(2) * None,
    lambda: nnlite.matmul(ones(2, 2), 3),
    lambda: nnlite.zeros("a"),
    lambda: nnlite.zeros(2.5),
    lambda: ones(2, 3).sum(dim="a"),
    lambda: ones(2, 3).view("a"),
    lambda: ones(2, 3).transpose(0, 1.0),
    lambda: nnlite.cat(ones(2)),
    lambda: nnlite.tensor(object()),
    lambda: ones(2).to(3.5),
    lambda: nnlite.gather(ones(2), 0, [0, 1]),
])
def test_wrong_argument_types(fn):
    with pytest.raises(TypeError):
        fn()


@pytest.mark.parametrize("name,fn", [
    ("max", lambda: nnlite.max(ones(2, 3), 1.5)),
    ("argmax", lambda: ones(2, 3).argmax(1.5)),
    ("cat", lambda: nnlite.cat([ones(2), "a"])),
    ("cat", lambda: nnlite.cat([ones(2), 3])),
    ("var", lambda: ones(2, 3).var(0, correction=())),
    ("randint", lambda: nnlite.randint(1.5, 3, (2,))),
    ("view", lambda: ones(2, 3).view(1.5, 4)),
    ("permute", lambda: ones(2, 3).permute("a", 0)),
])
def test_wrong_argument_type_names_the_function(name, fn):
    with pytest.raises(TypeError, match=name):
        fn()


def test_type_error_names_the_function():
    with pytest.raises(TypeError, match="exp"):
        nnlite.exp("a")
    with pytest.raises(TypeError, match="zeros|size"):
        nnlite.zeros("a")


# ---- bad values -------------------------------------------------------------------

def test_bad_values():
    with pytest.raises(ValueError, match=has("dropout", "1.5")):
        F.dropout(ones(3), p=1.5)
    with pytest.raises(ValueError, match=has("dropout", "-0.1")):
        F.dropout(ones(3), p=-0.1)
    with pytest.raises(ValueError, match=r"(?i)negative|-1"):
        nnlite.zeros(-1)
    with pytest.raises(ValueError, match="randint"):
        nnlite.randint(5, 5, (3,))
    with pytest.raises(ValueError, match="randperm"):
        nnlite.randperm(-1)
    with pytest.raises(ValueError, match=has("arange", "step")):
        nnlite.arange(0, 10, 0)
    with pytest.raises(ValueError, match="linspace"):
        nnlite.linspace(0, 1, -2)
    with pytest.raises(ValueError, match="eye"):
        nnlite.eye(-1)
    with pytest.raises(ValueError, match=has("eye", "-5")):
        nnlite.eye(3, -5)


# Sizes whose element count fits int64 but whose byte count overflows size_t;
# run in a child process, since a crash would take the whole test run down.
HUGE = ["nnlite.zeros(2 ** 31, 2 ** 31)", "nnlite.empty(2 ** 62)", "nnlite.full((2 ** 31, 2 ** 31), 1.0)",
        "nnlite.eye(2 ** 31, 2 ** 31)", "nnlite.empty(2 ** 61, dtype=nnlite.float64)"]


@pytest.mark.parametrize("code", HUGE)
def test_byte_count_overflow_raises_instead_of_crashing(code):
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([os.path.dirname(os.path.dirname(nnlite.__file__)), env.get("PYTHONPATH", "")])
    script = (f"import nnlite\ntry:\n    {code}\nexcept (ValueError, MemoryError, RuntimeError) as e:\n"
              f"    print('raised', type(e).__name__, e)\nelse:\n    print('no error')\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, f"{code} crashed the interpreter (exit code {r.returncode}): {r.stderr[-500:]}"
    assert r.stdout.startswith("raised"), r.stdout


def test_huge_allocation_raises_instead_of_crashing():
    with pytest.raises((ValueError, MemoryError, RuntimeError)):
        nnlite.zeros(2 ** 40, 2 ** 40)  # the element count overflows int64
    with pytest.raises((ValueError, MemoryError, RuntimeError)):
        nnlite.empty(2 ** 60, dtype=nnlite.float64)


def test_item_of_many_elements():
    with pytest.raises((ValueError, RuntimeError), match=has("item", "2|element")):
        ones(2).item()


# ---- CUDA requests without CUDA ------------------------------------------------------

def test_cuda_not_available_in_cpu_build():
    if nnlite.cuda.is_available():
        pytest.skip("a CUDA device is present")
    assert nnlite.cuda.is_available() is False
    assert nnlite.cuda.device_count() == 0


@pytest.mark.parametrize("fn", [
    lambda: ones(2).to("cuda"),
    lambda: ones(2).to("cuda:0"),
    lambda: ones(2).cuda(),
    lambda: nnlite.zeros(2, device="cuda"),
    lambda: nnlite.tensor([1.0], device="cuda"),
])
def test_cuda_request_raises_clearly(fn):
    if nnlite.cuda.is_available():
        pytest.skip("a CUDA device is present")
    with pytest.raises((RuntimeError, ValueError), match=r"(?i)cuda"):
        fn()


def test_unknown_device():
    with pytest.raises((ValueError, RuntimeError), match="tpu"):
        ones(2).to("tpu")
    with pytest.raises((ValueError, RuntimeError), match="cuda:x|device"):
        nnlite.zeros(2, device="cuda:x")
