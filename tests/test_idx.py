"""The IDX parser (nnlite._C.parse_idx) and the file loader around it."""
import gzip
import struct

import numpy as np
import pytest

import nnlite
from nnlite.data.datasets import load_idx, parse_idx

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# IDX type code -> (big-endian numpy dtype in the file, nnlite dtype it loads as)
TYPES = {
    0x08: (">u1", nnlite.uint8),
    0x09: (">i1", nnlite.int32),
    0x0B: (">i2", nnlite.int32),
    0x0C: (">i4", nnlite.int32),
    0x0D: (">f4", nnlite.float32),
    0x0E: (">f8", nnlite.float64),
}


def idx_bytes(array, code):
    """Serialise ``array`` as an IDX file with element type ``code``."""
    array = np.asarray(array)
    header = bytes([0, 0, code, array.ndim]) + b"".join(struct.pack(">I", n) for n in array.shape)
    return header + array.astype(TYPES[code][0]).tobytes()


def sample(code, shape, seed=0):
    rng = np.random.default_rng(seed)
    info = np.iinfo(TYPES[code][0]) if code <= 0x0C else None
    if info is not None:
        return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(TYPES[code][0])
    return rng.standard_normal(shape).astype(TYPES[code][0]) * 1e3


@pytest.mark.parametrize("code", sorted(TYPES))
@pytest.mark.parametrize("shape", [(7,), (3, 4), (2, 3, 5), (2, 1, 2, 3), (0, 4)])
def test_every_type_and_rank_round_trips(code, shape):
    want = sample(code, shape)
    t = parse_idx(idx_bytes(want, code), "x.idx")
    assert t.dtype == TYPES[code][1]
    assert tuple(t.shape) == shape
    np.testing.assert_array_equal(t.numpy(), want.astype(t.numpy().dtype))


def test_signed_values_keep_their_sign():
    t = parse_idx(idx_bytes(np.array([-128, -1, 0, 127]), 0x09), "s8")
    assert t.tolist() == [-128, -1, 0, 127]
    t = parse_idx(idx_bytes(np.array([-32768, -2, 32767]), 0x0B), "s16")
    assert t.tolist() == [-32768, -2, 32767]
    t = parse_idx(idx_bytes(np.array([-(2**31), 2**31 - 1]), 0x0C), "s32")
    assert t.tolist() == [-(2**31), 2**31 - 1]


def test_float_specials_survive():
    want = np.array([np.inf, -np.inf, -0.0, 1e-40, 3.5], dtype=">f4")
    got = parse_idx(idx_bytes(want, 0x0D), "f").numpy()
    np.testing.assert_array_equal(got, want.astype(np.float32))
    assert np.isnan(parse_idx(idx_bytes(np.array([np.nan]), 0x0E), "d").numpy()[0])


def test_the_embedded_mnist_header():
    data = gzip.decompress(open(nnlite.data.datasets.mnist.EMBEDDED_MNIST / "t10k-images-idx3-ubyte.gz", "rb").read())
    t = parse_idx(data, "t10k")
    assert tuple(t.shape) == (1000, 28, 28) and t.dtype == nnlite.uint8
    np.testing.assert_array_equal(t.numpy().ravel(), np.frombuffer(data, np.uint8, offset=16))


GOOD = idx_bytes(np.arange(12, dtype=np.uint8).reshape(3, 4), 0x08)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", ["0 bytes", "4-byte"]),
        (b"\x00\x00\x08", ["3 bytes", "4-byte"]),
        (b"\x01\x00\x08\x01" + b"\x00" * 8, ["bad magic", "0x01000801"]),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, ["bad magic", "gzip"]),
        (b"\x00\x00\x0a\x01\x00\x00\x00\x01\x00", ["unknown element type", "0x0A"]),
        (b"\x00\x00\x08\x00", ["number of dimensions is 0"]),
        (b"\x00\x00\x08\xc8" + b"\x00" * 800, ["number of dimensions is 200"]),
        (GOOD[:10], ["10 bytes", "12-byte header"]),
        (GOOD[:-1], ["[3, 4]", "need 12", "has 11", "truncated"]),
        (GOOD + b"\x00", ["need 12", "has 13", "trailing"]),
        (bytes([0, 0, 0x0E, 4]) + struct.pack(">IIII", *[0xFFFFFFFF] * 4), ["int64"]),
        (bytes([0, 0, 0x0E, 2]) + struct.pack(">II", 2**31, 2**31), ["64 bits"]),
        # No element, but sizes whose product (zeros aside) overflows the strides.
        (bytes([0, 0, 0x08, 4]) + struct.pack(">IIII", 0, *[0xFFFFFFFF] * 3), ["int64"]),
        (bytes([0, 0, 0x0C, 1]) + struct.pack(">I", 0x7FFFFFFF) + b"\x00" * 8, ["need 8589934588", "has 8"]),
    ],
)
def test_malformed_input_raises_value_error_naming_the_file(data, words):
    with pytest.raises(ValueError) as info:
        parse_idx(data, "bad-file.idx")
    msg = str(info.value)
    assert "bad-file.idx" in msg
    for w in words:
        assert w in msg, msg


