"""conv2d, conv_transpose2d and pad (the padding op that conv 'same' with an
even kernel and padding_mode use): forward and backward against torch and
float64 finite differences, over non-square kernels, stride, padding,
dilation, groups, bias, batch size one; plus the errors of bad arguments."""
import numpy as np
import pytest

import nnlite
import nnlite.nn.functional as F
from op_check import T, check_op

TESTED_OPS = {"conv2d", "conv_transpose2d", "pad"}

# torch warns that it copies the input for padding="same" with an even kernel; so do we.
pytestmark = pytest.mark.filterwarnings("ignore:Using padding=.same. with even kernel")


def _conv(kwargs):
    return (lambda *a: F.conv2d(*a, **kwargs)), (lambda *a: T.nn.functional.conv2d(*a, **kwargs))


# (input shape, weight shape, keyword arguments)
CONV_CASES = [
    ((2, 3, 5, 6), (4, 3, 3, 3), {}),
    ((2, 3, 6, 7), (4, 3, 2, 3), {}),                                   # non-square kernel
    ((2, 3, 7, 8), (4, 3, 3, 3), {"stride": 2}),
    ((2, 3, 7, 8), (4, 3, 3, 2), {"stride": (2, 1), "padding": (1, 0)}),
    ((2, 2, 5, 5), (3, 2, 3, 3), {"padding": 1}),
    ((2, 2, 5, 6), (3, 2, 3, 5), {"padding": (2, 1)}),
    ((2, 2, 5, 6), (3, 2, 3, 3), {"padding": "same"}),
    ((2, 2, 5, 6), (3, 2, 2, 4), {"padding": "same"}),                  # even kernel: extra zero right/bottom
    ((1, 2, 6, 5), (3, 2, 2, 3), {"padding": "same", "dilation": (1, 2)}),
    ((2, 2, 5, 6), (3, 2, 3, 3), {"padding": "valid"}),
    ((2, 2, 7, 8), (3, 2, 3, 3), {"dilation": 2}),
    ((2, 2, 7, 8), (3, 2, 2, 3), {"dilation": (2, 1), "stride": (1, 2), "padding": 1}),
    ((2, 6, 5, 5), (9, 2, 3, 3), {"groups": 3}),
    ((2, 4, 5, 5), (8, 1, 3, 3), {"groups": 4, "padding": 1}),          # depthwise, channel multiplier 2
    ((2, 4, 6, 6), (4, 1, 3, 3), {"groups": 4, "stride": 2}),           # depthwise
    ((1, 3, 5, 4), (4, 3, 3, 3), {"padding": 1}),                       # batch size one
    ((2, 5, 4, 3), (6, 5, 1, 1), {}),                                   # 1x1
    ((2, 5, 4, 3), (6, 5, 1, 1), {"stride": 2}),
    ((2, 2, 8, 10), (3, 2, 3, 3), {"stride": 3, "padding": 2}),          # a stride past 2: the generic phases
    ((2, 3, 9, 7), (4, 3, 3, 3), {"stride": 2, "padding": 2, "dilation": 2}),  # even padding, odd width
    ((1, 2, 2, 2), (3, 2, 4, 4), {"padding": 1}),                       # kernel larger than the input, padded
    ((2, 2, 3, 2), (3, 2, 5, 4), {"padding": (2, 2)}),
    ((3, 5, 4), (2, 3, 2, 2), {}),                                      # unbatched [C, H, W]
    ((0, 2, 4, 4), (3, 2, 3, 3), {}),                                   # empty batch
    # More input than output channels: the stride-1 input gradient runs as a
    # convolution with the flipped kernel (fewer: im2col's adjoint, col2im).
    ((2, 5, 6, 5), (3, 5, 3, 3), {"padding": 1}),
    ((2, 6, 5, 5), (4, 3, 3, 3), {"padding": 1, "groups": 2}),
]


