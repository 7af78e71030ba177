"""The safetensors reader and writer (cpp/src/io/safetensors.cpp): layout of
the files nnlite writes, round trips with the `safetensors` package and
PyTorch both ways, a clear ValueError naming the file for every malformed
header or data section, fuzzing, and atomic writes."""
import contextlib
import json
import os
import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nnlite
from nnlite import serialization as ser

DTYPES = {  # safetensors code: (nnlite dtype, numpy dtype)
    "BOOL": (nnlite.bool, np.bool_), "U8": (nnlite.uint8, np.uint8), "I32": (nnlite.int32, np.int32),
    "I64": (nnlite.int64, np.int64), "F32": (nnlite.float32, np.float32), "F64": (nnlite.float64, np.float64),
}


def sample_arrays(rng):
    """One array per dtype, with 0-d, size-zero and odd shapes."""
    return {
        "bool": rng.integers(0, 2, (3, 1)).astype(np.bool_),
        "u8": rng.integers(0, 256, (5,)).astype(np.uint8),
        "i32": rng.integers(-2**31, 2**31, (2, 3)).astype(np.int32),
        "i64": np.array(-(2**62) + 7, dtype=np.int64),  # 0-d
        "f32": rng.standard_normal((2, 0, 3)).astype(np.float32),  # size zero
        "f64": rng.standard_normal((3, 4, 2)),
        "z.nested.name": np.array([np.inf, -np.inf, np.nan], dtype=np.float32),
    }


def header_of(data):
    n = struct.unpack("<Q", data[:8])[0]
    return n, json.loads(data[8:8 + n])


def assert_same_arrays(ours, theirs):
    assert sorted(ours) == sorted(theirs)
    for k, v in theirs.items():
        a = ours[k].numpy() if isinstance(ours[k], nnlite.Tensor) else np.asarray(ours[k])
        v = np.asarray(v)
        assert a.dtype == v.dtype and a.shape == v.shape, k
        np.testing.assert_array_equal(a, v, err_msg=k)


# ---- layout ---------------------------------------------------------------------------


def test_layout_sorted_packed_aligned_and_contiguous(rng):
    base = nnlite.from_numpy(rng.standard_normal((3, 4)).astype(np.float32))
    tensors = {"w": base.t(), "a": nnlite.tensor([1, 2, 3], dtype=nnlite.uint8), "m": base[:, ::2]}
    data = nnlite._C.safetensors_to_bytes(tensors, {"note": "hi \"there\"\n"})
    n, header = header_of(data)
    assert (8 + n) % 8 == 0  # the data section starts 8-byte aligned
    assert header.pop("__metadata__") == {"note": "hi \"there\"\n"}
    assert list(header) == ["a", "m", "w"]  # keys sorted
    assert header["a"] == {"dtype": "U8", "shape": [3], "data_offsets": [0, 3]}
    assert header["m"] == {"dtype": "F32", "shape": [3, 2], "data_offsets": [3, 27]}  # packed in key order
    assert header["w"] == {"dtype": "F32", "shape": [4, 3], "data_offsets": [27, 75]}
    body = data[8 + n:]
    assert len(body) == 75  # nothing after the last tensor
    # Row-major copies of the (non-contiguous) views.
    np.testing.assert_array_equal(np.frombuffer(body[27:75], np.float32).reshape(4, 3), base.numpy().T)
    np.testing.assert_array_equal(np.frombuffer(body[3:27], np.float32).reshape(3, 2), base.numpy()[:, ::2])


def test_round_trip_every_dtype_and_shape(tmp_path, rng):
    arrays = sample_arrays(rng)
    tensors = {k: nnlite.from_numpy(v) for k, v in arrays.items()}
    ser.save_file(tensors, tmp_path / "x.safetensors", {"a": "1", "": "empty key", "ü": "ß"})
    back, meta = ser.load_file(tmp_path / "x.safetensors")
    assert meta == {"a": "1", "": "empty key", "ü": "ß"}
    assert list(back) == sorted(arrays)
    assert_same_arrays(back, arrays)
    assert ser.load_file(tmp_path / "x.safetensors")[0].keys() == back.keys()
    # The bytes variant writes the same file.
    assert nnlite._C.safetensors_to_bytes(tensors, meta) == (tmp_path / "x.safetensors").read_bytes()