def test_every_truncation_of_a_valid_file_is_rejected():
    for code in TYPES:
        data = idx_bytes(sample(code, (2, 3)), code)
        for n in range(len(data)):
            with pytest.raises(ValueError):
                parse_idx(data[:n], "cut")


def test_parse_idx_type_errors():
    with pytest.raises(TypeError):
        parse_idx("not bytes", "x")
    with pytest.raises(TypeError):
        nnlite._C.parse_idx(12, "x")


ELEMENT_BYTES = {0x08: 1, 0x09: 1, 0x0B: 2, 0x0C: 4, 0x0D: 4, 0x0E: 8}


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_random_bytes_only_raise_value_error(data):
    try:
        t = parse_idx(data, "fuzz")
    except ValueError:
        return
    # Accepted: then it really was a consistent IDX file.
    ndim = data[3]
    dims = struct.unpack(f">{ndim}I", data[4:4 + 4 * ndim])
    assert data[:2] == b"\x00\x00" and tuple(t.shape) == dims
    assert t.numel() * ELEMENT_BYTES[data[2]] == len(data) - 4 - 4 * ndim


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(TYPES) + [0x00, 0x0A, 0xFF]), st.integers(0, 20),
       st.lists(st.integers(0, 2**32 - 1), max_size=20), st.binary(max_size=256))
def test_fuzz_plausible_headers_only_raise_value_error(code, ndim, dims, payload):
    data = bytes([0, 0, code, ndim]) + b"".join(struct.pack(">I", d) for d in dims) + payload
    try:
        parse_idx(data, "fuzz")
    except ValueError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(TYPES)), st.lists(st.integers(0, 5), min_size=1, max_size=4), st.integers(0, 2**31))
def test_fuzz_valid_files_parse_and_cut_files_fail(code, shape, seed):
    want = sample(code, tuple(shape), seed % 1000)
    data = idx_bytes(want, code)
    got = parse_idx(data, "ok").numpy()
    np.testing.assert_array_equal(got, want.astype(got.dtype))
    cut = seed % len(data)
    with pytest.raises(ValueError):
        parse_idx(data[:cut], "cut")


def test_load_idx_raw_and_gzip(tmp_path):
    want = sample(0x0B, (4, 5))
    (tmp_path / "a.idx").write_bytes(idx_bytes(want, 0x0B))
    (tmp_path / "a.idx.gz").write_bytes(gzip.compress(idx_bytes(want, 0x0B)))
    np.testing.assert_array_equal(load_idx(tmp_path / "a.idx").numpy(), want)
    np.testing.assert_array_equal(load_idx(str(tmp_path / "a.idx.gz")).numpy(), want)


def test_load_idx_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.idx"):
        load_idx(tmp_path / "missing.idx")
    good = gzip.compress(GOOD)
    (tmp_path / "trunc.gz").write_bytes(good[:-6])
    with pytest.raises(ValueError, match="trunc.gz"):
        load_idx(tmp_path / "trunc.gz")
    (tmp_path / "garbage.gz").write_bytes(b"\x1f\x8b" + bytes(range(40)))
    with pytest.raises(ValueError, match="gzip"):
        load_idx(tmp_path / "garbage.gz")
    (tmp_path / "plain.gz").write_bytes(GOOD)  # not compressed at all
    with pytest.raises(ValueError, match="plain.gz"):
        load_idx(tmp_path / "plain.gz")
    (tmp_path / "bad.gz").write_bytes(gzip.compress(GOOD[:-2]))  # good gzip, bad IDX inside
    with pytest.raises(ValueError, match="bad.gz"):
        load_idx(tmp_path / "bad.gz")


def test_c_read_idx(tmp_path):
    want = sample(0x0D, (3, 2))
    (tmp_path / "f.idx").write_bytes(idx_bytes(want, 0x0D))
    np.testing.assert_array_equal(nnlite._C.read_idx(str(tmp_path / "f.idx")).numpy(), want)
    with pytest.raises(FileNotFoundError, match="nope.idx"):
        nnlite._C.read_idx(str(tmp_path / "nope.idx"))
    with pytest.raises(FileNotFoundError):
        nnlite._C.read_idx(str(tmp_path))  # a directory is not a file
    (tmp_path / "short.idx").write_bytes(b"\x00\x00\x08")
    with pytest.raises(ValueError, match="short.idx"):
        nnlite._C.read_idx(str(tmp_path / "short.idx"))