@pytest.mark.parametrize("xs,ws,kwargs", CONV_CASES)
@pytest.mark.parametrize("bias", [True, False])
def test_conv2d(xs, ws, kwargs, bias):
    nn_fn, t_fn = _conv(kwargs)
    shapes = [xs, ws] + ([(ws[0],)] if bias else [])
    check_op(shapes, nn_fn, t_fn, atol=1e-5, rtol=1e-4)


@pytest.mark.parametrize("xs,ws,kwargs", [CONV_CASES[3], CONV_CASES[7], CONV_CASES[13]])
def test_conv2d_noncontiguous_and_float64(xs, ws, kwargs):
    nn_fn, t_fn = _conv(kwargs)
    check_op([xs, ws, (ws[0],)], nn_fn, t_fn, noncontiguous=True, atol=1e-5, rtol=1e-4)
    check_op([xs, ws, (ws[0],)], nn_fn, t_fn, dtype="float64")


def test_conv2d_larger_channels_and_keywords():
    check_op([(2, 16, 9, 9), (24, 16, 3, 3), (24,)],
             lambda x, w, b: F.conv2d(x, w, bias=b, stride=1, padding=1),
             lambda x, w, b: T.nn.functional.conv2d(x, w, bias=b, stride=1, padding=1),
             low=-1, high=1, atol=1e-4, rtol=1e-4, grad_atol=1e-3, fd_max_elems=4)


# 3x3 stride-1 convolutions with at least 16 channels in and out and 32
# output tiles of 4x4 run by Winograd F(4x4, 3x3) (cpp/src/backend/cpu/winograd.cpp); im2col + GEMM and
# torch are the references. The shapes cover outputs that are not multiples of
# the 4x4 tile, padding 0-2 (tile windows hanging over every border), a single
# tile, and more tiles than one block so the blocks spread over threads.
WINOGRAD_CASES = [  # each with at least 32 output tiles, as the kernel requires
    ((8, 16, 8, 8), (16, 16, 3, 3), 1),
    ((6, 16, 7, 9), (20, 16, 3, 3), 1),
    ((32, 17, 5, 6), (16, 17, 3, 3), 0),
    ((8, 16, 6, 5), (16, 16, 3, 3), 2),
    ((32, 16, 1, 1), (16, 16, 3, 3), 1),
    ((40, 16, 10, 10), (16, 16, 3, 3), 1),
    ((1, 16, 64, 64), (16, 16, 3, 3), 1),  # one image split into blocks
]


@pytest.mark.parametrize("xs,ws,padding", WINOGRAD_CASES)
def test_conv2d_winograd(xs, ws, padding):
    nn_fn, t_fn = _conv({"padding": padding})
    check_op([xs, ws, (ws[0],)], nn_fn, t_fn, low=-1, high=1, atol=1e-4, rtol=1e-4, grad_atol=1e-3, fd=False)
    check_op([xs, ws, (ws[0],)], nn_fn, t_fn, dtype="float64", fd_max_elems=4)


def test_conv2d_winograd_matches_im2col():
    # The same sums through both algorithms: a 3x3 kernel (Winograd), and the
    # same kernel inside a 5x5 one with a ring of zeros, padded once more (im2col).
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 16, 11, 13)).astype(np.float32)
    w = rng.standard_normal((24, 16, 3, 3)).astype(np.float32)
    w5 = np.zeros((24, 16, 5, 5), np.float32)
    w5[:, :, 1:4, 1:4] = w
    a = F.conv2d(nnlite.from_numpy(x), nnlite.from_numpy(w), padding=1).numpy()
    b = F.conv2d(nnlite.from_numpy(x), nnlite.from_numpy(w5), padding=2).numpy()
    np.testing.assert_allclose(a, b, atol=2e-4, rtol=1e-4)  # values of order 10