def test_parameters_are_saved_detached(tmp_path):
    p = nnlite.nn.Parameter(nnlite.randn(2, 3))
    (p * 2).sum().backward()
    ser.save_file({"p": p}, tmp_path / "p.safetensors")
    back = ser.load_file(tmp_path / "p.safetensors")[0]["p"]
    assert type(back) is nnlite.Tensor and not back.requires_grad
    np.testing.assert_array_equal(back.numpy(), p.detach().numpy())


def test_no_tensors_and_odd_names(tmp_path):
    ser.save_file({}, tmp_path / "e.safetensors")
    assert ser.load_file(tmp_path / "e.safetensors") == ({}, {})
    names = {"": nnlite.ones(1), "with \"quotes\" and \\": nnlite.zeros(2), "tab\tnul\x00": nnlite.ones(()),
             "日本語": nnlite.arange(3)}
    ser.save_file(names, tmp_path / "n.safetensors")
    back = ser.load_file(tmp_path / "n.safetensors")[0]
    assert sorted(back) == sorted(names)


# ---- interop with the safetensors package and PyTorch ------------------------------------


@pytest.fixture
def safetensors():
    return pytest.importorskip("safetensors")


def test_files_written_by_nnlite_load_in_safetensors_numpy(tmp_path, rng, safetensors):
    from safetensors import safe_open
    from safetensors.numpy import load_file

    arrays = sample_arrays(rng)
    path = tmp_path / "n.safetensors"
    ser.save_file({k: nnlite.from_numpy(v) for k, v in arrays.items()}, path, {"format": "np"})
    assert_same_arrays(load_file(str(path)), arrays)
    with safe_open(str(path), framework="np") as f:
        assert f.metadata() == {"format": "np"}


def test_files_written_by_nnlite_load_in_torch(tmp_path, rng, safetensors, torch):
    from safetensors.torch import load_file

    arrays = sample_arrays(rng)
    path = tmp_path / "t.safetensors"
    ser.save_file({k: nnlite.from_numpy(v) for k, v in arrays.items()}, path)
    theirs = load_file(str(path))
    assert_same_arrays({k: v.numpy() for k, v in theirs.items()}, arrays)
    assert theirs["bool"].dtype == torch.bool and theirs["i32"].dtype == torch.int32


def test_files_written_by_safetensors_numpy_load_in_nnlite(tmp_path, rng, safetensors):
    from safetensors.numpy import save, save_file

    arrays = sample_arrays(rng)
    path = tmp_path / "s.safetensors"
    save_file(arrays, str(path), metadata={"k": "v"})
    back, meta = ser.load_file(path)
    assert meta == {"k": "v"}
    assert_same_arrays(back, arrays)
    assert_same_arrays(ser.from_bytes(save(arrays)), arrays)  # no nnlite record: a plain dict


def test_files_written_by_torch_load_in_nnlite(tmp_path, rng, safetensors, torch):
    from safetensors.torch import save_file

    arrays = sample_arrays(rng)
    path = tmp_path / "t.safetensors"
    save_file({k: torch.from_numpy(v.copy()) for k, v in arrays.items()}, str(path))
    assert_same_arrays(nnlite.load(path), arrays)


def test_unsupported_safetensors_dtypes_are_refused_by_name(tmp_path, safetensors, torch):
    from safetensors.torch import save_file

    path = tmp_path / "h.safetensors"
    save_file({"half": torch.ones(3, dtype=torch.float16)}, str(path))
    with pytest.raises(ValueError, match=r"h\.safetensors.*'half'.*F16.*not support"):
        nnlite.load(path)


