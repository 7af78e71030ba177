"""The DataLoader's native path (C++ threads) and worker threads: the same
batches whatever the path or the number of workers, errors that reach the
loop with their traceback, and no thread left behind."""
import gc
import threading
import time
import traceback

import numpy as np
import pytest

import nnlite
from nnlite import _C
from nnlite.data import DataLoader, Dataset, Subset, TensorDataset, random_split
from nnlite.data import transforms as T
from nnlite.data.datasets import CIFAR10, MNIST
from nnlite.data.native import Plan, live_threads, plan_for

from test_cifar import write_cifar10_binary

N = 130  # images in the synthetic CIFAR training set


def augment():
    return T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(),
                      T.Normalize(CIFAR10.mean, CIFAR10.std)])


@pytest.fixture(scope="module")
def cifar_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("cifar")
    write_cifar10_binary(root, sizes=[40, 30, 20, 25, 15])
    return root


@pytest.fixture(scope="module")
def raw(cifar_root):
    """The synthetic training images (uint8 [N, 3, 32, 32]) and labels."""
    ds = CIFAR10(cifar_root)
    return ds.data.numpy().copy(), ds.targets.numpy().copy()


def seeded(seed):
    g = nnlite.Generator()
    g.manual_seed(seed)
    return g


def epoch(loader):
    return [tuple(t.numpy().copy() for t in batch) for batch in loader]


def assert_same(a, b):
    assert len(a) == len(b)
    for i, (p, q) in enumerate(zip(a, b)):
        assert len(p) == len(q)
        for u, v in zip(p, q):
            assert u.dtype == v.dtype and u.shape == v.shape, f"batch {i}"
            np.testing.assert_array_equal(u, v, err_msg=f"batch {i}")


def run(ds, seed=3, **kw):
    kw.setdefault("batch_size", 16)
    return epoch(DataLoader(ds, shuffle=True, generator=seeded(seed), **kw))


class Images(Dataset):
    """A plain Python dataset (no native path) applying a transform to uint8 tensors."""

    def __init__(self, images, transform, fail_at=None):
        self.images = nnlite.from_numpy(images)
        self.transform = transform
        self.fail_at = fail_at
        self.threads = set()
        self.loaded = 0

    def __len__(self):
        return self.images.shape[0]

    def __getitem__(self, i):
        self.threads.add(threading.current_thread().name)
        self.loaded += 1
        if i == self.fail_at:
            _load_broken_sample(i)
        return self.transform(self.images[i]), i


def _load_broken_sample(i):
    raise KeyError(f"sample {i} is broken")


# ---- which path ----------------------------------------------------------------------

def test_plans(cifar_root):
    assert isinstance(plan_for(TensorDataset(nnlite.zeros(4, 2))), Plan)
    p = plan_for(CIFAR10(cifar_root, transform=augment()))
    assert isinstance(p, Plan) and p.random
    assert isinstance(plan_for(CIFAR10(cifar_root)), Plan) and not plan_for(CIFAR10(cifar_root)).random
    assert isinstance(plan_for(MNIST(train=False, transform=T.RandomCrop(28, 2), pil_images=False)), Plan)
    # PIL images (torchvision's samples) leave the native path only a pipeline that ends in tensors
    pytest.importorskip("PIL")
    assert "no ToTensor" in plan_for(MNIST(train=False, transform=T.RandomCrop(28, 2)))
    assert isinstance(plan_for(MNIST(train=False, transform=T.Compose([T.RandomCrop(28, 2), T.ToTensor()]))), Plan)
    sub = plan_for(Subset(Subset(CIFAR10(cifar_root), [5, 6, 7]), [2, 0]))
    assert sub.index_map.tolist() == [7, 5]
    assert "Lambda" in plan_for(CIFAR10(cifar_root, transform=T.Compose([T.Lambda(abs), T.ToTensor()])))
    assert "flip before the crop" in plan_for(CIFAR10(cifar_root, transform=T.Compose(
        [T.RandomHorizontalFlip(), T.RandomCrop(30)])))
    assert "per-sample work" in plan_for(CIFAR10(cifar_root, target_transform=int))
    assert "not array-backed" in plan_for(Images(np.zeros((2, 3, 4, 4), np.uint8), abs))
    assert "requires grad" in plan_for(TensorDataset(nnlite.zeros(3, requires_grad=True)))
    with pytest.raises(ValueError, match="native=True.*Lambda"):
        DataLoader(CIFAR10(cifar_root, transform=T.Lambda(abs)), native=True)