def test_conv2d_winograd_kept_filter_follows_weight_changes():
    # From its second call with a weight, Winograd keeps the transformed
    # filter (cpu/packed_weights.h); an in-place change must transform it anew.
    rng = np.random.default_rng(5)
    x = nnlite.from_numpy(rng.standard_normal((4, 32, 16, 16)).astype(np.float32))  # 64 tiles: Winograd
    w = nnlite.from_numpy(rng.standard_normal((32, 32, 3, 3)).astype(np.float32))
    for change in [None, lambda: w.mul_(-0.5), lambda: w[3].fill_(2.0)]:
        if change:
            with nnlite.no_grad():
                change()
        w5 = np.zeros((32, 32, 5, 5), np.float32)
        w5[:, :, 1:4, 1:4] = w.numpy()
        want = F.conv2d(x, nnlite.from_numpy(w5), padding=2).numpy()  # im2col
        for _ in range(3):
            np.testing.assert_allclose(F.conv2d(x, w, padding=1).numpy(), want, atol=2e-4, rtol=1e-4)


@pytest.mark.parametrize("xs,k", [((1, 32, 16, 16), 32),     # 16 tiles, one block shared by the threads
                                  ((1, 131, 14, 13), 67),   # rows of the filter's packed panels left over
                                  ((2, 40, 9, 9), 45),      # 18 tiles over two images
                                  ((1, 400, 13, 13), 38),   # inner dimension over one GEMM k block
                                  ((3, 64, 16, 16), 70)])   # more than one block
def test_conv2d_winograd_few_tiles_with_kept_filter(xs, k):
    # From 16 tiles a weight that holds still between calls runs by Winograd
    # with its transformed filter kept in the GEMM's packed panels
    # (winograd_wins); calls 1 and 2 run direct and unkept. Each call, and
    # each in-place change of the weight or bias, must match im2col.
    rng = np.random.default_rng(6)
    x = nnlite.from_numpy(rng.standard_normal(xs).astype(np.float32))
    w = nnlite.from_numpy(rng.standard_normal((k, xs[1], 3, 3)).astype(np.float32))
    b = nnlite.from_numpy(rng.standard_normal(k).astype(np.float32))
    for change in [None, lambda: w.mul_(-0.5), lambda: b.add_(1.0), lambda: w[k - 1].fill_(0.25)]:
        if change:
            with nnlite.no_grad():
                change()
        w5 = np.zeros((k, xs[1], 5, 5), np.float32)
        w5[:, :, 1:4, 1:4] = w.numpy()
        want = F.conv2d(x, nnlite.from_numpy(w5), b, padding=2).numpy()  # im2col
        scale = np.abs(want).max()
        for _ in range(4):
            np.testing.assert_allclose(F.conv2d(x, w, b, padding=1).numpy(), want, atol=5e-5 * scale, rtol=0)


def test_conv2d_winograd_weight_grad_repeats_exactly():
    rng = np.random.default_rng(4)
    x = nnlite.from_numpy(rng.standard_normal((64, 16, 8, 8)).astype(np.float32))
    gy = nnlite.from_numpy(rng.standard_normal((64, 32, 8, 8)).astype(np.float32))
    grads = []
    for _ in range(2):
        w = nnlite.from_numpy(rng.standard_normal((32, 16, 3, 3)).astype(np.float32) * 0).requires_grad_()
        F.conv2d(x, w, padding=1).backward(gy)
        grads.append(w.grad.numpy())
    np.testing.assert_array_equal(grads[0], grads[1])


def test_conv_transpose2d_winograd():
    # Its forward is conv2d's input gradient, a stride-1 convolution with the
    # flipped kernel, so all three of its products run by Winograd.
    nn_fn, t_fn = _convt({"padding": 1})
    check_op([(6, 16, 7, 6), (16, 20, 3, 3), (20,)], nn_fn, t_fn, low=-1, high=1, atol=1e-4, rtol=1e-4,
             grad_atol=1e-3, fd=False)


def test_conv2d_double_backward(torch):
    rng = np.random.default_rng(2)
    x, w, up = rng.normal(size=(2, 2, 5, 5)), rng.normal(size=(3, 2, 3, 3)), rng.normal(size=(2, 3, 3, 3))

    def run(lib, mk):
        xt, wt = mk(x).requires_grad_(), mk(w).requires_grad_()
        y = lib.nn.functional.conv2d(xt, wt, stride=1, padding=0)
        gx, gw = lib.autograd.grad((y * mk(up)).sum(), [xt, wt], create_graph=True)
        ((gx * gx).sum() + (gw * gw).sum()).backward()
        return [np.asarray(t.grad.numpy()) for t in (xt, wt)]

    for a, b in zip(run(nnlite, lambda a: nnlite.from_numpy(a.copy())), run(torch, lambda a: torch.from_numpy(a.copy()))):
        np.testing.assert_allclose(a, b, rtol=1e-8, atol=1e-9)


