"""The CUDA backend's runtime on a GPU: the caching allocator's figures,
out-of-memory recovery, copies, random numbers, events, index faults and the
fused optimizer steps against the CPU. Marked `cuda`: skipped without a GPU,
run by `pytest -m cuda` (scripts/gpu-check.sh)."""
import numpy as np
import pytest

import nnlite
from op_check import to_numpy

pytestmark = [pytest.mark.cuda,
              pytest.mark.skipif(not nnlite.cuda.is_available(), reason="no CUDA GPU")]


def test_allocator_figures_follow_tensors():
    nnlite.cuda.synchronize()
    base = nnlite.cuda.memory_allocated()
    x = nnlite.zeros(1000, device="cuda")                # 4000 bytes: the 4096-byte class
    assert nnlite.cuda.memory_allocated() == base + 4096
    assert nnlite.cuda.max_memory_allocated() >= base + 4096
    reserved = nnlite.cuda.memory_reserved()
    assert reserved >= nnlite.cuda.memory_allocated()
    del x
    assert nnlite.cuda.memory_allocated() == base
    assert nnlite.cuda.memory_reserved() == reserved    # the block stays cached
    y = nnlite.zeros(1000, device="cuda")                # and comes back without a new cudaMalloc
    assert nnlite.cuda.memory_reserved() == reserved
    del y
    nnlite.cuda.empty_cache()
    assert nnlite.cuda.memory_reserved() < reserved


def test_out_of_memory_is_an_error_and_the_process_stays_usable():
    with pytest.raises(RuntimeError, match="out of memory.*bytes"):
        nnlite.empty(1 << 48, device="cuda")             # 1 PiB of float32
    x = nnlite.ones(10, device="cuda") * 2
    np.testing.assert_array_equal(to_numpy(x), np.full(10, 2, np.float32))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "uint8", "bool"])
def test_copies_round_trip_with_strides_and_casts(dtype):
    a = np.arange(24).reshape(2, 3, 4).astype(dtype)
    x = nnlite.from_numpy(a)
    g = x.to("cuda")
    assert g.is_cuda
    np.testing.assert_array_equal(to_numpy(g), a)
    t = g.transpose(0, 2)                                # strided device -> host
    np.testing.assert_array_equal(to_numpy(t), a.transpose(2, 1, 0))
    np.testing.assert_array_equal(to_numpy(x.transpose(0, 2).to("cuda")), a.transpose(2, 1, 0))
    np.testing.assert_array_equal(to_numpy(g.to(nnlite.float64)), a.astype(np.float64))
    np.testing.assert_array_equal(to_numpy(g.to(nnlite.bool)), a.astype(bool))


def test_fill_iota_and_creation_on_the_device():
    np.testing.assert_array_equal(to_numpy(nnlite.full((2, 3), 7, device="cuda")), np.full((2, 3), 7.0))
    np.testing.assert_array_equal(to_numpy(nnlite.arange(5, device="cuda")), np.arange(5))
    np.testing.assert_allclose(to_numpy(nnlite.arange(0, 1, 0.25, device="cuda")), [0, 0.25, 0.5, 0.75])


@pytest.mark.parametrize("make", [
    lambda s: nnlite.rand(1000, device="cuda", generator=s),
    lambda s: nnlite.randn(1000, device="cuda", generator=s),
    lambda s: nnlite.randint(0, 10, (1000,), device="cuda", generator=s),
])
def test_random_numbers_repeat_with_the_seed(make):
    a = to_numpy(make(nnlite.Generator().manual_seed(3)))
    b = to_numpy(make(nnlite.Generator().manual_seed(3)))
    c = to_numpy(make(nnlite.Generator().manual_seed(4)))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_random_distributions_on_the_device():
    nnlite.manual_seed(0)
    u = to_numpy(nnlite.rand(100000, device="cuda"))
    assert u.min() >= 0 and u.max() < 1 and abs(u.mean() - 0.5) < 0.01
    n = to_numpy(nnlite.randn(100000, device="cuda", dtype=nnlite.float64))
    assert abs(n.mean()) < 0.02 and abs(n.std() - 1) < 0.02
    r = to_numpy(nnlite.randint(3, 7, (10000,), device="cuda"))
    assert set(np.unique(r)) == {3, 4, 5, 6}
    p = to_numpy(nnlite.randperm(1000, device="cuda"))
    np.testing.assert_array_equal(np.sort(p), np.arange(1000))
    rates = nnlite.full((20000,), 4.0, device="cuda")
    k = to_numpy(nnlite.poisson(rates))
    assert abs(k.mean() - 4) < 0.1
    b = to_numpy(nnlite.bernoulli(nnlite.full((20000,), 0.3, device="cuda")))
    assert abs(b.mean() - 0.3) < 0.02


def test_dropout_mask_scales_the_kept_elements():
    x = nnlite.ones(10000, device="cuda")
    y = to_numpy(nnlite.nn.functional.dropout(x, p=0.25, training=True))
    kept = y[y != 0]
    np.testing.assert_allclose(kept, 1 / 0.75, rtol=1e-6)
    assert abs(len(kept) / len(y) - 0.75) < 0.02


