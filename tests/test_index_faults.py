"""Index checks done by the backend kernels (see test_device_clean.py): the
first bad index is reported, in the index tensor's row-major order, also when
the kernel runs on several threads; nothing is written on failure; index maps
built with ops (pad, upsample) and randperm's kernel give torch's / the
previous results exactly; cross-device copies go through the backend."""

import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
torch = pytest.importorskip("torch")
TF = pytest.importorskip("torch.nn.functional")


def _message(fn):
    with pytest.raises(IndexError) as e:
        fn()
    return str(e.value)


def test_gather_reports_the_first_bad_index():
    x = nnlite.zeros(3, 4)
    msg = _message(lambda: nnlite.gather(x, 1, nnlite.tensor([[0, 1], [9, 0], [7, -1]])))
    assert msg == "gather: index 9 is out of bounds for dimension 1 with size 4"
    msg = _message(lambda: nnlite.gather(x, 0, nnlite.tensor([[0, 1], [-1, 0]])))
    assert msg == "gather: index -1 is out of bounds for dimension 0 with size 3"


def test_scatter_reports_the_first_bad_index():
    msg = _message(lambda: nnlite.scatter_add(nnlite.zeros(3, 4), 1, nnlite.tensor([[0, 4, 6]]), nnlite.ones(1, 3)))
    assert msg == "scatter_add: index 4 is out of bounds for dimension 1 with size 4"


def test_index_select_wraps_negatives_and_reports_the_first_bad_one():
    x = nnlite.arange(12.).reshape(3, 4)
    np.testing.assert_array_equal(nnlite.index_select(x, 1, nnlite.tensor([-1, 0, -4])).numpy(),
                                  x.numpy()[:, [3, 0, 0]])
    msg = _message(lambda: nnlite.index_select(x, 1, nnlite.tensor([1, -5, 9])))
    assert msg == "index_select: index -5 is out of bounds for dimension 1 with size 4"


def test_advanced_index_first_bad_index_after_broadcast():
    x = nnlite.arange(12.).reshape(3, 4)
    # Row index [[0], [5]] broadcast against [1, 2, 3]: 5 is the first bad one;
    # the column index is checked after all rows passed.
    msg = _message(lambda: x[nnlite.tensor([[0], [5]]), nnlite.tensor([1, 2, 3])])
    assert msg == "index: index 5 is out of bounds for dimension 0 with size 3"
    msg = _message(lambda: x[nnlite.tensor([[0], [2]]), nnlite.tensor([1, -7, 4])])
    assert msg == "index: index -7 is out of bounds for dimension 1 with size 4"
    np.testing.assert_array_equal(x[nnlite.tensor([[-1], [0]]), nnlite.tensor([-4, 3])].numpy(),
                                  x.numpy()[[[-1], [0]], [-4, 3]])


def test_advanced_index_on_many_threads_reports_the_first_bad_index():
    # Large enough for the offsets kernel to split across threads; bad indices
    # late in several threads' ranges, the first one early in another's.
    n = 400_000
    idx = np.arange(n, dtype=np.int64) % 1000
    for at, v in [(390_000, 5000), (250_001, -3000), (120_007, 1000), (310_000, 1234)]:
        idx[at] = v
    x = nnlite.arange(1000.)
    msg = _message(lambda: x[nnlite.tensor(idx)])
    assert msg == "index: index 1000 is out of bounds for dimension 0 with size 1000"
    msg = _message(lambda: x[nnlite.tensor(idx.reshape(400, 1000))])
    assert msg == "index: index 1000 is out of bounds for dimension 0 with size 1000"


def test_index_with_an_empty_result_still_checks():
    msg = _message(lambda: nnlite.zeros(0, 3)[:, nnlite.tensor([5])])
    assert msg == "index: index 5 is out of bounds for dimension 1 with size 3"


def test_failed_index_ops_write_nothing():
    x = nnlite.zeros(3, 4)
    with pytest.raises(IndexError):
        x.index_put_((nnlite.tensor([0, 1, 2, 3]),), nnlite.ones(4, 4))
    with pytest.raises(IndexError):
        x[nnlite.tensor([0, 1]), nnlite.tensor([2, 4])] = 5.0
    np.testing.assert_array_equal(x.numpy(), np.zeros((3, 4)))


def test_gather_and_scatter_of_a_0d_tensor():
    x = nnlite.tensor(5.0)
    assert nnlite.gather(x, 0, nnlite.tensor(0)).item() == 5.0
    assert torch.gather(torch.tensor(5.0), 0, torch.tensor(0)).item() == 5.0
    assert nnlite.scatter(x, 0, nnlite.tensor(0), nnlite.tensor(2.0)).item() == 2.0
    assert _message(lambda: nnlite.gather(x, 0, nnlite.tensor(1))) == (
        "gather: index 1 is out of bounds for dimension 0 with size 1")


def test_randperm_repeats_the_previous_draws():
    # Fisher-Yates from the end with next_u64() % (i + 1): these are the values
    # of the implementation before randperm became a backend kernel.
    g = nnlite.Generator().manual_seed(3)
    assert nnlite.randperm(10, generator=g).numpy().tolist() == [6, 7, 3, 4, 5, 2, 0, 9, 1, 8]
    nnlite.manual_seed(0)
    a = nnlite.randperm(1000).numpy()
    nnlite.manual_seed(0)
    np.testing.assert_array_equal(a, nnlite.randperm(1000).numpy())
    assert sorted(a.tolist()) == list(range(1000))


@pytest.mark.parametrize("H", [1, 2, 3, 5, 7, 12])
def test_nearest_index_maps_match_torch(H):
    x = np.arange(H * 3, dtype=np.float32).reshape(1, 1, H, 3)
    for oh in range(1, 3 * H + 4):
        got = F.interpolate(nnlite.tensor(x), size=(oh, 5), mode="nearest").numpy()
        np.testing.assert_array_equal(got, TF.interpolate(torch.tensor(x), size=(oh, 5), mode="nearest").numpy())
    for s in [0.7, 1.3, 1.7, 2.0, 2.1, 2.5, 3.0, 3.3]:
        if int(H * s) == 0:
            continue  # an empty output: both refuse
        got = F.interpolate(nnlite.tensor(x), scale_factor=s, mode="nearest").numpy()
        want = TF.interpolate(torch.tensor(x), scale_factor=s, mode="nearest").numpy()
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
def test_pad_index_maps_match_torch(mode):
    for n in range(1, 6):
        x = np.arange(2 * n, dtype=np.float32).reshape(1, 2, n)
        for left in range(n + 1):
            for right in range(n + 1):
                try:
                    want = TF.pad(torch.tensor(x), (left, right), mode=mode).numpy()
                except RuntimeError:
                    continue  # torch refuses (reflect needs pads < n)
                got = F.pad(nnlite.tensor(x), (left, right), mode=mode).numpy()
                np.testing.assert_array_equal(got, want, err_msg=f"{mode} n={n} pads=({left}, {right})")


def test_cross_device_copy_asks_the_device_backend():
    if nnlite.cuda.is_available():
        pytest.skip("a CUDA device is present")
    with pytest.raises(RuntimeError, match=r"^to: .*CUDA"):
        nnlite.ones(2).to("cuda")
    x = nnlite.ones(2)
    assert x.to("cpu") is x or np.array_equal(x.to("cpu").numpy(), x.numpy())