def _convt(kwargs):
    return (lambda *a: F.conv_transpose2d(*a, **kwargs)), (lambda *a: T.nn.functional.conv_transpose2d(*a, **kwargs))


CONVT_CASES = [
    ((2, 3, 4, 5), (3, 4, 3, 3), {}),
    ((2, 3, 4, 5), (3, 4, 2, 3), {"padding": (1, 0)}),                  # non-square
    ((2, 3, 3, 4), (3, 2, 3, 3), {"stride": 2, "output_padding": 1}),
    ((2, 3, 3, 4), (3, 2, 4, 4), {"stride": 2, "padding": 1}),          # DCGAN upsampling block
    ((1, 8, 1, 1), (8, 4, 4, 4), {}),                                   # DCGAN first block, batch one
    ((2, 4, 3, 3), (4, 3, 3, 3), {"groups": 2}),
    ((2, 4, 3, 3), (4, 1, 3, 3), {"groups": 4, "stride": (1, 2)}),
    ((2, 2, 3, 3), (2, 3, 2, 3), {"dilation": 2, "stride": 2, "output_padding": 1}),
    ((2, 3, 4, 4), (3, 2, 1, 1), {"stride": 2}),                        # 1x1
    ((3, 4, 5), (3, 2, 3, 2), {"stride": 2}),                           # unbatched
]


@pytest.mark.parametrize("xs,ws,kwargs", CONVT_CASES)
@pytest.mark.parametrize("bias", [True, False])
def test_conv_transpose2d(xs, ws, kwargs, bias):
    nn_fn, t_fn = _convt(kwargs)
    groups = kwargs.get("groups", 1)
    shapes = [xs, ws] + ([(ws[1] * groups,)] if bias else [])
    check_op(shapes, nn_fn, t_fn, atol=1e-5, rtol=1e-4)


def test_conv_transpose2d_noncontiguous_and_float64():
    nn_fn, t_fn = _convt({"stride": 2, "padding": 1, "output_padding": 1})
    check_op([(2, 3, 3, 4), (3, 2, 3, 3), (2,)], nn_fn, t_fn, noncontiguous=True, atol=1e-5, rtol=1e-4)
    check_op([(2, 3, 3, 4), (3, 2, 3, 3), (2,)], nn_fn, t_fn, dtype="float64")


