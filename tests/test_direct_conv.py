"""The direct convolution (cpp/src/backend/cpu/direct_conv.cpp, isa/direct_conv.cc)
and the task pool that spreads a batch-1 convolution over the threads
(task_pool.cpp): conv2d takes this route for every strided or non-Winograd
layer with more than a 1x1 kernel, for a strided 1x1 layer of one image, and
for Winograd's 16-channel ones. Its
outputs are compared with a float64 NumPy reference, across tile edges
(widths that are not a multiple of the vector, channel counts that are not a
multiple of the register tile), strides, dilations and paddings, on one
thread and on two; the fused epilogue of load_graph against the ops."""
import threading

import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from nnlite import nn


def reference_conv(x, w, b, stride, padding, dilation):
    """conv2d in float64 NumPy: a sum over kernel taps of strided windows."""
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    N, C, H, W = x.shape
    K, _, kh, kw = w.shape
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    Ho = (H + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    Wo = (W + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    y = np.zeros((N, K, Ho, Wo))
    for i in range(kh):
        for j in range(kw):
            win = xp[:, :, i * dh:i * dh + sh * (Ho - 1) + 1:sh, j * dw:j * dw + sw * (Wo - 1) + 1:sw]
            y += np.einsum("nchw,kc->nkhw", win, w[:, :, i, j].astype(np.float64))
    return y + (0 if b is None else b.astype(np.float64)[None, :, None, None])


# (N, C, H, W, K, kernel, stride, padding, dilation). Blocks of 1 to 4
# channels (K = 16, 13, 7, 3, 70) run on the smaller 3-segment tile.
SHAPES = [
    (1, 3, 32, 32, 16, (3, 3), (1, 1), (1, 1), (1, 1)),     # ResNet-20's first layer
    (1, 16, 32, 32, 16, (3, 3), (1, 1), (1, 1), (1, 1)),    # its 16-channel layers
    (1, 16, 32, 32, 32, (3, 3), (2, 2), (1, 1), (1, 1)),    # strided
    (1, 1, 28, 28, 6, (5, 5), (1, 1), (2, 2), (1, 1)),      # LeNet-5
    (1, 6, 14, 14, 16, (5, 5), (1, 1), (0, 0), (1, 1)),
    (1, 3, 45, 45, 8, (7, 7), (2, 2), (3, 3), (1, 1)),      # a ResNet-18 stem, smaller
    (1, 5, 9, 7, 13, (3, 5), (1, 1), (1, 2), (1, 1)),       # K past a tile, odd widths
    (1, 4, 10, 19, 5, (3, 3), (1, 1), (1, 1), (1, 1)),      # a block of 5: the full tile, one row repeated
    (3, 4, 11, 13, 7, (3, 3), (2, 3), (0, 1), (2, 1)),      # several images, dilation
    (2, 2, 5, 17, 25, (1, 3), (1, 2), (0, 1), (1, 2)),
    (1, 8, 1, 1, 3, (3, 3), (1, 1), (1, 1), (1, 1)),        # a 1x1 image
    (1, 64, 7, 7, 70, (3, 3), (1, 1), (1, 1), (1, 1)),      # 7-wide rows, parallel
    (1, 3, 5, 1, 4, (3, 1), (2, 2), (0, 0), (1, 1)),        # a 1-wide image: phase 1 reads no column
    (1, 3, 6, 9, 4, (5, 5), (2, 2), (2, 2), (1, 1)),        # stride 2, even padding, odd width
    (1, 2, 8, 10, 5, (3, 3), (3, 3), (2, 2), (1, 1)),       # stride 3 over padding
    (1, 8, 9, 11, 13, (1, 1), (2, 2), (0, 0), (1, 1)),      # a strided 1x1 layer of one image
]


@pytest.fixture(params=[1, 2], ids=["1thread", "2threads"])
def threads(request):
    saved = nnlite.get_num_threads()
    nnlite.set_num_threads(request.param)
    yield request.param
    nnlite.set_num_threads(saved)


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s[:5])))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_direct_conv_matches_reference(shape, dtype, threads):
    N, C, H, W, K, k, stride, padding, dilation = shape
    rng = np.random.default_rng(0)
    x = rng.standard_normal((N, C, H, W)).astype(dtype)
    w = rng.standard_normal((K, C, *k)).astype(dtype)
    b = rng.standard_normal(K).astype(dtype)
    ours = F.conv2d(nnlite.tensor(x), nnlite.tensor(w), nnlite.tensor(b), stride=stride, padding=padding,
                    dilation=dilation).numpy()
    ref = reference_conv(x, w, b, stride, padding, dilation)
    assert ours.shape == ref.shape
    tol = 1e-5 if dtype == np.float32 else 1e-12
    assert np.abs(ours - ref).max() <= tol * (1 + np.abs(ref).max())


