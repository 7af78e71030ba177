"""nnlite.save / nnlite.load: tensors, state dicts and nested checkpoint
objects round-trip with their exact types; plain state dicts stay plain
safetensors files; bad objects and bad structure records give clear errors;
saves are atomic; a training run resumed from a saved checkpoint continues
with the same numbers."""
import json
import math
import os
import struct
from collections import OrderedDict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlite
from nnlite import nn, optim
from nnlite import serialization as ser
from test_safetensors import file_size_limit


def assert_identical(a, b, where="obj"):
    """Same types all the way down, same key order, same tensor dtypes, shapes and values (nan == nan)."""
    assert type(a) is type(b), (where, type(a), type(b))
    if isinstance(a, nnlite.Tensor):
        assert a.dtype == b.dtype and tuple(a.shape) == tuple(b.shape), where
        np.testing.assert_array_equal(a.numpy(), b.numpy(), err_msg=where)
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for (ka, va), kb in zip(a.items(), b):
            assert type(ka) is type(kb), (where, ka, kb)
            assert_identical(va, b[kb], f"{where}[{ka!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_identical(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), where
    else:
        assert a == b, where


def plain(t):
    """The value a loaded tensor must equal: detached, a plain Tensor."""
    return t.detach()


def test_tensor_round_trip(tmp_path):
    x = nnlite.randn(3, 4)
    nnlite.save(x, tmp_path / "x.safetensors")
    y = nnlite.load(tmp_path / "x.safetensors")
    assert_identical(y, x)
    nnlite.save(x.t(), str(tmp_path / "t.safetensors"))  # non-contiguous; str paths too
    assert_identical(nnlite.load(str(tmp_path / "t.safetensors")), x.t().contiguous())


def test_state_dict_is_a_plain_safetensors_file(tmp_path):
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Flatten(), nn.Linear(8, 3))
    sd = model.state_dict()
    path = tmp_path / "m.safetensors"
    nnlite.save(sd, path)
    back = nnlite.load(path)
    assert type(back) is OrderedDict and list(back) == list(sd)  # model order, not the file's sorted order
    assert_identical(back, OrderedDict((k, plain(v)) for k, v in sd.items()))
    tensors, meta = ser.load_file(path)
    assert sorted(tensors) == sorted(sd)  # the tensor names are the state dict's keys
    assert set(meta) == {"nnlite"}
    fresh = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Flatten(), nn.Linear(8, 3))
    fresh.load_state_dict(back)
    x = nnlite.randn(2, 1, 4, 4)
    model.eval(), fresh.eval()
    np.testing.assert_array_equal(fresh(x).detach().numpy(), model(x).detach().numpy())


def test_state_dict_loads_in_safetensors_torch(tmp_path, torch):
    pytest.importorskip("safetensors")
    from safetensors.torch import load_file

    model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
    sd = model.state_dict()
    nnlite.save(sd, tmp_path / "m.safetensors")
    theirs = load_file(str(tmp_path / "m.safetensors"))
    assert sorted(theirs) == sorted(sd)
    for k, v in sd.items():
        np.testing.assert_array_equal(theirs[k].numpy(), v.numpy(), err_msg=k)


def test_parameters_are_saved_as_plain_detached_tensors(tmp_path):
    p = nn.Parameter(nnlite.randn(3))
    nnlite.save({"p": p, "l": [p]}, tmp_path / "p.safetensors")
    back = nnlite.load(tmp_path / "p.safetensors")
    for t in (back["p"], back["l"][0]):
        assert type(t) is nnlite.Tensor and not t.requires_grad
        np.testing.assert_array_equal(t.numpy(), p.detach().numpy())
    assert back["p"].data_ptr() != back["l"][0].data_ptr()  # stored twice, loaded as two tensors


def test_nested_checkpoint_object_round_trips_exactly(tmp_path):
    model = nn.Linear(3, 2)
    opt = optim.Adam(model.parameters(), lr=1e-2, betas=(0.8, 0.99))
    model(nnlite.randn(5, 3)).sum().backward()
    opt.step()
    sched = optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    sched.step()
    obj = {
        "model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(), "epoch": 7,
        "numbers": [0, -1, 2**70, 1.5, -0.0, float("inf"), float("-inf"), float("nan"), 1e-300, True, False, None],
        "strings": ("", "ü\n\"\\", "\x00"), "empty": ({}, [], (), OrderedDict()),
        "keys": {1: "int", "1": "str", 2.5: "float", True: "bool", None: "none", float("inf"): "inf"},
        "ints": nnlite.arange(5), "masks": [nnlite.tensor([True, False])], "f64": nnlite.randn(2, dtype=nnlite.float64),
        "scalar": nnlite.tensor(3.0), "empty_tensor": nnlite.zeros(0, 4),
    }
    nnlite.save(obj, tmp_path / "c.safetensors")
    back = nnlite.load(tmp_path / "c.safetensors")
    assert_identical(back, obj)
    assert isinstance(back["optimizer"]["state"], dict) and set(back["optimizer"]["state"]) == {0, 1}
    assert back["optimizer"]["param_groups"][0]["betas"] == (0.8, 0.99)
    assert ser.from_bytes(ser.to_bytes(obj)).keys() == obj.keys()