def test_conv_errors():
    x = nnlite.randn(2, 4, 5, 5)
    w = nnlite.randn(6, 4, 3, 3)
    with pytest.raises(ValueError, match=r"conv2d: kernel 8x8 .* is larger than the padded input 7x7"):
        F.conv2d(nnlite.randn(1, 1, 5, 5), nnlite.randn(1, 1, 8, 8), padding=1)
    with pytest.raises(ValueError, match=r"conv2d: kernel 3x3 \(dilated to 5x5\) is larger than the padded input"):
        F.conv2d(nnlite.randn(1, 1, 4, 6), nnlite.randn(1, 1, 3, 3), dilation=2)
    with pytest.raises(ValueError, match="conv2d: kernel .* is larger than the padded input"):
        F.conv2d(x, nnlite.randn(6, 4, 6, 3))
    with pytest.raises(ValueError, match="conv2d: stride must be positive"):
        F.conv2d(x, w, stride=0)
    with pytest.raises(ValueError, match="conv2d: stride must be positive"):
        F.conv2d(x, w, stride=(1, -2))
    with pytest.raises(ValueError, match="conv2d: dilation must be positive"):
        F.conv2d(x, w, dilation=0)
    with pytest.raises(ValueError, match="conv2d: padding must be non-negative"):
        F.conv2d(x, w, padding=-1)
    with pytest.raises(ValueError, match="divisible by groups=3"):
        F.conv2d(x, nnlite.randn(6, 1, 3, 3), groups=3)
    with pytest.raises(ValueError, match="groups must be positive"):
        F.conv2d(x, w, groups=0)
    with pytest.raises(ValueError, match=r"conv2d: weight of shape \[6, 3, 3, 3\] expects 3 input channels"):
        F.conv2d(x, nnlite.randn(6, 3, 3, 3))
    with pytest.raises(ValueError, match="conv2d: expected a 4-d input"):
        F.conv2d(nnlite.randn(4, 5), w)
    with pytest.raises(ValueError, match="conv2d: expected a 4-d input"):
        F.conv2d(nnlite.randn(1, 2, 4, 5, 5), w)
    with pytest.raises(ValueError, match="conv2d: expected a 4-d weight"):
        F.conv2d(x, nnlite.randn(6, 4, 3))
    with pytest.raises(ValueError, match="conv2d: bias of shape"):
        F.conv2d(x, w, nnlite.randn(5))
    with pytest.raises(TypeError, match="conv2d: weight .* must have the same dtype"):
        F.conv2d(x, w.double())
    with pytest.raises(TypeError, match="conv2d: expected a floating-point tensor"):
        F.conv2d(nnlite.ones(2, 4, 5, 5, dtype=nnlite.int64), w)
    with pytest.raises(ValueError, match="padding='same' is not supported for strided convolutions"):
        F.conv2d(x, w, stride=2, padding="same")
    with pytest.raises(ValueError, match="conv2d: padding must be an int, a pair, 'valid' or 'same'"):
        F.conv2d(x, w, padding="full")
    with pytest.raises(ValueError, match="conv2d: stride must be an int or a pair"):
        F.conv2d(x, w, stride=(1, 1, 1))
    with pytest.raises(TypeError, match="conv2d: argument 'stride' must be an int"):
        F.conv2d(x, w, stride=1.5)
    with pytest.raises(TypeError, match="conv2d: stride must be an int or a pair of ints, got None"):
        F.conv2d(x, w, stride=None)


def test_conv_transpose_errors():
    x = nnlite.randn(2, 4, 3, 3)
    w = nnlite.randn(4, 2, 3, 3)
    with pytest.raises(ValueError, match="conv_transpose2d: stride must be positive"):
        F.conv_transpose2d(x, w, stride=0)
    with pytest.raises(ValueError, match="output_padding .* must be smaller than either stride or dilation"):
        F.conv_transpose2d(x, w, output_padding=1)
    with pytest.raises(ValueError, match="conv_transpose2d: weight of shape .* expects 3 input channels"):
        F.conv_transpose2d(x, nnlite.randn(3, 2, 3, 3))
    with pytest.raises(ValueError, match="conv_transpose2d: groups must be positive"):
        F.conv_transpose2d(x, w, groups=0)
    with pytest.raises(ValueError, match="divisible by groups=3"):
        F.conv_transpose2d(x, w, groups=3)
    with pytest.raises(ValueError, match="conv_transpose2d: expected a 4-d input"):
        F.conv_transpose2d(nnlite.randn(4, 3), w)
    with pytest.raises(ValueError, match="conv_transpose2d: the output size .* is not positive"):
        F.conv_transpose2d(nnlite.randn(1, 4, 1, 1), nnlite.randn(4, 2, 1, 1), padding=1)
    with pytest.raises(TypeError, match="conv_transpose2d: argument 'padding' must be an int"):
        F.conv_transpose2d(x, w, padding="same")


# ---- pad ---------------------------------------------------------------------------