# ---- malformed files ----------------------------------------------------------------------


def craft(header, data=b""):
    """A file from a header (dict, str or bytes) and a data section."""
    if isinstance(header, dict):
        header = json.dumps(header)
    if isinstance(header, str):
        header = header.encode()
    return struct.pack("<Q", len(header)) + header + data


def entry(dtype, shape, begin, end):
    return {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}


GOOD = {"a": entry("F32", [2], 0, 8), "b": entry("I64", [1], 8, 16)}
E = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}'  # the start of a one-tensor header

MALFORMED = [
    ("short file", b"\x05\x00\x00", ["3 bytes", "8-byte"]),
    ("header longer than the file", struct.pack("<Q", 1000) + b"{}", ["header length 1000", "larger than"]),
    ("huge header length", b"\xff" * 8 + b"{}", ["header length 18446744073709551615", "larger than"]),
    ("zero header length", struct.pack("<Q", 0) + b"{}", ["header length is 0"]),
    ("not JSON", craft("hello world"), ["malformed JSON"]),
    ("not UTF-8", craft(b'{"\xff":1}'), ["UTF-8"]),
    ("header is a list", craft("[]"), ["must be a JSON object", "a list"]),
    ("trailing comma", craft(E + ',}', b"\0" * 4), ["comma before '}'"]),
    ("missing colon", craft('{"a" 1}'), ["expected ':'"]),
    ("unterminated string", craft('{"a'), ["ends inside a string"]),
    ("unknown escape", craft('{"a\\q":1}'), ["unknown escape"]),
    ("lone surrogate", craft('{"\\udc00":1}'), ["surrogate"]),
    ("raw control character", craft('{"a\nb":1}'), ["control character"]),
    ("text after the JSON", craft(E + '} x', b"\0" * 4), ["after the end of the JSON value"]),
    ("unknown dtype", craft({"a": entry("X9", [1], 0, 4)}, b"\0" * 4), ["'a'", "unknown dtype 'X9'"]),
    ("dtype not a string", craft({"a": entry(4, [1], 0, 4)}, b"\0" * 4), ["dtype", "must be a string"]),
    ("shape not a list", craft({"a": entry("F32", 4, 0, 16)}, b"\0" * 16), ["shape", "list"]),
    ("negative size", craft({"a": entry("F32", [-1], 0, 0)}), ["non-negative integer", "-1"]),
    ("fractional size", craft({"a": entry("F32", [2.5], 0, 0)}), ["non-negative integer", "2.5"]),
    ("size past int64", craft({"a": entry("F32", [2**63], 0, 0)}), ["9223372036854775808", "int64"]),
    ("size past 64 bits", craft({"a": entry("F32", [2**64], 0, 0)}), ["18446744073709551616", "64 bits"]),
    ("leading zero", craft('{"a":{"dtype":"F32","shape":[01],"data_offsets":[0,4]}}'), ["leading zero"]),
    ("element count overflows", craft({"a": entry("U8", [2**32, 2**32], 0, 0)}), ["'a'", "overflows"]),
    ("empty tensor whose strides overflow", craft({"a": entry("U8", [0, 2**40, 2**40], 0, 0)}), ["overflows"]),
    ("byte count overflows", craft({"a": entry("F64", [2**61], 0, 0)}), ["'a'", "more bytes"]),
    ("offsets past the data", craft({"a": entry("F32", [2], 0, 8)}, b"\0" * 4), ["'a'", "outside the data section"]),
    ("end before begin", craft({"a": entry("F32", [0], 8, 0)}, b"\0" * 8), ["'a'", "end is before"]),
    ("size does not match dtype x shape", craft({"a": entry("F32", [3], 0, 8)}, b"\0" * 8),
     ["'a'", "8 bytes", "F32 [3] needs 12"]),
    ("one offset", craft({"a": {"dtype": "F32", "shape": [0], "data_offsets": [0]}}), ["exactly two", "found 1"]),
    ("three offsets", craft({"a": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0, 0]}}), ["exactly two"]),
    ("overlapping tensors", craft({"a": entry("F32", [2], 0, 8), "b": entry("F32", [2], 4, 12)}, b"\0" * 12),
     ["'a' and 'b' overlap", "'b' starts at byte 4, before 'a' ends at byte 8"]),
    ("same bytes twice", craft({"a": entry("F32", [2], 0, 8), "b": entry("F32", [2], 0, 8)}, b"\0" * 8),
     ["overlap"]),
    ("empty tensor inside another", craft({"a": entry("F32", [2], 0, 8), "b": entry("F32", [0], 4, 4)},
                                          b"\0" * 8), ["overlap"]),
    ("hole between tensors", craft({"a": entry("F32", [1], 0, 4), "b": entry("F32", [1], 8, 12)}, b"\0" * 12),
     ["bytes 4 to 8", "no tensor"]),
    ("hole before the first tensor", craft({"a": entry("F32", [1], 4, 8)}, b"\0" * 8), ["bytes 0 to 4"]),
    ("trailing garbage", craft(GOOD, b"\0" * 16 + b"junk"), ["4 trailing bytes"]),
    ("duplicate tensor", craft(E + ',"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', b"\0" * 8),
     ["duplicate tensor name 'a'"]),
    ("duplicate __metadata__", craft('{"__metadata__":{},"__metadata__":{}}'), ["duplicate key '__metadata__'"]),
    ("duplicate metadata key", craft('{"__metadata__":{"k":"1","k":"2"}}'), ["duplicate key 'k'"]),
    ("duplicate dtype", craft('{"a":{"dtype":"F32","dtype":"F32","shape":[0],"data_offsets":[0,0]}}'),
     ["duplicate key 'dtype'", "'a'"]),
    ("unknown key in an entry", craft({"a": dict(entry("F32", [0], 0, 0), extra=1)}), ["unexpected key 'extra'"]),
    ("missing shape", craft({"a": {"dtype": "F32", "data_offsets": [0, 0]}}), ["'a'", "has no shape"]),
    ("missing data_offsets", craft({"a": {"dtype": "F32", "shape": [0]}}), ["has no data_offsets"]),
    ("entry not an object", craft({"a": [1, 2]}), ["'a'", "must be an object"]),
    ("metadata value not a string", craft({"__metadata__": {"k": 1}}), ["'k'", "must be a string"]),
    ("metadata not an object", craft({"__metadata__": ["k"]}), ["__metadata__ must be an object"]),
    ("nested lists for an entry", craft('{"a":' + "[" * 200 + "]" * 200 + "}"), ["'a'", "must be an object"]),
    ("bool byte that is not 0 or 1", craft({"a": entry("BOOL", [2], 0, 2)}, b"\x01\x02"),
     ["'a'", "BOOL", "element 1 is 2"]),
]