def test_colliding_dotted_names_are_kept_apart(tmp_path):
    a, b, c = nnlite.ones(1), nnlite.zeros(1), nnlite.full((1,), 2.0)
    obj = {"a.b": a, "a": {"b": b}, "x": [c, {"0": a}]}
    nnlite.save(obj, tmp_path / "n.safetensors")
    assert_identical(nnlite.load(tmp_path / "n.safetensors"), obj)
    assert len(ser.load_file(tmp_path / "n.safetensors")[0]) == 4


def test_files_from_other_tools_load_as_a_dict(tmp_path):
    ser.save_file({"b": nnlite.ones(2), "a": nnlite.zeros(1)}, tmp_path / "p.safetensors", {"format": "pt"})
    back = nnlite.load(tmp_path / "p.safetensors")
    assert type(back) is dict and list(back) == ["a", "b"]


def test_user_metadata(tmp_path):
    nnlite.save({"w": nnlite.ones(1)}, tmp_path / "u.safetensors", metadata={"format": "pt", "by": "me"})
    meta = ser.load_file(tmp_path / "u.safetensors")[1]
    assert meta["format"] == "pt" and meta["by"] == "me"
    with pytest.raises(ValueError, match="reserved"):
        nnlite.save({}, tmp_path / "r.safetensors", metadata={"nnlite": "x"})
    with pytest.raises(TypeError, match="metadata"):
        nnlite.save({}, tmp_path / "r.safetensors", metadata={"k": 1})


@pytest.mark.parametrize("obj, words", [
    (nn.Linear(2, 2), ["Linear", "state_dict()"]),
    ({"f": len}, ["builtin_function_or_method", "'f'"]),
    ({"a": [1, {2, 3}]}, ["set", "'a.1'"]),
    ({"arr": np.zeros(3, np.int16)}, ["int16", "'arr'"]),
    ({(1, 2): 3}, ["key of type tuple"]),
    (b"bytes", ["bytes", "top level"]),
])
def test_objects_that_cannot_be_saved(tmp_path, obj, words):
    with pytest.raises(TypeError) as info:
        nnlite.save(obj, tmp_path / "bad.safetensors")
    for w in words:
        assert w in str(info.value)
    assert not os.listdir(tmp_path)


def test_cycles_depth_and_paths(tmp_path):
    loop = []
    loop.append(loop)
    with pytest.raises(ValueError, match="contains itself"):
        nnlite.save({"l": loop}, tmp_path / "c.safetensors")
    deep = []
    for _ in range(200):
        deep = [deep]
    with pytest.raises(ValueError, match="deeper than"):
        nnlite.save(deep, tmp_path / "d.safetensors")
    with pytest.raises(TypeError, match="path"):
        nnlite.save({}, 3)
    with pytest.raises(TypeError, match="path"):
        nnlite.load(None)
    assert not os.listdir(tmp_path)


def with_structure(structure, tensors=None):
    """A file whose 'nnlite' record is `structure` (a str, or JSON-encoded)."""
    raw = structure if isinstance(structure, str) else json.dumps(structure)
    return nnlite._C.safetensors_to_bytes(tensors or {}, {"nnlite": raw})


@pytest.mark.parametrize("structure, tensors, words", [
    ("{not json", None, ["not valid JSON"]),
    ("[" * 5000 + "]" * 5000, None, ["not valid JSON"]),
    ([1, 2], None, ["not an nnlite structure record"]),
    ({"version": 99, "object": 1}, None, ["version 99"]),
    ({"version": 1, "object": {"tensor": "missing"}}, None, ["'missing'", "does not hold"]),
    ({"version": 1, "object": {"tensor": 5}}, None, ["does not hold"]),
    ({"version": 1, "object": 1}, {"extra": nnlite.ones(1)}, ["does not mention", "'extra'"]),
    ({"version": 1, "object": {"set": [1]}}, None, ["unknown tag 'set'"]),
    ({"version": 1, "object": {"dict": [[1]]}}, None, ["[key, value] pair"]),
    ({"version": 1, "object": {"dict": {"a": 1}}}, None, ["list of [key, value] pairs"]),
    ({"version": 1, "object": {"dict": [[1, 2], [1, 3]]}}, None, ["repeats the key 1"]),
    ({"version": 1, "object": {"dict": [[[1], 2]]}}, None, ["expected a number"]),
    ({"version": 1, "object": {"float": "big"}}, None, ["float tag"]),
    ({"version": 1, "object": {"tuple": 3}}, None, ["tuple"]),
    ({"version": 1, "object": {"a": 1, "b": 2}}, None, ["exactly one"]),
    ({"version": 1, "object": {"tuple": [[], {"float": "-inf"}]}}, None, None),
])
def test_bad_structure_records_raise_value_error(tmp_path, structure, tensors, words):
    data = with_structure(structure, tensors)
    if words is None:  # a well-formed record: loads
        ser.from_bytes(data)
        return
    with pytest.raises(ValueError) as info:
        ser.from_bytes(data, name="odd.safetensors")
    msg = str(info.value)
    assert "odd.safetensors" in msg
    for w in words:
        assert w in msg, msg
    (tmp_path / "odd.safetensors").write_bytes(data)
    with pytest.raises(ValueError, match="odd.safetensors"):
        nnlite.load(tmp_path / "odd.safetensors")


