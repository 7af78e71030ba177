"""CIFAR-10/100: the C++ binary reader, the restricted unpickler of the Python
version, the datasets built on them, and their errors on bad files."""
import os
import pickle

import numpy as np
import pytest

import nnlite
from nnlite.data import transforms as T
from nnlite.data.datasets import CIFAR10, CIFAR100
from nnlite.data.datasets import safe_pickle

SIZES = [7, 5, 6, 4, 3]  # images per training batch (the real files hold 10,000)


def make_split(n, seed, cifar100=False):
    """Random images uint8 [n, 3, 32, 32] and labels (fine, or (coarse, fine))."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, (n, 3, 32, 32), dtype=np.uint8)
    if cifar100:
        return images, (rng.integers(0, 20, n), rng.integers(0, 100, n))
    return images, (rng.integers(0, 10, n),)


def records(images, labels):
    head = np.stack(labels, 1).astype(np.uint8)
    return np.concatenate([head, images.reshape(len(images), -1)], 1).tobytes()


def write_cifar10_binary(root, sizes=SIZES, test_size=4):
    """CIFAR-10 binary files under root/cifar-10-batches-bin; returns (train, test) arrays."""
    folder = root / "cifar-10-batches-bin"
    folder.mkdir(parents=True, exist_ok=True)
    parts = [make_split(n, i) for i, n in enumerate(sizes)]
    for i, (x, y) in enumerate(parts, start=1):
        (folder / f"data_batch_{i}.bin").write_bytes(records(x, y))
    test = make_split(test_size, 99)
    (folder / "test_batch.bin").write_bytes(records(*test))
    train = (np.concatenate([p[0] for p in parts]), np.concatenate([p[1][0] for p in parts]))
    return train, (test[0], test[1][0])


def write_cifar100_binary(root, n=9, test_size=3):
    folder = root / "cifar-100-binary"
    folder.mkdir(parents=True, exist_ok=True)
    train, test = make_split(n, 1, True), make_split(test_size, 2, True)
    (folder / "train.bin").write_bytes(records(*train))
    (folder / "test.bin").write_bytes(records(*test))
    return train, test


def py_batch(images, labels, keys):
    d = {"batch_label": "training batch", "data": images.reshape(len(images), -1),
         "filenames": [f"img{i}.png" for i in range(len(images))]}
    for k, v in zip(keys, labels):
        d[k] = [int(a) for a in v]
    return d


def write_cifar10_python(root, protocol=2, sizes=SIZES, legacy_names=False):
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True, exist_ok=True)
    parts = [make_split(n, i) for i, n in enumerate(sizes)]
    for i, (x, y) in enumerate(parts, start=1):
        data = pickle.dumps(py_batch(x, y, ["labels"]), protocol=protocol)
        if legacy_names:  # the module path Python 2 / NumPy 1 pickles name
            data = data.replace(b"numpy._core.multiarray\n", b"numpy.core.multiarray\n")
        (folder / f"data_batch_{i}").write_bytes(data)
    test = make_split(4, 99)
    (folder / "test_batch").write_bytes(pickle.dumps(py_batch(test[0], test[1], ["labels"]), protocol=protocol))
    names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    (folder / "batches.meta").write_bytes(pickle.dumps({"label_names": names}, protocol=protocol))
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1][0] for p in parts])


# ---- the binary reader --------------------------------------------------------------

def test_cifar10_binary_dataset(tmp_path):
    (x, y), (tx, ty) = write_cifar10_binary(tmp_path)
    ds = CIFAR10(tmp_path)
    assert len(ds) == sum(SIZES) and ds.format == "binary"
    assert ds.data.dtype == nnlite.uint8 and tuple(ds.data.shape) == (sum(SIZES), 3, 32, 32)
    assert ds.targets.dtype == nnlite.int64 and ds.coarse_targets is None
    np.testing.assert_array_equal(ds.data.numpy(), x)
    np.testing.assert_array_equal(ds.targets.numpy(), y)
    test = CIFAR10(tmp_path / "cifar-10-batches-bin", train=False)  # the folder itself works too
    np.testing.assert_array_equal(test.data.numpy(), tx)
    np.testing.assert_array_equal(test.targets.numpy(), ty)
    img, label = ds[3]
    assert img.dtype == nnlite.float32 and tuple(img.shape) == (3, 32, 32) and label == y[3]
    np.testing.assert_allclose(img.numpy(), x[3] / 255.0, rtol=1e-6)
    seen = []
    raw = CIFAR10(tmp_path, transform=lambda im: seen.append(im) or im, pil_images=False)
    assert raw[0][0].dtype == nnlite.uint8 and seen[0].dtype == nnlite.uint8  # transforms get the bytes
    xb, yb = ds.get_batch([4, 0])
    np.testing.assert_allclose(xb.numpy(), x[[4, 0]] / 255.0, rtol=1e-6)
    assert yb.tolist() == [y[4], y[0]]
    assert ds.classes[0] == "airplane" and len(ds.classes) == 10


def test_cifar100_binary_dataset(tmp_path):
    (x, (coarse, fine)), (tx, (tc, tf)) = write_cifar100_binary(tmp_path)
    ds = CIFAR100(tmp_path)
    np.testing.assert_array_equal(ds.data.numpy(), x)
    np.testing.assert_array_equal(ds.targets.numpy(), fine)
    np.testing.assert_array_equal(ds.coarse_targets.numpy(), coarse)
    assert ds[2][1] == fine[2]
    test = CIFAR100(tmp_path, train=False)
    np.testing.assert_array_equal(test.targets.numpy(), tf)
    assert len(CIFAR100.classes) == 100 and len(set(CIFAR100.classes)) == 100


def test_parse_cifar_checks_sizes_and_labels(tmp_path):
    x, y = make_split(3, 0)
    good = records(x, y)
    images, labels, coarse = nnlite._C.parse_cifar(good, "cifar10", "mem")
    np.testing.assert_array_equal(images.numpy(), x)
    assert labels.tolist() == y[0].tolist() and coarse is None
    with pytest.raises(ValueError, match=r"'mem' is 9218 bytes, not a multiple of the 3073-byte"):
        nnlite._C.parse_cifar(good[:-1], "cifar10", "mem")
    with pytest.raises(ValueError, match="empty"):
        nnlite._C.parse_cifar(b"", "cifar10", "mem")
    bad = bytearray(good)
    bad[3073] = 10  # the label of record 1
    with pytest.raises(ValueError, match="record 1 has label 10, expected 0..9"):
        nnlite._C.parse_cifar(bytes(bad), "cifar10", "mem")
    # A CIFAR-10 file read as CIFAR-100 is not a whole number of 3074-byte records.
    with pytest.raises(ValueError, match="3074-byte CIFAR-100 record"):
        nnlite._C.parse_cifar(good, "cifar100", "mem")
    x1, (c1, f1) = make_split(2, 0, True)
    rec = bytearray(records(x1, (c1, f1)))
    rec[0] = 20
    with pytest.raises(ValueError, match="record 0 has coarse label 20, expected 0..19"):
        nnlite._C.parse_cifar(bytes(rec), "cifar100", "mem")
    rec[0], rec[3074 + 1] = 0, 100
    with pytest.raises(ValueError, match="record 1 has fine label 100, expected 0..99"):
        nnlite._C.parse_cifar(bytes(rec), "cifar100", "mem")
    with pytest.raises(ValueError, match="kind"):
        nnlite._C.parse_cifar(good, "cifar11")


def test_corrupt_binary_files_name_the_file(tmp_path):
    write_cifar10_binary(tmp_path)
    f = tmp_path / "cifar-10-batches-bin" / "data_batch_3.bin"
    f.write_bytes(f.read_bytes()[:-100])  # truncated
    with pytest.raises(ValueError) as info:
        CIFAR10(tmp_path)
    assert "data_batch_3.bin" in str(info.value) and "truncated" in str(info.value)
    f.unlink()
    with pytest.raises(FileNotFoundError, match="download=True"):
        CIFAR10(tmp_path)
    with pytest.raises(FileNotFoundError, match="no such file"):
        nnlite._C.read_cifar([str(f)], "cifar10")
    assert len(CIFAR10(tmp_path, train=False)) == 4  # the test split is intact


# ---- the Python (pickle) version -----------------------------------------------------

@pytest.mark.parametrize("protocol,legacy", [(2, False), (2, True), (4, False), (5, False)])
def test_cifar10_python_version_matches(tmp_path, protocol, legacy):
    x, y = write_cifar10_python(tmp_path, protocol, legacy_names=legacy)
    ds = CIFAR10(tmp_path)
    assert ds.format == "python"
    np.testing.assert_array_equal(ds.data.numpy(), x)
    np.testing.assert_array_equal(ds.targets.numpy(), y)
    assert ds.classes == list("abcdefghij")  # read from batches.meta


def test_binary_and_python_versions_agree(tmp_path):
    write_cifar10_binary(tmp_path)
    x, y = write_cifar10_python(tmp_path)  # same seeds, same images
    b, p = CIFAR10(tmp_path, format="binary"), CIFAR10(tmp_path, format="python")
    assert b.format == "binary" and p.format == "python"
    np.testing.assert_array_equal(b.data.numpy(), p.data.numpy())
    np.testing.assert_array_equal(b.targets.numpy(), p.targets.numpy())


def test_cifar100_python_version(tmp_path):
    folder = tmp_path / "cifar-100-python"
    folder.mkdir()
    x, (c, f) = make_split(6, 3, True)
    # bytes keys, as a Python 2 pickle read with encoding="bytes" would have them
    batch = {k.encode(): v for k, v in py_batch(x, (c, f), ["coarse_labels", "fine_labels"]).items()}
    (folder / "train").write_bytes(pickle.dumps(batch, protocol=2))
    ds = CIFAR100(tmp_path)
    np.testing.assert_array_equal(ds.data.numpy(), x)
    np.testing.assert_array_equal(ds.targets.numpy(), f)
    np.testing.assert_array_equal(ds.coarse_targets.numpy(), c)


class RunsCommand:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


class CallsEval:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return eval, (f"open({str(self.marker)!r}, 'w').close()",)


@pytest.mark.parametrize("evil", [RunsCommand, CallsEval])
def test_malicious_pickle_is_refused_without_running(tmp_path, evil):
    marker = tmp_path / "pwned"
    folder = tmp_path / "cifar-10-batches-py"
    folder.mkdir()
    x, y = make_split(2, 0)
    batch = py_batch(x, y, ["labels"])
    batch["filenames"] = evil(marker)  # hidden inside an otherwise valid batch
    for i in range(1, 6):
        (folder / f"data_batch_{i}").write_bytes(pickle.dumps(batch, protocol=2))
    with pytest.raises(ValueError) as info:
        CIFAR10(tmp_path)
    assert "refused" in str(info.value) and "data_batch_1" in str(info.value)
    assert not marker.exists()
    # The unpickler itself refuses too (and pickle.loads would have run it).
    with pytest.raises(ValueError, match="refused to load global"):
        safe_pickle.loads(pickle.dumps(evil(marker)))
    assert not marker.exists()


def test_restricted_unpickler_refuses_abuse_of_allowed_names():
    # numpy.ndarray called directly (could allocate anything): refused.
    direct = b"\x80\x02cnumpy\nndarray\nK\x05\x85R."
    with pytest.raises(ValueError, match="not a valid pickle|refused"):
        safe_pickle.loads(direct, "direct")
    # Object arrays hold arbitrary Python objects: refused.
    with pytest.raises(ValueError, match="refused"):
        safe_pickle.loads(pickle.dumps(np.array([1, "a"], dtype=object), protocol=2))
    # _codecs.encode with another codec: refused.
    other_codec = b"\x80\x02c_codecs\nencode\nX\x01\x00\x00\x00aX\x05\x00\x00\x00rot13\x86R."
    with pytest.raises(ValueError, match="refused"):
        safe_pickle.loads(other_codec)
    # Structured dtypes and other non-numeric arrays: refused.
    with pytest.raises(ValueError, match="only plain numeric dtypes"):
        safe_pickle.loads(pickle.dumps(np.zeros(2, dtype=[("a", "u1")]), protocol=2))
    # A length prefix larger than the file: an error, not a huge allocation.
    with pytest.raises(ValueError, match="not a valid pickle"):
        safe_pickle.loads(b"\x80\x04\x8e" + (1 << 60).to_bytes(8, "little") + b"abc.")
    # An array whose bytes do not match its shape: refused.
    a = pickle.dumps(np.arange(4, dtype=np.uint8), protocol=2)
    with pytest.raises(ValueError, match=r"shape \(5,\) and uint8 from 4 bytes"):
        safe_pickle.loads(a.replace(b"K\x04\x85", b"K\x05\x85"))
    # Plain data and numeric arrays load.
    ok = safe_pickle.loads(pickle.dumps({"a": [1, 2.5, "s", b"b"], "x": np.arange(4.0)}, protocol=4))
    assert ok["a"] == [1, 2.5, "s", b"b"] and ok["x"].tolist() == [0, 1, 2, 3]


def test_bad_pickles_give_clear_errors(tmp_path):
    folder = tmp_path / "cifar-10-batches-py"
    x, y = write_cifar10_python(tmp_path)
    f = folder / "data_batch_2"
    good = f.read_bytes()
    f.write_bytes(good[: len(good) // 2])
    with pytest.raises(ValueError, match="data_batch_2.*corrupt or truncated"):
        CIFAR10(tmp_path)
    cases = [
        ([1, 2], "holds a list"),
        ({"data": np.zeros((2, 3072), np.float32), "labels": [0, 1]}, "'data' is a float32 array"),
        ({"data": np.zeros((2, 100), np.uint8), "labels": [0, 1]}, r"uint8 array \[N, 3072\]"),
        ({"data": np.zeros((2, 3072), np.uint8), "labels": [0]}, "must be a list of 2 integers"),
        ({"data": np.zeros((2, 3072), np.uint8), "labels": [0, "x"]}, "must be a list of 2 integers"),
        ({"data": np.zeros((2, 3072), np.uint8), "labels": [0, 10]}, "holds 10, expected labels in 0..9"),
        ({"data": np.zeros((2, 3072), np.uint8)}, "'labels' must be"),
    ]
    for obj, message in cases:
        f.write_bytes(pickle.dumps(obj, protocol=2))
        with pytest.raises(ValueError, match=message):
            CIFAR10(tmp_path)


def test_constructor_errors(tmp_path):
    with pytest.raises(ValueError, match="root"):
        CIFAR10(None)
    with pytest.raises(TypeError, match="transform"):
        CIFAR10(tmp_path, transform=3)
    with pytest.raises(ValueError, match="format"):
        CIFAR10(tmp_path, format="zip")
    with pytest.raises(FileNotFoundError, match="cifar-10-batches-bin"):
        CIFAR10(tmp_path / "nothing")


def test_transforms_and_loader_on_cifar(tmp_path):
    (x, y), _ = write_cifar10_binary(tmp_path)
    norm = T.Normalize(CIFAR10.mean, CIFAR10.std)
    ds = CIFAR10(tmp_path, transform=T.Compose([T.ToTensor(), norm]))
    img, _ = ds[0]
    want = (x[0] / np.float32(255) - np.array(CIFAR10.mean, np.float32)[:, None, None]) / \
        np.array(CIFAR10.std, np.float32)[:, None, None]
    np.testing.assert_allclose(img.numpy(), want, rtol=1e-5, atol=1e-6)
    batches = list(nnlite.data.DataLoader(ds, batch_size=10))
    assert [tuple(b[0].shape) for b in batches] == [(10, 3, 32, 32), (10, 3, 32, 32), (5, 3, 32, 32)]
    np.testing.assert_array_equal(np.concatenate([b[1].numpy() for b in batches]), y)