def load_both_ways(data, tmp_path, name):
    """Load `data` from bytes and from a file; both must raise the same ValueError."""
    with pytest.raises(ValueError) as from_bytes:
        ser.from_bytes(data, name=name)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValueError) as from_file:
        nnlite.load(path)
    assert str(from_file.value).replace(str(path), name) == str(from_bytes.value)
    return str(from_file.value)


@pytest.mark.parametrize("what, data, words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_files_raise_clear_errors(tmp_path, what, data, words):
    msg = load_both_ways(data, tmp_path, "bad.safetensors")
    assert "bad.safetensors" in msg
    for w in words:
        assert w in msg, (what, msg)


def test_well_formed_variants_load(tmp_path):
    """What the checks must not refuse: whitespace and escapes in the header,
    null metadata, empty tensors at the end, and offsets listed out of order."""
    data = craft('\n {"b" : {"shape":[1],"dtype":"I64","data_offsets":[8,16]},  "__metadata__":null,'
                 '"\\u0061":{"data_offsets":[0,8],"dtype":"F32","shape":[2]},'
                 '"e":{"dtype":"F64","shape":[0, 5],"data_offsets":[16,16]}}   ', np.arange(4, dtype=np.int32).tobytes())
    back = ser.from_bytes(data)
    assert sorted(back) == ["a", "b", "e"] and tuple(back["e"].shape) == (0, 5)


def test_header_size_limit():
    n = 100_000_001  # one byte over the limit of the reference implementation
    with pytest.raises(ValueError, match="header length 100000001 exceeds the limit"):
        ser.from_bytes(struct.pack("<Q", n) + b" " * n)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing.safetensors"):
        nnlite.load(tmp_path / "nothing.safetensors")
    with pytest.raises(ValueError, match="not a regular file"):
        nnlite.load(tmp_path)


def test_every_truncation_of_a_valid_file_raises(rng):
    data = nnlite.serialization.to_bytes({k: nnlite.from_numpy(v) for k, v in sample_arrays(rng).items()})
    for cut in range(len(data)):
        with pytest.raises(ValueError):
            ser.from_bytes(data[:cut])


VALID = craft(GOOD, np.arange(4, dtype=np.float32).tobytes()[:8] + struct.pack("<q", 5))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_fuzz_random_bytes_only_raise_value_error(data):
    try:
        ser.from_bytes(data)
    except ValueError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 7)), min_size=1, max_size=4))