# ---- the native path gives what the per-sample path gives -----------------------------

@pytest.mark.parametrize("pil_images", [None, False])
@pytest.mark.parametrize("transform", [
    augment,
    lambda: T.Compose([T.CenterCrop(28), T.ToTensor(), T.Normalize((0.5,), (0.25,))]),
    lambda: T.Compose([T.CenterCrop((34, 30)), T.RandomHorizontalFlip(0.3), T.ToTensor()]),
    lambda: T.RandomCrop(28),  # stays uint8
    lambda: T.Compose([T.ToTensor(), T.RandomCrop(32, padding=(1, 2, 3, 4), fill=0.5),
                       T.Normalize((0.1, 0.2, 0.3), (0.3, 0.2, 0.1))]),  # padding after the value steps
    lambda: T.Compose([T.RandomCrop((30, 36), pad_if_needed=True, fill=7), T.ToTensor()]),
    lambda: None,
])
def test_native_matches_per_sample_path_bit_for_bit(cifar_root, transform, pil_images):
    ds = CIFAR10(cifar_root, transform=transform(), pil_images=pil_images)
    steps = getattr(ds.transform, "transforms", [ds.transform])
    if ds.pil_images and ds.transform is not None and not any(isinstance(t, T.ToTensor) for t in steps):
        # samples stay PIL images, which (as in torch) do not collate
        with pytest.raises(ValueError, match="no ToTensor"):
            run(ds, native=True)
        return
    fast = run(ds, native=True)
    assert_same(fast, run(ds, native=False))
    assert len(fast) == 9


def test_augmentation_happens(cifar_root, raw):
    x, _ = raw
    flipped = epoch(DataLoader(CIFAR10(cifar_root, transform=T.RandomHorizontalFlip(1.0), pil_images=False),
                               batch_size=50))
    np.testing.assert_array_equal(np.concatenate([b[0] for b in flipped]), x[:, :, :, ::-1])
    crops = np.concatenate([b[0] for b in epoch(DataLoader(CIFAR10(cifar_root, transform=T.RandomCrop(32, 4),
                                                                   pil_images=False), batch_size=50))])
    shifted = [not np.array_equal(c, img) for c, img in zip(crops, x)]
    assert sum(shifted) > N * 0.8  # 1 in 81 offsets is the identity
    half = np.concatenate([b[0] for b in epoch(DataLoader(CIFAR10(cifar_root, transform=T.RandomHorizontalFlip(),
                                                                  pil_images=False), batch_size=50))])
    n_flipped = sum(np.array_equal(h, img[:, :, ::-1]) for h, img in zip(half, x))
    assert 0.25 * N < n_flipped < 0.75 * N


def test_mnist_native_matches_per_sample_path():
    for normalize in (False, True):
        ds = MNIST(train=False, normalize=normalize,
                   transform=T.Compose([T.RandomCrop(28, padding=2), T.ToTensor(), T.Normalize((0.5,), (2.0,))]))
        assert_same(run(ds, batch_size=100, native=True), run(ds, batch_size=100, native=False))


def test_subsets_and_splits_use_the_native_path(cifar_root):
    ds = CIFAR10(cifar_root, transform=augment())
    train, _ = random_split(ds, [100, 30], generator=seeded(0))
    assert_same(run(train, native=True), run(train, native=False))
    assert_same(run(Subset(train, [9, 3, 50]), native=True), run(Subset(train, [9, 3, 50]), native=False))