def test_index_fault_on_the_device_is_an_index_error():
    """Index checks wait for the device: the error comes at the next host wait, naming the op."""
    x = nnlite.ones(3, 4, device="cuda")
    y = nnlite.index_select(x, 0, nnlite.tensor([0, 5], device="cuda"))  # no wait here
    with pytest.raises(IndexError, match="index_select: index 5 is out of bounds for dimension 0 with size 3"):
        y.cpu()
    nnlite.gather(x, 1, nnlite.tensor([[0], [9], [1]], device="cuda"))
    with pytest.raises(IndexError, match="gather: index 9 is out of bounds"):
        nnlite.cuda.synchronize()
    with pytest.raises(IndexError, match="cross_entropy: target value 7 is out of range"):
        nnlite.nn.functional.cross_entropy(x, nnlite.tensor([0, 7, 1], device="cuda")).item()
    assert float(x.sum().item()) == 12  # usable after the fault


def test_events_time_the_stream():
    start, end = nnlite.cuda.Event(enable_timing=True), nnlite.cuda.Event(enable_timing=True)
    start.record()
    x = nnlite.ones(1 << 20, device="cuda")
    for _ in range(10):
        x = x * 1.0001
    end.record()
    end.synchronize()
    assert end.query() and start.elapsed_time(end) >= 0
    nnlite.cuda.synchronize()
    assert nnlite.cuda.current_stream().query()


@pytest.mark.parametrize("make_opt", [
    lambda p: nnlite.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    lambda p: nnlite.optim.Adam(p, lr=0.01, amsgrad=True),
    lambda p: nnlite.optim.AdamW(p, lr=0.01, weight_decay=0.1),
])
def test_fused_optimizer_steps_match_the_cpu(make_opt):
    rng = np.random.default_rng(0)
    w0, g0 = rng.standard_normal(50).astype(np.float32), rng.standard_normal(50).astype(np.float32)
    results = []
    for dev in ("cpu", "cuda"):
        w = nnlite.from_numpy(w0.copy()).to(dev).requires_grad_()
        opt = make_opt([w])
        for _ in range(3):
            w.grad = nnlite.from_numpy(g0).to(dev)
            opt.step()
        results.append(to_numpy(w))
    np.testing.assert_allclose(results[1], results[0], rtol=1e-5, atol=1e-6)


def test_reductions_are_deterministic_on_the_device():
    x = nnlite.randn(1 << 20, device="cuda")
    assert to_numpy(x.sum()) == to_numpy(x.sum())
    ref = to_numpy(x).astype(np.float64).sum()
    np.testing.assert_allclose(to_numpy(x.sum()), ref, rtol=1e-5)


def test_pinned_memory_and_the_loader():
    x = nnlite.arange(12.0).reshape(3, 4)
    p = x.pin_memory()
    assert p.is_pinned() and not x.is_pinned()
    np.testing.assert_array_equal(to_numpy(p), to_numpy(x))
    np.testing.assert_array_equal(to_numpy(p.to("cuda")), to_numpy(x))
    data = nnlite.data.TensorDataset(nnlite.arange(10.0), nnlite.arange(10))
    batches = list(nnlite.data.DataLoader(data, batch_size=4, pin_memory=True))
    assert all(b[0].is_pinned() and b[1].is_pinned() for b in batches)
    np.testing.assert_array_equal(to_numpy(batches[0][0]), [0, 1, 2, 3])


def test_a_blocking_copy_from_pinned_memory_has_read_its_source():
    busy = nnlite.randn(2048, 2048, device="cuda")
    for _ in range(4):
        busy = busy @ busy  # queue work ahead of the copy on the stream
        busy = busy / busy.abs().amax()
    p = nnlite.ones(1 << 20).pin_memory()
    y = p.to("cuda")  # blocking: returns once p has been read
    p.fill_(2.0)
    assert to_numpy(y.sum()) == 1 << 20
    z = p.cuda(non_blocking=True)  # may still run: p must stay untouched until the stream gets there
    nnlite.cuda.synchronize()
    assert to_numpy(z.sum()) == 2 * (1 << 20)


def test_zero_dim_gather_and_scatter():
    x = nnlite.tensor(5.0, device="cuda")
    i = nnlite.tensor(0, device="cuda")
    assert x.gather(0, i).item() == 5.0
    assert nnlite.tensor(1.0, device="cuda").scatter(0, i, x).item() == 5.0
    with pytest.raises(IndexError, match="gather: index 1 is out of bounds for dimension 0 with size 1"):
        x.gather(0, nnlite.tensor(1, device="cuda"))


def test_nnlite_train_on_the_gpu_reaches_the_cpus_accuracy(capsys):
    from nnlite import cli

    def accuracy(device):
        argv = ["train", "--model", "lenet5", "--epochs", "2", "--limit", "2000", "--no-progress", "--device", device]
        assert cli.main(argv) == 0
        final = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("final test accuracy"))
        return float(final.split()[3])

    gpu, cpu = accuracy("cuda"), accuracy("cpu")
    assert gpu > 0.85 and abs(gpu - cpu) < 0.03
