"""nnlite.data: datasets, DataLoader, default_collate, random_split and MNIST."""
import gzip
import shutil
from collections import namedtuple

import numpy as np
import pytest

import nnlite
from nnlite.data import (ConcatDataset, DataLoader, Dataset, Subset, TensorDataset, default_collate,
                         random_split)
from nnlite.data.datasets import MNIST, FashionMNIST
from nnlite.data.datasets.mnist import EMBEDDED_MNIST
from nnlite.data import transforms as T


def seeded(seed):
    g = nnlite.Generator()
    g.manual_seed(seed)
    return g


def toy(n=10):
    x = nnlite.arange(n * 3, dtype=nnlite.float32).reshape(n, 3)
    y = nnlite.arange(n, dtype=nnlite.int64)
    return TensorDataset(x, y)


class Squares(Dataset):
    """A dataset without a batched path: samples are (i, i*i, "name")."""

    def __len__(self):
        return 7

    def __getitem__(self, i):
        if not 0 <= i < 7:
            raise IndexError(i)
        return {"i": i, "sq": float(i * i), "name": f"s{i}"}


# ---- TensorDataset, Subset, ConcatDataset ---------------------------------

def test_tensor_dataset_items_and_errors():
    ds = toy(5)
    assert len(ds) == 5
    x, y = ds[2]
    assert x.tolist() == [6.0, 7.0, 8.0] and y.item() == 2
    assert ds[-1][1].item() == 4
    with pytest.raises(IndexError, match="out of range"):
        ds[5]
    with pytest.raises(TypeError):
        ds["a"]
    with pytest.raises(ValueError, match="size"):
        TensorDataset(nnlite.zeros(3, 2), nnlite.zeros(4))
    with pytest.raises(TypeError):
        TensorDataset(np.zeros(3))
    with pytest.raises(ValueError):
        TensorDataset()


def test_subset_and_concat():
    ds = toy(6)
    sub = Subset(ds, [4, 1])
    assert len(sub) == 2 and sub[0][1].item() == 4 and sub[1][1].item() == 1
    x, y = sub.get_batch(nnlite.tensor([1, 0]))
    assert y.tolist() == [1, 4] and x.tolist() == [[3.0, 4.0, 5.0], [12.0, 13.0, 14.0]]
    assert Subset(Squares(), [0, 1]).get_batch is None
    cat = ConcatDataset([toy(2), toy(3)])
    assert len(cat) == 5 and [int(cat[i][1].item()) for i in range(5)] == [0, 1, 0, 1, 2]
    assert len(toy(2) + toy(4)) == 6


# ---- DataLoader -----------------------------------------------------------