def test_tensor_datasets_of_any_dtype():
    rng = np.random.default_rng(0)
    tensors = [nnlite.from_numpy(rng.random((23, 2, 3))), nnlite.from_numpy(rng.integers(0, 9, 23).astype(np.int32)),
               nnlite.from_numpy(rng.random(23) > 0.5), nnlite.arange(23).view(23, 1)[:, 0]]
    ds = TensorDataset(*tensors)
    fast = run(ds, batch_size=5, native=True)
    assert_same(fast, run(ds, batch_size=5, native=False))
    assert [b[0].shape[0] for b in fast] == [5, 5, 5, 5, 3]
    assert [b[0].shape[0] for b in run(ds, batch_size=5, drop_last=True, native=True)] == [5, 5, 5, 5]
    w = nnlite.ones(4, 2, requires_grad=True)
    x, = next(iter(DataLoader(TensorDataset(w), batch_size=2)))
    assert x.requires_grad  # such tensors keep the index_select path and its graph


# ---- the same seed gives the same batches ----------------------------------------------

def test_same_seed_same_batches_across_runs_and_workers(cifar_root, raw):
    ds = CIFAR10(cifar_root, transform=augment())
    ref = run(ds)
    for kw in ({"num_workers": 1}, {"num_workers": 3}, {"num_workers": 2, "prefetch_factor": 1},
               {"native": False}, {"native": False, "num_workers": 3}):
        assert_same(ref, run(ds, **kw))
    other = run(ds, seed=4)
    assert not np.array_equal(ref[0][0], other[0][0])
    # Plain Python datasets: identical across worker counts too, and the threads are used.
    py = Images(raw[0], augment())
    serial = run(py)
    threaded = Images(raw[0], augment())
    assert_same(serial, run(threaded, num_workers=3))
    assert any(name.startswith("nnlite-DataLoader-worker") for name in threaded.threads)
    # The images match the CIFAR pipeline's, sample for sample.
    assert_same([b[:1] for b in serial], [b[:1] for b in ref])


def test_each_epoch_draws_new_order_and_augmentation(cifar_root):
    ds = CIFAR10(cifar_root, transform=T.Compose([T.RandomCrop(32, 4), T.ToTensor()]))
    nnlite.manual_seed(5)
    loader = DataLoader(ds, batch_size=N)
    first, second = epoch(loader), epoch(loader)  # no shuffle: same order, new crops
    np.testing.assert_array_equal(first[0][1], second[0][1])
    assert not np.array_equal(first[0][0], second[0][0])
    nnlite.manual_seed(5)
    assert_same(first, epoch(loader))


# ---- buffers -----------------------------------------------------------------------------

def test_kept_batches_stay_valid_and_dropped_buffers_are_reused(cifar_root):
    ds = CIFAR10(cifar_root, transform=augment())
    loader = DataLoader(ds, batch_size=10, shuffle=True, generator=seeded(1), num_workers=2)
    kept = list(loader)  # every batch alive at once: none may be overwritten
    assert_same([tuple(t.numpy() for t in b) for b in kept], run(ds, seed=1, batch_size=10, native=False))
    before = loader._pool.reused
    for _ in range(2):
        for x, y in loader:
            pass
    assert loader._pool.reused > before  # dropped batches' buffers were refilled
    arrays = [x.numpy() for x, _ in loader]  # numpy views keep their buffers alive too
    assert len({a.__array_interface__["data"][0] for a in arrays}) == len(arrays)
    copies = [a.copy() for a in arrays]
    del loader  # the pool goes; the batches outlive it and free themselves later
    gc.collect()
    assert all(np.array_equal(a, c) for a, c in zip(arrays, copies))
    del arrays, kept


# ---- errors and threads ------------------------------------------------------------------

@pytest.mark.parametrize("workers", [0, 2])
def test_worker_exception_reaches_the_loop_with_its_traceback(raw, workers):
    baseline = threading.active_count()
    ds = Images(raw[0], T.ToTensor(), fail_at=37)
    seen = 0
    with pytest.raises(KeyError, match="sample 37 is broken") as info:
        for x, _ in DataLoader(ds, batch_size=8, num_workers=workers):
            seen += 1
    assert seen == 4  # batches 0..3 came through; batch 4 holds sample 37
    frames = [f.name for f in traceback.extract_tb(info.value.__traceback__)]
    assert "_load_broken_sample" in frames and "__getitem__" in frames
    if workers:
        assert "worker thread" in "".join(getattr(info.value, "__notes__", []))
    assert threading.active_count() == baseline