# Layers of 512+ taps run on the lanes tile (isa/direct_conv_lanes.cc) once
# their weights are packed: the second call with the same weight. Pixel
# counts leave every remainder (1 to 5 past a tile of 6); K leaves part of a
# block of 16 (8 for float64); strides, dilation, several images.
LANE_SHAPES = [
    (1, 64, 7, 7, 40, (3, 3), (1, 1), (1, 1), (1, 1)),      # ResNet-18's 7-wide maps: 49 = 8 x 6 + 1 pixels
    (1, 64, 9, 9, 16, (3, 3), (2, 2), (1, 1), (1, 1)),      # stride 2: 25 pixels
    (1, 32, 6, 11, 19, (4, 4), (1, 2), (2, 1), (1, 1)),     # 7 x 6 pixels, uneven strides
    (2, 60, 5, 5, 33, (3, 3), (1, 1), (0, 1), (2, 1)),      # two images, dilation: 5 pixels each
    (1, 512, 5, 4, 17, (1, 1), (2, 2), (0, 0), (1, 1)),     # a strided 1x1 layer of 512 channels
    (1, 64, 2, 2, 16, (3, 3), (1, 1), (1, 1), (1, 1)),      # 4 pixels
    (1, 64, 1, 2, 24, (3, 3), (1, 1), (1, 1), (1, 1)),      # 2 pixels
]


@pytest.mark.parametrize("shape", LANE_SHAPES, ids=lambda s: "x".join(map(str, s[:5])))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_lanes_tile_and_its_packed_weights(shape, dtype, threads):
    N, C, H, W, K, k, stride, padding, dilation = shape
    rng = np.random.default_rng(2)
    x = nnlite.tensor(rng.standard_normal((N, C, H, W)).astype(dtype))
    w = nnlite.tensor(rng.standard_normal((K, C, *k)).astype(dtype))
    b = nnlite.tensor(rng.standard_normal(K).astype(dtype))
    tol = 1e-5 if dtype == np.float32 else 1e-12

    def check():
        ref = reference_conv(x.numpy(), w.numpy(), b.numpy(), stride, padding, dilation)
        residual = rng.standard_normal(ref.shape).astype(dtype)
        fused = nnlite._C._conv2d_fused(x, w, b, stride, padding, dilation, 1, nnlite.tensor(residual), True)
        for ours, want in [(F.conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation).numpy(), ref),
                           (fused.numpy(), np.maximum(ref + residual, 0))]:
            assert np.abs(ours - want).max() <= tol * (1 + np.abs(want).max())

    for _ in range(3):  # unpacked, then packed
        check()
    # An in-place change of the weight (a new version) is seen, packed or not.
    with nnlite.no_grad():
        w.mul_(-0.5)
    for _ in range(3):
        check()