def test_fuzz_bit_flips_only_raise_value_error(flips):
    data = bytearray(VALID)
    for pos, bit in flips:
        data[pos] ^= 1 << bit
    try:
        out = ser.from_bytes(bytes(data))
    except ValueError:
        return
    assert all(isinstance(t, nnlite.Tensor) for t in out.values())


@settings(max_examples=300, deadline=None)
@given(st.integers(8, len(VALID) - 17), st.binary(min_size=1, max_size=8))
def test_fuzz_header_splices_only_raise_value_error(pos, junk):
    data = VALID[:pos] + junk + VALID[pos + len(junk):]
    try:
        ser.from_bytes(data)
    except ValueError:
        pass


# ---- atomic writes ------------------------------------------------------------------------


@contextlib.contextmanager
def file_size_limit(nbytes):
    """Writes past `nbytes` fail with EFBIG (a full disk, in effect) while inside."""
    resource = pytest.importorskip("resource")
    import signal

    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # report EFBIG instead of killing the process
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def test_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "w.safetensors"
    ser.save_file({"old": nnlite.ones(10)}, path)
    before = path.read_bytes()
    big = {"a": nnlite.zeros(100_000), "b": nnlite.ones(100_000)}
    with file_size_limit(200_000), pytest.raises(OSError, match="File too large") as info:
        ser.save_file(big, path)  # fails inside tensor "a"'s data, after the header
    assert "w.safetensors" in str(info.value)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["w.safetensors"]
    ser.save_file(big, path)  # without the limit the same save replaces the file
    assert_same_arrays(ser.load_file(path)[0], {k: v.numpy() for k, v in big.items()})


def test_refused_saves_touch_nothing(tmp_path):
    path = tmp_path / "w.safetensors"
    ser.save_file({"old": nnlite.ones(3)}, path)
    before = path.read_bytes()
    with pytest.raises(ValueError, match="__metadata__"):
        ser.save_file({"__metadata__": nnlite.ones(1)}, path)
    with pytest.raises(TypeError):
        ser.save_file({"a": np.ones(3)}, path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["w.safetensors"]
    with pytest.raises(FileNotFoundError, match="missing"):
        ser.save_file({}, tmp_path / "missing" / "x.safetensors")
    with pytest.raises(IsADirectoryError):
        ser.save_file({}, tmp_path)


def test_new_files_get_ordinary_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        ser.save_file({"a": nnlite.ones(1)}, tmp_path / "p.safetensors")
    finally:
        os.umask(mask)
    assert (tmp_path / "p.safetensors").stat().st_mode & 0o777 == 0o644  # not a private temp file's 0600