PAD_CASES = [
    ((2, 3, 5), (1, 2), "constant"),
    ((2, 3, 4, 5), (1, 2, 0, 3), "constant"),
    ((2, 3, 4, 5), (-1, 2, 1, -2), "constant"),                         # negative pads crop
    ((2, 3, 4), (1, 0, 2, 1, 1, 1), "constant"),
    ((4,), (0, 3), "constant"),
    ((2, 3, 5), (2, 4), "reflect"),
    ((2, 3, 4, 5), (2, 1, 1, 3), "reflect"),
    ((2, 3, 4, 5), (-1, 1, 0, 2), "reflect"),
    ((2, 3, 5), (3, 1), "replicate"),
    ((2, 3, 4, 5), (2, 3, 4, 1), "replicate"),
    ((2, 3, 4, 5), (1, 5, 4, 2), "circular"),
    ((1, 2, 3, 1), (0, 0, 2, 2), "reflect"),
]


@pytest.mark.parametrize("shape,pads,mode", PAD_CASES)
def test_pad(shape, pads, mode):
    check_op([shape], lambda x: F.pad(x, pads, mode=mode), lambda x: T.nn.functional.pad(x, pads, mode=mode))
    check_op([shape], lambda x: F.pad(x, pads, mode), lambda x: T.nn.functional.pad(x, pads, mode),
             noncontiguous=True, fd=False)


def test_pad_value_float64_and_integers():
    check_op([(2, 3, 4)], lambda x: F.pad(x, (1, 1, 2, 0), value=-1.5),
             lambda x: T.nn.functional.pad(x, (1, 1, 2, 0), value=-1.5), dtype="float64")
    check_op([(2, 3, 4)], lambda x: F.pad(x, (1, 2), "reflect"), lambda x: T.nn.functional.pad(x, (1, 2), "reflect"),
             dtype="int64", low=-5, high=5, grad=False)
    check_op([(2, 3, 4)], lambda x: F.pad(x, (2, 1), value=7), lambda x: T.nn.functional.pad(x, (2, 1), value=7),
             dtype="int32", low=-5, high=5, grad=False)
    check_op([(2, 3)], lambda x: F.pad(x, ()), lambda x: T.nn.functional.pad(x, ()))


def test_pad_empty_input_and_result():
    check_op([(0, 3)], lambda x: F.pad(x, (1, 1)), lambda x: T.nn.functional.pad(x, (1, 1)))
    check_op([(2, 5)], lambda x: F.pad(x, (-3, -2)), lambda x: T.nn.functional.pad(x, (-3, -2)))


def test_pad_result_is_a_new_tensor():
    x = nnlite.zeros(2, 3)
    y = F.pad(x, (1, 1))
    y[0, 1] = 5.0
    assert float(x[0, 0]) == 0.0


def test_pad_errors():
    x = nnlite.randn(2, 5)
    with pytest.raises(ValueError, match="pad: .* its length must be even; got 1 values"):
        F.pad(x, (1,))
    with pytest.raises(ValueError, match="pad: 6 padding values given for an input of 2 dimensions"):
        F.pad(x, (1, 1, 1, 1, 1, 1))
    with pytest.raises(ValueError, match="pad: reflect padding must be smaller than the padded dimension"):
        F.pad(x, (5, 5), mode="reflect")
    with pytest.raises(ValueError, match="pad: reflect padding must be smaller"):
        F.pad(x, (0, 5), mode="reflect")
    with pytest.raises(ValueError, match="pad: circular padding may wrap around at most once"):
        F.pad(x, (6, 5), mode="circular")
    with pytest.raises(ValueError, match="pad: replicate padding needs a non-empty dimension"):
        F.pad(nnlite.zeros(2, 0), (1, 1), mode="replicate")
    with pytest.raises(ValueError, match="pad: mode must be 'constant', 'reflect', 'replicate' or 'circular'"):
        F.pad(x, (1, 1), mode="foo")
    with pytest.raises(ValueError, match="pad: negative padding .* removes more than the 5 elements"):
        F.pad(x, (-3, -3))
    with pytest.raises(ValueError, match="pad: padding mode 'reflect' does not take a value"):
        F.pad(x, (1, 1), mode="reflect", value=1.0)
    with pytest.raises(TypeError, match="pad: argument 'pad' must be an int"):
        F.pad(x, (1.5, 1))
    with pytest.raises(TypeError, match="pad: pad must be a sequence of ints"):
        F.pad(x, 1)