def test_batches_in_order_with_partial_last():
    loader = DataLoader(toy(10), batch_size=4)
    assert len(loader) == 3
    batches = list(loader)
    assert [tuple(b[0].shape) for b in batches] == [(4, 3), (4, 3), (2, 3)]
    assert [b[1].tolist() for b in batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert batches[0][1].dtype == nnlite.int64 and batches[0][0].dtype == nnlite.float32


def test_drop_last():
    loader = DataLoader(toy(10), batch_size=4, drop_last=True)
    assert len(loader) == 2
    assert [b[1].tolist() for b in loader] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert len(DataLoader(toy(3), batch_size=4, drop_last=True)) == 0
    assert list(DataLoader(toy(3), batch_size=4, drop_last=True)) == []


def order_of(loader):
    return [i for _, y in loader for i in y.tolist()]


def test_shuffle_is_a_permutation_and_repeats_with_a_seed():
    a = order_of(DataLoader(toy(50), batch_size=8, shuffle=True, generator=seeded(3)))
    b = order_of(DataLoader(toy(50), batch_size=8, shuffle=True, generator=seeded(3)))
    c = order_of(DataLoader(toy(50), batch_size=8, shuffle=True, generator=seeded(4)))
    assert a == b
    assert sorted(a) == list(range(50)) and a != list(range(50)) and a != c


def test_each_pass_reshuffles_and_manual_seed_fixes_the_default_generator():
    nnlite.manual_seed(11)
    loader = DataLoader(toy(40), batch_size=5, shuffle=True)
    first, second = order_of(loader), order_of(loader)
    assert first != second and sorted(second) == list(range(40))
    nnlite.manual_seed(11)
    assert order_of(loader) == first


def test_batched_path_matches_per_sample_path():
    ds = toy(23)
    fast = list(DataLoader(ds, batch_size=5, shuffle=True, generator=seeded(1)))
    slow = list(DataLoader(ds, batch_size=5, shuffle=True, generator=seeded(1), collate_fn=default_collate))
    assert len(fast) == len(slow) == 5
    for (fx, fy), (sx, sy) in zip(fast, slow):
        assert fx.tolist() == sx.tolist() and fy.tolist() == sy.tolist()


def test_batched_path_is_used(monkeypatch):
    ds = toy(8)
    monkeypatch.setattr(TensorDataset, "__getitem__", lambda self, i: pytest.fail("per-sample path used"))
    assert [b[1].tolist() for b in DataLoader(ds, batch_size=3)] == [[0, 1, 2], [3, 4, 5], [6, 7]]


def test_custom_collate_and_dict_samples():
    batches = list(DataLoader(Squares(), batch_size=3))
    assert len(batches) == 3
    b = batches[0]
    assert b["i"].tolist() == [0, 1, 2] and b["i"].dtype == nnlite.int64
    assert b["sq"].tolist() == [0.0, 1.0, 4.0] and b["sq"].dtype == nnlite.float64
    assert b["name"] == ["s0", "s1", "s2"]
    lens = list(DataLoader(Squares(), batch_size=4, collate_fn=len))
    assert lens == [4, 3]


def test_dataloader_argument_errors():
    with pytest.raises(ValueError, match="batch_size"):
        DataLoader(toy(), batch_size=0)
    with pytest.raises(ValueError, match="batch_size"):
        DataLoader(toy(), batch_size=2.5)
    with pytest.raises(TypeError, match="dataset"):
        DataLoader(5)
    with pytest.raises(TypeError, match="collate_fn"):
        DataLoader(toy(), collate_fn=3)
    with pytest.raises(TypeError, match="generator"):
        DataLoader(toy(), shuffle=True, generator=42)


# ---- default_collate ------------------------------------------------------

Point = namedtuple("Point", "x y")


def test_collate_nested_structures():
    batch = default_collate([(nnlite.ones(2), {"a": 1, "b": [1.5, np.float32(2)]}),
                             (nnlite.zeros(2), {"a": 2, "b": [2.5, np.float32(3)]})])
    assert isinstance(batch, tuple) and len(batch) == 2
    assert batch[0].tolist() == [[1.0, 1.0], [0.0, 0.0]]
    assert batch[1]["a"].tolist() == [1, 2]
    assert isinstance(batch[1]["b"], list)
    assert batch[1]["b"][0].tolist() == [1.5, 2.5] and batch[1]["b"][0].dtype == nnlite.float64
    assert batch[1]["b"][1].dtype == nnlite.float32 and batch[1]["b"][1].tolist() == [2.0, 3.0]


def test_collate_numpy_namedtuple_bool_none():
    arrs = default_collate([np.arange(3, dtype=np.int32), np.arange(3, 6, dtype=np.int32)])
    assert arrs.dtype == nnlite.int32 and arrs.tolist() == [[0, 1, 2], [3, 4, 5]]
    p = default_collate([Point(1, 2.0), Point(3, 4.0)])
    assert isinstance(p, Point) and p.x.tolist() == [1, 3] and p.y.tolist() == [2.0, 4.0]
    assert default_collate([True, False]).dtype == nnlite.bool
    assert default_collate([None, None]) == [None, None]


def test_collate_errors():
    with pytest.raises(ValueError, match="shape"):
        default_collate([nnlite.zeros(2), nnlite.zeros(3)])
    with pytest.raises(ValueError, match="shapes"):
        default_collate([np.zeros(2), np.zeros(3)])
    with pytest.raises(ValueError, match="keys"):
        default_collate([{"a": 1}, {"b": 1}])
    with pytest.raises(ValueError, match="fields"):
        default_collate([(1, 2), (1,)])
    with pytest.raises(TypeError, match="set"):
        default_collate([{1}, {2}])
    with pytest.raises(ValueError, match="empty"):
        default_collate([])


# ---- random_split ---------------------------------------------------------

def test_random_split_lengths_and_fractions():
    ds = toy(10)
    a, b = random_split(ds, [7, 3], generator=seeded(0))
    ids = [int(a[i][1].item()) for i in range(len(a))] + [int(b[i][1].item()) for i in range(len(b))]
    assert len(a) == 7 and len(b) == 3 and sorted(ids) == list(range(10))
    a2, _ = random_split(ds, [7, 3], generator=seeded(0))
    assert a.indices == a2.indices
    parts = random_split(ds, [0.5, 0.3, 0.2], generator=seeded(1))
    assert [len(p) for p in parts] == [5, 3, 2]
    parts = random_split(toy(11), [0.5, 0.5])  # the remainder goes to the first part
    assert [len(p) for p in parts] == [6, 5]


def test_random_split_errors():
    with pytest.raises(ValueError, match="sum"):
        random_split(toy(10), [3, 3])
    with pytest.raises(ValueError, match="fractions"):
        random_split(toy(10), [0.5, 0.6])
    with pytest.raises(ValueError, match="non-negative"):
        random_split(toy(10), [12, -2])


# ---- MNIST ----------------------------------------------------------------

@pytest.fixture(scope="module")
def mnist_train():
    return MNIST(train=True)


def raw_arrays(prefix):
    images = np.frombuffer(gzip.decompress((EMBEDDED_MNIST / f"{prefix}-images-idx3-ubyte.gz").read_bytes()),
                           np.uint8, offset=16).reshape(-1, 28, 28)
    labels = np.frombuffer(gzip.decompress((EMBEDDED_MNIST / f"{prefix}-labels-idx1-ubyte.gz").read_bytes()),
                           np.uint8, offset=8)
    return images, labels


def test_embedded_mnist(mnist_train):
    assert len(mnist_train) == 4000
    assert mnist_train.data.dtype == nnlite.uint8 and tuple(mnist_train.data.shape) == (4000, 28, 28)
    assert mnist_train.targets.dtype == nnlite.int64 and tuple(mnist_train.targets.shape) == (4000,)
    assert np.bincount(mnist_train.targets.numpy(), minlength=10).tolist() == [400] * 10
    test = MNIST(train=False)
    assert len(test) == 1000
    assert np.bincount(test.targets.numpy(), minlength=10).tolist() == [100] * 10
    images, labels = raw_arrays("train")
    np.testing.assert_array_equal(mnist_train.data.numpy(), images)
    np.testing.assert_array_equal(mnist_train.targets.numpy(), labels)


def test_mnist_samples(mnist_train):
    images, labels = raw_arrays("train")
    x, y = mnist_train[17]
    assert x.dtype == nnlite.float32 and tuple(x.shape) == (1, 28, 28)
    assert isinstance(y, int) and y == labels[17]
    np.testing.assert_allclose(x.numpy()[0], images[17] / 255.0, rtol=1e-6)
    assert mnist_train[-1][1] == labels[-1]
    with pytest.raises(IndexError):
        mnist_train[4000]
    norm = MNIST(normalize=True)
    np.testing.assert_allclose(norm[17][0].numpy()[0], (images[17] / 255.0 - 0.1307) / 0.3081, rtol=1e-5, atol=1e-5)


def test_mnist_batches_match_samples(mnist_train):
    idx = [5, 0, 3999, 123]
    xb, yb = mnist_train.get_batch(nnlite.tensor(idx))
    assert tuple(xb.shape) == (4, 1, 28, 28) and xb.dtype == nnlite.float32 and yb.dtype == nnlite.int64
    for row, i in enumerate(idx):
        x, y = mnist_train[i]
        np.testing.assert_array_equal(xb.numpy()[row], x.numpy())
        assert yb.tolist()[row] == y
    fast = list(DataLoader(mnist_train, batch_size=512, shuffle=True, generator=seeded(0)))
    slow = list(DataLoader(mnist_train, batch_size=512, shuffle=True, generator=seeded(0), collate_fn=default_collate))
    for (fx, fy), (sx, sy) in zip(fast[:2], slow[:2]):
        np.testing.assert_array_equal(fx.numpy(), sx.numpy())
        assert fy.tolist() == sy.tolist()


def test_mnist_transforms_run_per_sample():
    ds = MNIST(train=False, transform=lambda x: T.ToTensor()(x).flatten(), target_transform=lambda y: y + 100)
    assert ds.get_batch is None
    x, y = ds[0]
    assert tuple(x.shape) == (784,) and y >= 100
    xb, yb = next(iter(DataLoader(ds, batch_size=4)))
    assert tuple(xb.shape) == (4, 784) and min(yb.tolist()) >= 100
    with pytest.raises(TypeError, match="transform"):
        MNIST(transform=3)


def copy_embedded(dst, gunzip=()):
    """Copy the embedded files to ``dst``, gunzipped for names starting with one of ``gunzip``."""
    dst.mkdir(parents=True, exist_ok=True)
    for f in EMBEDDED_MNIST.glob("*.gz"):
        stem = f.name[:-3]
        if stem.startswith(tuple(gunzip)):
            (dst / stem).write_bytes(gzip.decompress(f.read_bytes()))
        else:
            shutil.copy(f, dst / f.name)
    return dst


@pytest.mark.parametrize("gunzip", [(), ("train", "t10k"), ("train-images", "t10k-labels")])
def test_mnist_from_a_directory_raw_or_gzipped(tmp_path, gunzip):
    root = copy_embedded(tmp_path / "d", gunzip)
    ds = MNIST(root, train=True)
    assert len(ds) == 4000 and np.bincount(ds.targets.numpy()).tolist() == [400] * 10
    assert len(MNIST(str(root), train=False)) == 1000


def test_mnist_torchvision_layout(tmp_path):
    copy_embedded(tmp_path / "MNIST" / "raw", ("train",))
    assert len(MNIST(tmp_path)) == 4000


def test_mnist_missing_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        MNIST(tmp_path / "nowhere")
    root = copy_embedded(tmp_path / "d")
    (root / "train-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FileNotFoundError) as info:
        MNIST(root)
    assert "train-labels-idx1-ubyte" in str(info.value) and str(root) in str(info.value)
    assert len(MNIST(root, train=False)) == 1000


def write_idx_gz(path, array):
    array = np.asarray(array, np.uint8)
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    path.write_bytes(gzip.compress(header + array.tobytes()))


def test_mnist_inconsistent_files(tmp_path):
    root = copy_embedded(tmp_path / "d")
    write_idx_gz(root / "t10k-labels-idx1-ubyte.gz", np.zeros(999))
    with pytest.raises(ValueError, match="1000 images but 999 labels"):
        MNIST(root, train=False)
    write_idx_gz(root / "t10k-labels-idx1-ubyte.gz", np.full(1000, 10))
    with pytest.raises(ValueError, match="label 10"):
        MNIST(root, train=False)
    write_idx_gz(root / "t10k-labels-idx1-ubyte.gz", np.zeros((1000, 2)))
    with pytest.raises(ValueError, match="1-d"):
        MNIST(root, train=False)
    (root / "train-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8b garbage")
    with pytest.raises(ValueError, match="train-images"):
        MNIST(root, train=True)


def test_fashion_mnist(tmp_path):
    with pytest.raises(ValueError, match="root"):
        FashionMNIST()
    root = copy_embedded(tmp_path / "f", ("t10k",))
    ds = FashionMNIST(root, train=False)
    assert len(ds) == 1000 and ds.classes[9] == "Ankle boot"
    with pytest.raises(FileNotFoundError, match="FashionMNIST"):
        FashionMNIST(tmp_path / "none")
