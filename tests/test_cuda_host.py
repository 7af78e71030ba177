"""Host-side checks of the CUDA backend: the parts that are plain C++ (Philox,
the strided index math, the caching allocator's bookkeeping) run here with or
without a GPU, through nnlite._C._cuda_host; and nnlite.cuda's answers on a
machine without a GPU."""
import numpy as np
import pytest

import nnlite
from nnlite import _C

H = _C._cuda_host
MiB = 1 << 20


# ---- Philox4x32-10 -----------------------------------------------------------

@pytest.mark.parametrize("ctr, key, expected", [
    # The known-answer vectors published with Random123 (kat_vectors).
    ((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((0xFFFFFFFF,) * 4, (0xFFFFFFFF, 0xFFFFFFFF), (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0),
     (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
])
def test_philox_known_answers(ctr, key, expected):
    assert tuple(H.philox(list(ctr), *key)) == expected


def test_philox_uniforms_repeat_per_key_and_cover_unit_interval():
    a = np.array(H.uniform_doubles(7, 20000))
    assert np.array_equal(a, H.uniform_doubles(7, 20000))  # counter-based: same key, same values
    assert not np.array_equal(a, H.uniform_doubles(8, 20000))
    assert a.min() >= 0 and a.max() < 1
    assert abs(a.mean() - 0.5) < 0.01 and abs(a.var() - 1 / 12) < 0.005


@pytest.mark.parametrize("rate", [0.0, 0.5, 3.0, 25.0, 400.0])  # both algorithms (small < 10 <= large)
def test_philox_poisson_draws_match_the_distribution(rate):
    draws = np.array(H.poisson_draws(11, rate, 20000))
    assert np.array_equal(draws, H.poisson_draws(11, rate, 20000))
    assert draws.min() >= 0
    if rate == 0:
        assert not draws.any()
        return
    sd = np.sqrt(rate / len(draws))
    assert abs(draws.mean() - rate) < 5 * sd
    assert abs(draws.var() / rate - 1) < 0.1


# ---- strided index math --------------------------------------------------------

def _numpy_offsets(shape, strides):
    idx = np.indices(shape).reshape(len(shape), -1) if shape else np.zeros((0, 1), dtype=np.int64)
    return (np.asarray(strides, dtype=np.int64)[:, None] * idx).sum(axis=0) if shape else np.zeros(1, np.int64)


@pytest.mark.parametrize("shape, strides_a, strides_b", [
    ((), (), ()),
    ((5,), (1,), (0,)),                       # broadcast scalar
    ((3, 4), (4, 1), (1, 3)),                 # contiguous vs transposed
    ((2, 1, 3), (3, 3, 1), (0, 0, 1)),        # size-1 dim, broadcast row
    ((2, 3, 4, 5), (60, 20, 5, 1), (1, 2, 6, 24)),
    ((4, 6), (12, 2), (6, 1)),                # step-2 slice
    ((2, 0, 3), (0, 3, 1), (3, 3, 1)),        # empty
])
def test_strided_offsets_match_numpy(shape, strides_a, strides_b):
    got_a, got_b = H.strided_offsets2(list(shape), [list(strides_a), list(strides_b)])
    n = int(np.prod(shape)) if shape else 1
    assert len(got_a) == n
    if n:
        np.testing.assert_array_equal(got_a, _numpy_offsets(shape, strides_a))
        np.testing.assert_array_equal(got_b, _numpy_offsets(shape, strides_b))


def test_strided_offsets_three_operands():
    shape, st = (3, 2, 4), [[8, 4, 1], [0, 1, 0], [1, 0, 3]]
    got = H.strided_offsets3(list(shape), st)
    for k in range(3):
        np.testing.assert_array_equal(got[k], _numpy_offsets(shape, st[k]))


def test_strided_index_merges_contiguous_dims_and_reports_too_many():
    assert H.merged_ndim([2, 3, 4], [12, 4, 1]) == 1   # contiguous: one flat dim
    assert H.merged_ndim([2, 3, 4], [1, 2, 6]) == 3    # fully permuted: nothing merges
    assert H.merged_ndim([2, 1, 4], [4, 99, 1]) == 1   # size-1 dims are dropped
    n = H.max_dims + 1
    strides = [3 ** (n - d) for d in range(n)]          # every dim steps over a gap: none merge
    assert H.merged_ndim([2] * n, strides) == -1
    with pytest.raises(ValueError, match="too many dims"):
        H.strided_offsets2([2] * n, [strides, strides])


# ---- the caching allocator's bookkeeping ---------------------------------------

@pytest.mark.parametrize("n, cls", [(1, 512), (512, 512), (513, 1024), (MiB - 1, MiB), (MiB, 2 * MiB), (MiB + 1, 2 * MiB),
                                    (3 * MiB, 4 * MiB)])
def test_size_classes(n, cls):
    assert H.size_class(n) == cls


def test_cache_reuses_freed_blocks_of_the_same_class():
    c = H.FakeDeviceCache(64 * MiB)
    a = c.allocate(1000)
    s = c.stats()
    assert (s["allocated"], s["reserved"], s["device_allocs"]) == (1024, 1024, 1)
    assert c.release(a)
    s = c.stats()
    assert (s["allocated"], s["reserved"], s["cached_blocks"]) == (0, 1024, 1)
    assert c.allocate(900) == a                     # same class: the cached block comes back
    assert c.stats()["device_allocs"] == 1
    b = c.allocate(3000)                            # a larger class never takes the small block
    assert b != a and c.stats()["device_allocs"] == 2
    assert c.allocate(0) is None


def test_cache_does_not_hand_out_much_larger_blocks():
    c = H.FakeDeviceCache(64 * MiB)
    big = c.allocate(8 * MiB)
    c.release(big)
    small = c.allocate(2 * MiB)                     # 8 MiB is far over 2 MiB's class: a new block
    assert small != big and c.stats()["device_allocs"] == 2
    c.release(small)
    assert c.allocate(8 * MiB - 100) == big


def test_cache_peak_and_empty_cache():
    c = H.FakeDeviceCache(64 * MiB)
    blocks = [c.allocate(2 * MiB) for _ in range(3)]
    for p in blocks:
        c.release(p)
    s = c.stats()
    assert s["peak_allocated"] == 6 * MiB and s["allocated"] == 0 and s["reserved"] == 6 * MiB
    c.reset_peak()
    assert c.stats()["peak_allocated"] == 0
    keep = c.allocate(2 * MiB)
    c.empty_cache()                                 # returns the two cached blocks, keeps the live one
    s = c.stats()
    assert s["reserved"] == 2 * MiB and s["cached_blocks"] == 0 and c.device_frees == 2
    assert c.device_in_use == 2 * MiB
    assert c.release(keep) and not c.release(keep)  # a second release of the same block is refused


def test_cache_out_of_memory_frees_the_cache_and_retries_once():
    c = H.FakeDeviceCache(6 * MiB)
    a = c.allocate(2 * MiB)
    c.release(a)                                    # cached: the device holds 2 of its 6 MiB
    b = c.allocate(5 * MiB)                         # class 6 MiB: fits only once the cache is freed
    assert b is not None and c.device_frees == 1
    assert c.allocate(MiB) is None                  # nothing left to free: out of memory
    s = c.stats()
    assert s["allocated"] == 6 * MiB and s["reserved"] == 6 * MiB
    assert c.release(b)
    assert c.allocate(MiB) is not None              # usable after the failure
    assert not c.release(12345)


# ---- nnlite.cuda without a GPU ----------------------------------------------------

needs_no_gpu = pytest.mark.skipif(nnlite.cuda.is_available(), reason="checks the answers of a machine without a GPU")


@needs_no_gpu
def test_cuda_runtime_calls_without_a_gpu():
    assert nnlite.cuda.memory_allocated() == 0
    assert nnlite.cuda.max_memory_allocated() == 0
    assert nnlite.cuda.memory_reserved() == 0
    nnlite.cuda.empty_cache()
    nnlite.cuda.synchronize()
    nnlite.cuda.reset_peak_memory_stats()
    assert nnlite.cuda.current_stream().query()
    assert nnlite.cuda.Stream() == nnlite.cuda.default_stream()
    with pytest.raises(RuntimeError, match="CUDA"):
        nnlite.cuda.Event()


@needs_no_gpu
def test_cuda_tensors_raise_a_clear_error_without_a_gpu():
    with pytest.raises(RuntimeError, match="CUDA"):
        nnlite.ones(3).to("cuda")


def test_cuda_calls_check_their_arguments():
    with pytest.raises(TypeError, match="nnlite.cuda"):
        nnlite.cuda.memory_allocated(object())
    with pytest.raises(TypeError, match="wait_stream"):
        nnlite.cuda.Stream().wait_stream(3)


@needs_no_gpu
def test_pinned_memory_without_a_gpu():
    x = nnlite.ones(3)
    assert not x.is_pinned()
    with pytest.raises(RuntimeError, match="pin_memory"):
        x.pin_memory()
    loader = nnlite.data.DataLoader(nnlite.data.TensorDataset(nnlite.arange(6.0)), batch_size=4, pin_memory=True)
    assert [to_list(b[0]) for b in loader] == [[0, 1, 2, 3], [4, 5]]  # nothing to pin: plain batches


def to_list(t):
    return t.numpy().tolist()