def test_deeply_nested_record_is_refused():
    inner = 1
    for _ in range(150):
        inner = {"tuple": [inner]}
    with pytest.raises(ValueError, match="deeper than"):
        ser.from_bytes(with_structure({"version": 1, "object": inner}))


def test_interrupted_save_keeps_the_previous_file(tmp_path):
    path = tmp_path / "ck.safetensors"
    nnlite.save({"epoch": 1, "w": nnlite.ones(4)}, path)
    before = path.read_bytes()
    with file_size_limit(100_000), pytest.raises(OSError, match="File too large"):
        nnlite.save({"epoch": 2, "w": nnlite.zeros(200_000)}, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["ck.safetensors"]
    with pytest.raises(TypeError):  # refused before writing: nothing changes either
        nnlite.save({"epoch": 2, "f": print}, path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["ck.safetensors"]


# ---- property test: random nested objects ------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8))
keys = st.one_of(st.text(max_size=6), st.integers(-5, 5), st.booleans(), st.none())
tensors = st.builds(lambda n, k: nnlite.arange(n, dtype=nnlite.int64 if k else nnlite.float32) * 0.5 ** k,
                    st.integers(0, 4), st.integers(0, 1))
objects = st.recursive(
    st.one_of(scalars, tensors),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.lists(inner, max_size=3).map(tuple),
                            st.dictionaries(keys, inner, max_size=3),
                            st.dictionaries(keys, inner, max_size=3).map(OrderedDict)),
    max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(objects)
def test_random_objects_round_trip_exactly(obj):
    assert_identical(ser.from_bytes(ser.to_bytes(obj)), obj)


NESTED = ser.to_bytes({"model": OrderedDict(w=nnlite.ones(2)), "opt": {"state": {0: {"step": 3}}, "groups": [(0.9, 1e-3)]},
                       "epoch": 2, "loss": float("nan"), "name": "run"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(8, len(NESTED) - 9), st.integers(0, 7)), min_size=1, max_size=3))
def test_fuzz_structure_record_bit_flips_only_raise_value_error(flips):
    data = bytearray(NESTED)
    for pos, bit in flips:
        data[pos] ^= 1 << bit
    try:
        ser.from_bytes(bytes(data))
    except ValueError:
        pass


# ---- resuming training from a saved checkpoint -------------------------------------------


def make_run():
    nnlite.manual_seed(3)
    model = nn.Sequential(nn.Linear(6, 16), nn.BatchNorm1d(16),
                          nn.ReLU(), nn.Linear(16, 3))
    opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3)
    sched = optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
    return model, opt, sched


def train_steps(model, opt, sched, data, start, stop):
    losses = []
    for i in range(start, stop):
        x, y = data[i]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        sched.step()
        losses.append(loss.item())
    return losses


def test_resume_from_saved_checkpoint_gives_the_same_numbers(tmp_path):
    gen = np.random.default_rng(0)
    data = [(nnlite.from_numpy(gen.standard_normal((8, 6)).astype(np.float32)),
             nnlite.from_numpy(gen.integers(0, 3, 8))) for _ in range(10)]
    model, opt, sched = make_run()
    straight = train_steps(model, opt, sched, data, 0, 10)

    model, opt, sched = make_run()
    first = train_steps(model, opt, sched, data, 0, 4)
    nnlite.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                 "epoch": 4}, tmp_path / "ck.safetensors")
    del model, opt, sched
    ck = nnlite.load(tmp_path / "ck.safetensors")
    model, opt, sched = make_run()
    model.load_state_dict(ck["model"])
    opt.load_state_dict(ck["optimizer"])
    sched.load_state_dict(ck["scheduler"])
    rest = train_steps(model, opt, sched, data, ck["epoch"], 10)
    assert first + rest == straight