def test_breaking_out_early_leaves_no_thread(cifar_root, raw):
    baseline = threading.active_count()
    loader = DataLoader(CIFAR10(cifar_root, transform=augment()), batch_size=10, num_workers=3)
    for k, _ in enumerate(loader):
        assert live_threads() == 3  # 13 batches, at most 6 ahead: the threads are still needed
        if k == 1:
            break
    assert live_threads() == 0
    for k, _ in enumerate(DataLoader(Images(raw[0], T.ToTensor()), batch_size=10, num_workers=3)):
        assert threading.active_count() == baseline + 3
        if k == 1:
            break
    assert threading.active_count() == baseline
    # An exhausted loop stops them too, and so does close().
    list(loader)
    assert live_threads() == 0
    it = iter(loader)
    next(it)
    it.close()
    assert live_threads() == 0
    with pytest.raises(StopIteration):
        next(it)


def test_deleting_the_loader_joins_its_threads(cifar_root, raw):
    baseline = threading.active_count()
    loader = DataLoader(CIFAR10(cifar_root, transform=augment()), batch_size=10, num_workers=2)
    it = iter(loader)
    next(it)
    assert live_threads() == 2
    del loader, it
    gc.collect()
    assert live_threads() == 0
    loader = DataLoader(Images(raw[0], T.ToTensor()), batch_size=10, num_workers=2)
    it = iter(loader)
    next(it)
    assert threading.active_count() == baseline + 2
    del loader, it
    gc.collect()
    assert threading.active_count() == baseline


def test_prefetch_is_bounded(raw):
    ds = Images(raw[0], T.ToTensor())
    it = iter(DataLoader(ds, batch_size=10, num_workers=2, prefetch_factor=1))
    next(it)
    time.sleep(0.05)  # let the workers run as far as they may (the bound holds at any time)
    assert ds.loaded <= (1 + 2) * 10  # the batch handed out plus prefetch_factor * workers ahead
    it.close()


def test_loader_argument_errors(cifar_root):
    ds = TensorDataset(nnlite.zeros(4))
    for kw, message in (({"num_workers": -1}, "num_workers"), ({"prefetch_factor": 0}, "prefetch_factor"),
                        ({"native": "yes"}, "native")):
        with pytest.raises(ValueError, match=message):
            DataLoader(ds, **kw)
    order = nnlite.tensor([0, 4], dtype=nnlite.int64)
    with pytest.raises(IndexError, match=r"order\[1\] = 4 is out of range"):
        _C._BatchLoader([(nnlite.zeros(4), None)], order, 2, False, 0, 1, 2)
    with pytest.raises(ValueError, match="field 1 has 3 samples"):
        _C._BatchLoader([(nnlite.zeros(4), None), (nnlite.zeros(3), None)], order[:1], 2, False, 0, 1, 2)
    with pytest.raises(ValueError, match="num_threads"):
        _C._BatchLoader([(nnlite.zeros(4), None)], order[:1], 2, False, 0, 0, 2)
    aug = _C._ImageAugment()
    aug.out_h = aug.out_w = 2
    aug.lut = nnlite.zeros(3, 255)
    aug.fill = nnlite.zeros(3)
    with pytest.raises(ValueError, match=r"lookup table must be \[C, 256\]"):
        _C._BatchLoader([(nnlite.zeros(4, 3, 2, 2, dtype=nnlite.uint8), aug)], order[:1], 2, False, 0, 1, 2)
    with pytest.raises(ValueError, match="uint8 images"):
        _C._BatchLoader([(nnlite.zeros(4, 3, 2, 2), aug)], order[:1], 2, False, 0, 1, 2)
    assert live_threads() == 0
