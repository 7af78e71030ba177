"""Pooling (max with indices, average, adaptive average) and the resampling ops
(nearest upsampling, channel dropout): forward and backward against torch and
float64 finite differences, indices equal to torch's, and bad arguments."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import T, check_op, dtype_name, from_array, make_noncontiguous, to_numpy

TESTED_OPS = {"max_pool2d", "max_pool2d_with_indices", "avg_pool2d", "adaptive_avg_pool2d", "upsample_nearest2d",
              "dropout2d"}


# ---- max pooling ---------------------------------------------------------------------

MAX_CASES = [
    ((2, 3, 6, 6), {"kernel_size": 2}),
    ((2, 3, 7, 5), {"kernel_size": 3, "stride": 2, "padding": 1}),
    ((2, 3, 7, 5), {"kernel_size": (3, 2), "stride": (2, 1), "padding": (1, 0)}),
    ((1, 2, 7, 7), {"kernel_size": 3, "dilation": 2}),
    ((1, 2, 8, 7), {"kernel_size": (2, 3), "dilation": (3, 1), "stride": 1, "padding": 1}),
    ((2, 2, 7, 7), {"kernel_size": 2, "stride": 2, "ceil_mode": True}),
    ((1, 2, 6, 6), {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}),
    ((1, 1, 5, 8), {"kernel_size": 3, "stride": 3, "padding": 1, "ceil_mode": True}),
    ((3, 5, 5), {"kernel_size": 2, "stride": 1}),                      # unbatched [C, H, W]
    ((2, 3, 4, 4), {"kernel_size": 1}),
    ((1, 1, 3, 3), {"kernel_size": 3}),                                # one window, batch one
    ((0, 2, 4, 4), {"kernel_size": 2}),                                # empty batch
]


@pytest.mark.parametrize("kw", [{"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1}])
def test_max_pool2d_ties_and_nans_like_torch(torch, kw):
    # The 2x2 fast path and the general loop: first maximum in scan order
    # wins a tie, and a NaN wins over everything (its index too).
    x = np.array([[1, 1, 2, 2, 0, 0],
                  [1, 1, 2, np.nan, 0, -1],
                  [np.nan, 3, -np.inf, -np.inf, 5, 5],
                  [4, np.nan, -np.inf, -np.inf, 5, 5]], np.float32)[None, None]
    y, i = F.max_pool2d(nnlite.from_numpy(x), return_indices=True, **kw)
    ty, ti = torch.nn.functional.max_pool2d(torch.from_numpy(x), return_indices=True, **kw)
    np.testing.assert_array_equal(y.numpy(), ty.numpy())
    np.testing.assert_array_equal(i.numpy(), ti.numpy())


@pytest.mark.parametrize("kw", [{"kernel_size": 3, "stride": 2, "padding": 1},
                                {"kernel_size": (2, 3), "stride": (1, 2), "padding": (1, 1), "dilation": (2, 1)},
                                {"kernel_size": 3, "stride": 1, "padding": 1, "ceil_mode": True}])
def test_max_pool2d_wide_rows_with_ties_and_nans_like_torch(torch, kw):
    # Rows wide enough for the vector loop over interior columns, with ties
    # (rounded values), NaNs and -inf; with and without autograd (an
    # inference call does not track indices).
    x = np.round(np.random.default_rng(3).standard_normal((2, 3, 23, 37)) * 2).astype(np.float32)
    x[0, 0, 5, 7] = x[1, 2, 0, 0] = x[0, 1, 22, 36] = np.nan
    x[1, 1, 3:6, 3:9] = -np.inf
    y, i = F.max_pool2d(nnlite.from_numpy(x), return_indices=True, **kw)
    ty, ti = torch.nn.functional.max_pool2d(torch.from_numpy(x), return_indices=True, **kw)
    np.testing.assert_array_equal(y.numpy(), ty.numpy())
    np.testing.assert_array_equal(i.numpy(), ti.numpy())
    with nnlite.no_grad():
        np.testing.assert_array_equal(F.max_pool2d(nnlite.from_numpy(x), **kw).numpy(), ty.numpy())


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape,kw", MAX_CASES + [
    ((1, 2, 19, 36), {"kernel_size": 3, "stride": 2, "padding": 1}),                 # even width
    ((1, 2, 20, 41), {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}),
    ((1, 2, 17, 40), {"kernel_size": (3, 5), "stride": (3, 2), "padding": (0, 2)}),
    ((1, 2, 17, 39), {"kernel_size": 4, "stride": 2, "padding": 2, "dilation": (1, 2)}),
    ((1, 2, 16, 33), {"kernel_size": (4, 5), "stride": 1, "padding": 2}),             # 20 taps
    ((1, 1, 40, 40), {"kernel_size": 8, "stride": 2, "padding": 4}),                 # 64 taps: the most
    ((1, 1, 40, 40), {"kernel_size": 9, "stride": 2, "padding": 4}),                 # 81: the general loop
])
def test_max_pool2d_inference_values_like_torch(torch, shape, kw, dtype):
    # Without autograd no indices are recorded, and strides 1 and 2 across
    # take isa/pool.cc's padded rows; NaN and -inf in random places, with ties.
    x = np.round(np.random.default_rng(5).standard_normal(shape) * 2).astype(dtype)
    flat = x.reshape(-1)
    if flat.size:
        flat[np.random.default_rng(6).choice(flat.size, max(1, flat.size // 40), replace=False)] = np.nan
        flat[::17] = -np.inf
    with nnlite.no_grad():
        y = F.max_pool2d(nnlite.from_numpy(x), **kw).numpy()
    ty = torch.nn.functional.max_pool2d(torch.from_numpy(x), **kw).numpy()
    assert y.dtype == ty.dtype
    np.testing.assert_array_equal(y, ty)


@pytest.mark.parametrize("shape,kw", MAX_CASES)
def test_max_pool2d_values_indices_and_grad(shape, kw):
    # values and indices at once; indices must equal torch's exactly
    out = check_op([shape], lambda x: F.max_pool2d(x, return_indices=True, **kw),
                   lambda x: T.nn.functional.max_pool2d(x, return_indices=True, **kw))
    assert dtype_name(out[1].dtype) == "int64"
    check_op([shape], lambda x: F.max_pool2d(x, **kw), lambda x: T.nn.functional.max_pool2d(x, **kw),
             noncontiguous=True)


def test_max_pool2d_with_indices_float64_positional_and_stride_none():
    check_op([(2, 2, 5, 6)], lambda x: F.max_pool2d_with_indices(x, 2, None, 1),
             lambda x: T.nn.functional.max_pool2d_with_indices(x, 2, None, 1), dtype="float64")
    check_op([(2, 2, 5, 6)], lambda x: nnlite._C.max_pool2d_with_indices(x, (2, 3), [], 0, 1, True),
             lambda x: T.nn.functional.max_pool2d(x, (2, 3), None, 0, 1, True, True))


def test_max_pool2d_indices_are_flat_positions_in_the_plane():
    x = nnlite.arange(16, dtype=nnlite.float32).reshape(1, 1, 4, 4)
    v, i = F.max_pool2d(x, 2, return_indices=True)
    np.testing.assert_array_equal(to_numpy(i).ravel(), [5, 7, 13, 15])
    np.testing.assert_array_equal(to_numpy(v).ravel(), [5, 7, 13, 15])


def test_max_pool2d_gradient_flows_to_one_maximum_per_window():
    x = nnlite.tensor([[[[1.0, 9.0], [3.0, 2.0]]]], requires_grad=True)
    F.max_pool2d(x, 2).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), [[[[0, 1], [0, 0]]]])


def test_max_pool2d_double_backward(torch):
    rng = np.random.default_rng(4)
    x, up = rng.normal(size=(1, 2, 5, 5)), rng.normal(size=(1, 2, 2, 2))

    def run(lib, mk):
        xt = mk(x).requires_grad_()
        y = lib.nn.functional.max_pool2d(xt * xt, 2)
        (gx,) = lib.autograd.grad((y * mk(up)).sum(), [xt], create_graph=True)
        (gx * gx).sum().backward()
        return np.asarray(xt.grad.numpy())

    np.testing.assert_allclose(run(nnlite, lambda a: nnlite.from_numpy(a.copy())),
                               run(torch, lambda a: torch.from_numpy(a.copy())), rtol=1e-9, atol=1e-10)


# ---- average pooling -----------------------------------------------------------------

AVG_CASES = [
    ((2, 3, 6, 6), {"kernel_size": 2}),
    ((2, 3, 7, 5), {"kernel_size": 3, "stride": 2, "padding": 1}),
    ((2, 3, 7, 5), {"kernel_size": 3, "stride": 2, "padding": 1, "count_include_pad": False}),
    ((2, 2, 7, 6), {"kernel_size": (3, 2), "stride": (2, 3), "padding": (1, 1)}),
    ((1, 2, 6, 6), {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}),
    ((1, 2, 6, 6), {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}),
    ((1, 2, 7, 7), {"kernel_size": 2, "stride": 2, "ceil_mode": True}),
    ((3, 5, 4), {"kernel_size": 2, "stride": 1}),                      # unbatched
    ((1, 1, 3, 3), {"kernel_size": 3}),
]


@pytest.mark.parametrize("shape,kw", AVG_CASES)
def test_avg_pool2d(shape, kw):
    check_op([shape], lambda x: F.avg_pool2d(x, **kw), lambda x: T.nn.functional.avg_pool2d(x, **kw))
    check_op([shape], lambda x: F.avg_pool2d(x, **kw), lambda x: T.nn.functional.avg_pool2d(x, **kw),
             noncontiguous=True, dtype="float64")


ADAPTIVE_CASES = [((2, 3, 7, 5), (3, 2)), ((2, 3, 6, 6), 1), ((2, 3, 5, 5), (5, 5)), ((1, 2, 4, 4), (6, 7)),
                  ((2, 3, 7, 5), (None, 3)), ((2, 3, 7, 5), (4, None)), ((3, 9, 8), (2, 3)), ((2, 2, 10, 3), (3, 1))]


@pytest.mark.parametrize("shape,size", ADAPTIVE_CASES)
def test_adaptive_avg_pool2d(shape, size):
    check_op([shape], lambda x: F.adaptive_avg_pool2d(x, size), lambda x: T.nn.functional.adaptive_avg_pool2d(x, size))
    check_op([shape], lambda x: F.adaptive_avg_pool2d(x, size), lambda x: T.nn.functional.adaptive_avg_pool2d(x, size),
             noncontiguous=True, dtype="float64")


def test_pool_errors():
    x = nnlite.randn(2, 3, 5, 5)
    with pytest.raises(ValueError, match="max_pool2d: kernel 8 .* is larger than the padded input size 7"):
        F.max_pool2d(x, 8, padding=1)
    with pytest.raises(ValueError, match="max_pool2d: stride must be positive"):
        F.max_pool2d(x, 2, stride=0)
    with pytest.raises(ValueError, match="max_pool2d: stride must be positive"):
        F.max_pool2d(x, 2, stride=(1, -1))
    with pytest.raises(ValueError, match="max_pool2d: kernel size must be positive"):
        F.max_pool2d(x, 0)
    with pytest.raises(ValueError, match="max_pool2d: dilation must be positive"):
        F.max_pool2d(x, 2, dilation=0)
    with pytest.raises(ValueError, match="at most half the kernel size"):
        F.max_pool2d(x, 2, padding=2)
    with pytest.raises(ValueError, match="max_pool2d: expected a 4-d input"):
        F.max_pool2d(nnlite.randn(5, 5), 2)
    with pytest.raises(TypeError, match="max_pool2d: expected a floating-point tensor"):
        F.max_pool2d(nnlite.ones(1, 1, 4, 4, dtype=nnlite.int64), 2)
    with pytest.raises(ValueError, match="avg_pool2d: kernel 6 .* is larger than the padded input size 5"):
        F.avg_pool2d(x, 6)
    with pytest.raises(ValueError, match="avg_pool2d: stride must be positive"):
        F.avg_pool2d(x, 2, stride=-1)
    with pytest.raises(ValueError, match="avg_pool2d: expected a 4-d input"):
        F.avg_pool2d(nnlite.randn(1, 1, 1, 5, 5), 2)
    with pytest.raises(NotImplementedError, match="divisor_override"):
        F.avg_pool2d(x, 2, divisor_override=3)
    with pytest.raises(ValueError, match="adaptive_avg_pool2d: output size must be positive"):
        F.adaptive_avg_pool2d(x, 0)
    with pytest.raises(ValueError, match="adaptive_avg_pool2d: expected a 4-d input"):
        F.adaptive_avg_pool2d(nnlite.randn(2, 2, 2, 2, 2), 1)
    with pytest.raises(ValueError, match="adaptive_avg_pool2d: .* has an empty plane"):
        F.adaptive_avg_pool2d(nnlite.randn(1, 2, 0, 3), 1)
    with pytest.raises(ValueError, match="adaptive_avg_pool2d: output_size must be an int or a pair"):
        F.adaptive_avg_pool2d(x, (1, 2, 3))
    with pytest.raises(ValueError, match="max_pool2d: kernel_size must be an int or a pair"):
        F.max_pool2d(x, (2, 2, 2))
    with pytest.raises(TypeError, match="max_pool2d: argument 'kernel_size' must be an int"):
        F.max_pool2d(x, 2.0)


# ---- nearest upsampling ------------------------------------------------------------------

UPSAMPLE_CASES = [
    ({"scale_factor": 2}, (2, 3, 4, 5)),
    ({"scale_factor": 3}, (1, 2, 3, 2)),
    ({"scale_factor": (2, 3)}, (2, 1, 3, 4)),
    ({"scale_factor": 1.5}, (2, 2, 4, 5)),
    ({"scale_factor": 1.7}, (1, 2, 5, 4)),                              # torch maps rows with 1/scale, not in/out
    ({"scale_factor": 0.7}, (1, 2, 6, 9)),
    ({"scale_factor": (1, 3.3)}, (1, 1, 3, 2)),
    ({"scale_factor": 1.7, "recompute_scale_factor": True}, (1, 2, 5, 4)),
    ({"scale_factor": (1, 2.1), "recompute_scale_factor": True}, (1, 1, 2, 30)),  # 63 in double, 62 in float32
    ({"scale_factor": (1, 2.1)}, (1, 1, 2, 30)),
    ({"size": (8, 10)}, (2, 3, 4, 5)),
    ({"size": 7}, (2, 3, 4, 5)),
    ({"size": (3, 2)}, (1, 2, 6, 5)),
    ({"size": (4, 5)}, (1, 2, 4, 5)),                                   # same size
    ({"size": (12, 5)}, (1, 2, 4, 5)),
    ({"size": (2, 2)}, (0, 2, 3, 3)),                                   # empty batch
]


@pytest.mark.parametrize("kw,shape", UPSAMPLE_CASES)
def test_upsample_nearest2d(kw, shape):
    check_op([shape], lambda x: F.interpolate(x, **kw), lambda x: T.nn.functional.interpolate(x, **kw))
    check_op([shape], lambda x: F.interpolate(x, mode="nearest", **kw),
             lambda x: T.nn.functional.interpolate(x, mode="nearest", **kw), noncontiguous=True, dtype="float64")


def test_upsample_nearest_function_and_integer_images():
    check_op([(2, 3, 3, 4)], lambda x: F.upsample_nearest(x, scale_factor=2),
             lambda x: T.nn.functional.interpolate(x, scale_factor=2))
    check_op([(2, 3, 3, 4)], lambda x: nnlite._C.upsample_nearest2d(x, (5, 7)),
             lambda x: T.nn.functional.interpolate(x, size=(5, 7)))
    check_op([(1, 3, 3, 4)], lambda x: F.interpolate(x, scale_factor=2), lambda x: T.nn.functional.interpolate(
        x, scale_factor=2), dtype="uint8", low=0, high=255, grad=False)
    check_op([(1, 3, 3, 4)], lambda x: F.interpolate(x, size=(4, 7)), lambda x: T.nn.functional.interpolate(
        x, size=(4, 7)), dtype="uint8", low=0, high=255, grad=False)
    y = F.interpolate(nnlite.arange(6).reshape(1, 1, 2, 3), scale_factor=2)  # int64, which torch lacks
    np.testing.assert_array_equal(to_numpy(y)[0, 0], np.arange(6).reshape(2, 3).repeat(2, 0).repeat(2, 1))


def test_upsample_result_is_a_new_tensor():
    x = nnlite.zeros(1, 1, 2, 2)
    y = F.interpolate(x, size=(2, 2))
    y[0, 0, 0, 0] = 1.0
    assert float(x[0, 0, 0, 0]) == 0.0


def test_upsample_errors():
    x = nnlite.randn(1, 2, 3, 3)
    with pytest.raises(ValueError, match="either size or scale_factor must be given"):
        F.interpolate(x)
    with pytest.raises(ValueError, match="only one of size or scale_factor"):
        F.interpolate(x, size=4, scale_factor=2)
    with pytest.raises(NotImplementedError, match="mode 'trilinear' is not supported"):
        F.interpolate(x, scale_factor=2, mode="trilinear")
    with pytest.raises(ValueError, match="align_corners can only be set"):
        F.interpolate(x, scale_factor=2, align_corners=True)
    with pytest.raises(NotImplementedError, match="only 4-d inputs"):
        F.interpolate(nnlite.randn(1, 2, 3, 3, 3), scale_factor=2)
    with pytest.raises(ValueError, match="size must have 2 entries"):
        F.interpolate(x, size=(2, 3, 4))
    with pytest.raises(ValueError, match="scale_factor must be positive"):
        F.interpolate(x, scale_factor=-2)
    with pytest.raises(ValueError, match="input and output sizes must be greater than 0"):
        F.interpolate(x, scale_factor=0.2)
    with pytest.raises(ValueError, match="input and output sizes must be greater than 0"):
        F.interpolate(x, size=(0, 3))
    with pytest.raises(ValueError, match="input and output sizes must be greater than 0"):
        F.interpolate(nnlite.randn(1, 2, 0, 3), size=(2, 3))
    with pytest.raises(TypeError, match="interpolate: argument 'size' must be an int"):
        F.interpolate(x, size=2.5)


# ---- dropout2d ------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(4, 6, 3, 5), (5, 7, 9)])
@pytest.mark.parametrize("noncontiguous", [False, True])
def test_dropout2d_drops_whole_channels(shape, noncontiguous, rng):
    p = 0.4
    a = rng.uniform(0.5, 2.0, shape).astype("float32")
    x = make_noncontiguous(a) if noncontiguous else from_array(a)
    x.requires_grad_()
    y = F.dropout2d(x, p=p, training=True)
    g = rng.standard_normal(shape).astype("float32")
    (y * from_array(g)).sum().backward()
    yv = to_numpy(y)
    kept = (yv != 0).reshape(shape[0], shape[1], -1)
    # one decision per (sample, channel), shared by the whole plane
    assert (kept.all(axis=2) | ~kept.any(axis=2)).all()
    assert 0 < kept.all(axis=2).sum() < shape[0] * shape[1]
    mask = kept.all(axis=2).reshape(shape[:2] + (1,) * (len(shape) - 2)) / (1 - p)
    np.testing.assert_allclose(yv, a * mask, rtol=1e-6)
    np.testing.assert_allclose(to_numpy(x.grad), g * mask, rtol=1e-6)


def test_dropout2d_rate_eval_and_edge_probabilities(torch):
    y = to_numpy(F.dropout2d(nnlite.ones(100, 100, 1, 1), p=0.3))
    dropped = (y == 0).mean()
    assert abs(dropped - 0.3) < 6 * np.sqrt(0.3 * 0.7 / 10000)
    check_op([(2, 3, 4, 4)], lambda x: F.dropout2d(x, 0.5, training=False),
             lambda x: T.nn.functional.dropout2d(x, 0.5, training=False))
    check_op([(2, 3, 4, 4)], lambda x: F.dropout2d(x, 0.0), lambda x: T.nn.functional.dropout2d(x, 0.0))
    out = check_op([(2, 3, 4, 4)], lambda x: F.dropout2d(x, 1.0), lambda x: T.nn.functional.dropout2d(x, 1.0), fd=False)
    assert not to_numpy(out[0]).any()


def test_dropout2d_reproducible_with_manual_seed():
    x = nnlite.ones(8, 16, 2, 2)
    nnlite.manual_seed(3)
    a = to_numpy(F.dropout2d(x))
    nnlite.manual_seed(3)
    b = to_numpy(F.dropout2d(x))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(b, to_numpy(F.dropout2d(x)))


def test_dropout2d_errors():
    with pytest.raises(ValueError, match="dropout2d: probability must be between 0 and 1"):
        F.dropout2d(nnlite.ones(2, 3, 4, 4), p=1.5)
    with pytest.raises(ValueError, match=r"dropout2d: expected a 3-d \[N, C, L\] or 4-d"):
        F.dropout2d(nnlite.ones(3), p=0.5)  # 2-d follows PyTorch: see test_pytorch_trial
    with pytest.raises(ValueError, match=r"dropout2d: expected a 3-d \[N, C, L\] or 4-d"):
        F.dropout2d(nnlite.ones(2, 3, 4, 5, 6), p=0.5)
    with pytest.raises(TypeError, match="dropout2d: expected a floating-point tensor"):
        F.dropout2d(nnlite.ones(2, 3, 4, 4, dtype=nnlite.int64), p=0.5)