def test_direct_conv_input_gradient(threads):
    # A stride-1 input gradient is itself a convolution (conv.cpp), here a direct one.
    rng = np.random.default_rng(1)
    x = nnlite.tensor(rng.standard_normal((1, 6, 12, 10)).astype(np.float32), requires_grad=True)
    w = nnlite.tensor(rng.standard_normal((9, 6, 3, 3)).astype(np.float32), requires_grad=True)
    gy = rng.standard_normal((1, 9, 12, 10)).astype(np.float32)
    (F.conv2d(x, w, padding=1) * nnlite.tensor(gy)).sum().backward()
    # d/dx of sum(gy * conv(x, w)) = conv of gy with the flipped, transposed kernel
    wt = np.flip(w.detach().numpy(), (2, 3)).transpose(1, 0, 2, 3)
    ref = reference_conv(gy, wt, None, (1, 1), (1, 1), (1, 1))
    assert np.abs(x.grad.numpy() - ref).max() <= 1e-5 * (1 + np.abs(ref).max())


class _Block(nn.Module):
    """conv -> add -> relu: load_graph fuses the add and relu into the conv."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return nn.functional.relu(self.conv(x) + x)


def _fused_and_plain(tmp_path, x):
    model = _Block().eval()
    path = tmp_path / "block.nnl"
    nnlite.export(model, (x,), path)
    return nnlite.load_graph(path), nnlite.load_graph(path, optimize=False)


def test_fused_epilogue_matches_the_ops(tmp_path, threads):
    x = nnlite.randn(1, 4, 9, 11)
    fused, plain = _fused_and_plain(tmp_path, x)
    a, b = fused(x).numpy(), plain(x).numpy()
    assert (a >= 0).all() and (a == 0).any()
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_fused_relu_keeps_nan(tmp_path):
    # relu(NaN) is NaN (as in PyTorch), in the registers of the fused tile as in the op.
    x = nnlite.randn(1, 4, 9, 11)
    fused, plain = _fused_and_plain(tmp_path, x)
    x_nan = x.clone()
    x_nan[0, 1, 4, 5] = float("nan")
    a, b = fused(x_nan).numpy(), plain(x_nan).numpy()
    assert np.isnan(a).any()
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    np.testing.assert_allclose(a[~np.isnan(a)], b[~np.isnan(b)], rtol=1e-5, atol=1e-6)


@pytest.fixture
def two_threads():
    saved = nnlite.get_num_threads()
    nnlite.set_num_threads(2)
    yield
    nnlite.set_num_threads(saved)


def _run_at_once(run, workers=4):
    """run(i) for i < workers, each on its own Python thread, all at once."""
    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_graphs_run_from_many_threads_at_once(tmp_path, two_threads):
    # Graph.run releases the GIL: the runs overlap, and all but one find the
    # task pool busy and run on their own thread. Every result must be right.
    x = nnlite.randn(1, 4, 16, 16)
    fused, _ = _fused_and_plain(tmp_path, x)
    want = fused(x).numpy()
    errors = []

    def run(_):
        for _ in range(50):
            got = fused(x).numpy()
            if not np.array_equal(got, want):
                errors.append(float(np.abs(got - want).max()))

    _run_at_once(run)
    assert not errors


def test_packed_weights_shared_by_many_threads(tmp_path, two_threads):
    # Graphs of 576-tap layers run on the lanes tile, whose packed weights
    # live in one process-wide cache (cpu/packed_weights.cpp): threads that
    # see, pack and read several weights at once must each get their own.
    x = nnlite.randn(1, 64, 9, 9)
    graphs, wants = [], []
    for i in range(3):
        nnlite.manual_seed(i)
        model = nn.Sequential(nn.Conv2d(64, 24, 3, padding=1), nn.ReLU()).eval()
        path = tmp_path / f"conv{i}.nnl"
        nnlite.export(model, (x,), path)
        graphs.append(nnlite.load_graph(path))
        with nnlite.no_grad():
            wants.append(model(x).numpy())
    errors = []

    def run(first):
        for k in range(30):
            i = (first + k) % 3
            got = graphs[i](x).numpy()
            if not np.allclose(got, wants[i], rtol=1e-5, atol=1e-5):
                errors.append((i, float(np.abs(got - wants[i]).max())))

    _run_at_once(run)
    assert not errors
