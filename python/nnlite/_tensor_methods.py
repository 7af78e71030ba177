"""PyTorch Tensor methods and functions built from the core ops (issue 12).

Each one is a composition of differentiable C++ ops, so autograd gives torch's
gradients; the counting ones (unique, bincount, histc) have no gradient in torch
either and run through numpy. `install()` attaches them to Tensor and returns the
module-level functions for nnlite/__init__.py.
"""
import builtins

import numpy as np

from . import _C
from ._einsum import einsum

from ._tensor_counting import bincount, histc, unique
from ._tensor_linalg import addmm, baddbmm, cdist, cross, diag, diagonal, norm, outer, trace
from ._tensor_methods_util import _dim, _scaled, _sizes

Tensor = _C.Tensor

# ---- creation from an existing tensor (dtype and device follow self) ----
def new_zeros(self, *size, dtype=None, device=None, requires_grad=False):
    """A tensor of zeros of the given size, with this tensor's dtype and device unless given.

    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence.
        dtype (dtype | None): the element type; this tensor's if None.
        device (device | str | None): where it lives; this tensor's if None.
        requires_grad (bool): record operations on it for autograd.

    Returns:
        Tensor: the new tensor (it shares nothing with this one).

    Examples:
        >>> import nnlite
        >>> nnlite.tensor([1], dtype=nnlite.int64).new_zeros(2, 2).tolist()
        [[0, 0], [0, 0]]
    """
    return _C.zeros(_sizes(size), dtype=dtype or self.dtype, device=device or self.device,
                    requires_grad=requires_grad)


def new_ones(self, *size, dtype=None, device=None, requires_grad=False):
    """A tensor of ones of the given size, with this tensor's dtype and device unless given.

    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence.
        dtype (dtype | None): the element type; this tensor's if None.
        device (device | str | None): where it lives; this tensor's if None.
        requires_grad (bool): record operations on it for autograd.

    Returns:
        Tensor: the new tensor.

    Examples:
        >>> import nnlite
        >>> print(nnlite.zeros(1, dtype=nnlite.float64).new_ones((2,)).dtype)
        nnlite.float64
    """
    return _C.ones(_sizes(size), dtype=dtype or self.dtype, device=device or self.device,
                   requires_grad=requires_grad)


def new_empty(self, *size, dtype=None, device=None, requires_grad=False):
    """A new tensor of the given size, with this tensor's dtype and device unless given.

    Unlike torch, the memory is filled with zeros (no uninitialised memory reaches Python).

    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence.
        dtype (dtype | None): the element type; this tensor's if None.
        device (device | str | None): where it lives; this tensor's if None.
        requires_grad (bool): record operations on it for autograd.

    Returns:
        Tensor: the new tensor.

    Examples:
        >>> import nnlite
        >>> nnlite.ones(3).new_empty(2).shape
        (2,)
    """
    return _C.empty(_sizes(size), dtype=dtype or self.dtype, device=device or self.device,
                    requires_grad=requires_grad)


def new_full(self, size, fill_value, dtype=None, device=None, requires_grad=False):
    """A tensor of the given size filled with fill_value, with this tensor's dtype and device unless given.

    Args:
        size (Sequence[int]): the shape.
        fill_value (number): the value of every element.
        dtype (dtype | None): the element type; this tensor's if None.
        device (device | str | None): where it lives; this tensor's if None.
        requires_grad (bool): record operations on it for autograd.

    Returns:
        Tensor: the new tensor.

    Examples:
        >>> import nnlite
        >>> nnlite.zeros(1).new_full((2,), 7).tolist()
        [7.0, 7.0]
    """
    return _C.full(_sizes([size]), fill_value, dtype=dtype or self.dtype,
                   device=device or self.device, requires_grad=requires_grad)


def new_tensor(self, data, dtype=None, device=None, requires_grad=False):
    """A new tensor holding a copy of data, with this tensor's dtype and device unless given.

    Args:
        data (list | tuple | number | Tensor | numpy.ndarray): the values; a Tensor is copied
            (detached from its graph).
        dtype (dtype | None): the element type; this tensor's if None.
        device (device | str | None): where it lives; this tensor's if None.
        requires_grad (bool): record operations on it for autograd.

    Returns:
        Tensor: the new tensor.

    Examples:
        >>> import nnlite
        >>> print(nnlite.zeros(1, dtype=nnlite.float64).new_tensor([1, 2]).dtype)
        nnlite.float64
    """
    if isinstance(data, Tensor):
        data = data.detach().tolist()
    return _C.tensor(data, dtype=dtype or self.dtype, device=device or self.device,
                     requires_grad=requires_grad)


def type_as(self, other):
    """This tensor converted to other's dtype (x.to(other.dtype); the device is kept).

    Args:
        other (Tensor): the tensor whose dtype is taken.

    Returns:
        Tensor: a converted copy, or this tensor when the dtypes match.

    Examples:
        >>> import nnlite
        >>> nnlite.tensor([1.7]).type_as(nnlite.tensor([1])).tolist()
        [1]
    """
    return self.to(other.dtype)


def half(self, *args, **kwargs):
    """torch's conversion to float16, which nnlite does not have: it always raises.

    Raises:
        TypeError: always; use .float() (float32) instead.

    Examples:
        >>> import nnlite
        >>> nnlite.zeros(1).half()
        Traceback (most recent call last):
        ...
        TypeError: Tensor.half: nnlite has no float16 dtype; use .float() (float32) instead
    """
    raise TypeError("Tensor.half: nnlite has no float16 dtype; use .float() (float32) instead")


# ---- repetition and windows ----
def repeat(self, *sizes):
    """The tensor tiled: repeated sizes[i] times along dim i (a copy; NumPy's tile).

    Args:
        *sizes (int | Sequence[int]): one count per dim, at least dim() of them; extra
            leading counts add new dims in front.

    Returns:
        Tensor: each dim's size multiplied by its count.

    Raises:
        ValueError: fewer counts than dims.

    Examples:
        >>> import nnlite
        >>> nnlite.tensor([1, 2]).repeat(2, 2).tolist()
        [[1, 2, 1, 2], [1, 2, 1, 2]]
    """
    reps = _sizes(sizes)
    if len(reps) < self.dim():
        raise ValueError(f"repeat: {len(reps)} repeat counts for a {self.dim()}-d tensor")
    shape = [1] * (len(reps) - self.dim()) + list(self.shape)
    x = self.reshape([v for s in shape for v in (1, s)])  # interleave a size-1 axis before each
    x = x.expand([v for r, s in zip(reps, shape) for v in (r, s)])
    return x.reshape([r * s for r, s in zip(reps, shape)])


def tile(input, dims):
    """input repeated dims[i] times along dim i; like repeat, but fewer counts than dims are allowed
    (the missing leading ones are 1).

    Args:
        input (Tensor): any shape.
        dims (int | Sequence[int]): the counts.

    Returns:
        Tensor: each dim's size multiplied by its count.

    Examples:
        >>> import nnlite
        >>> nnlite.tile(nnlite.tensor([[1, 2]]), (2,)).tolist()
        [[1, 2, 1, 2]]
    """
    reps = _sizes([dims])
    return repeat(input, [1] * (input.dim() - len(reps)) + reps)


def repeat_interleave(input, repeats, dim=None, output_size=None):
    """Each element (or slice along dim) repeated in place: [a, b] -> [a, a, b, b].

    Args:
        input (Tensor): any shape.
        repeats (int | Tensor): one count for all, or one count per slice along dim.
        dim (int | None): the dim repeated along; None flattens input first.
        output_size (int | None): taken for torch's signature and ignored.

    Returns:
        Tensor: with dim's size (or the flattened size) multiplied by the counts.

    Raises:
        ValueError: a repeats tensor whose length is not the dim's size.

    Examples:
        >>> import nnlite
        >>> nnlite.repeat_interleave(nnlite.tensor([1, 2]), 2).tolist()
        [1, 1, 2, 2]
        >>> nnlite.tensor([1, 2]).repeat_interleave(nnlite.tensor([1, 3])).tolist()
        [1, 2, 2, 2]
    """
    if dim is None:
        input, dim = input.reshape([-1]), 0
    d = _dim(input, dim, "repeat_interleave")
    n = input.shape[d]
    if isinstance(repeats, Tensor) and repeats.numel() != 1:
        counts = [builtins.int(r) for r in repeats.tolist()]
        if len(counts) != n:
            raise ValueError(f"repeat_interleave: {len(counts)} repeat counts for size {n}")
        idx = _C.tensor([i for i, r in enumerate(counts) for _ in range(r)], dtype=_C.int64)
        return input.index_select(d, idx)
    r = builtins.int(repeats.item() if isinstance(repeats, Tensor) else repeats)
    shape = list(input.shape)
    x = input.unsqueeze(d + 1).expand(shape[:d + 1] + [r] + shape[d + 1:])
    return x.reshape(shape[:d] + [n * r] + shape[d + 1:])


def unfold(self, dimension, size, step):
    """All windows of length size along dimension, step apart, as a new last dim.

    Unlike torch, the result is a copy, not a view.

    Args:
        dimension (int): the dim to slide along.
        size (int): the window length.
        step (int): the distance between window starts, > 0.

    Returns:
        Tensor: dimension's size becomes the number of windows, (n - size) // step + 1, and a
        last dim of length size is added.

    Raises:
        ValueError: size is larger than the dim, or step <= 0.

    Examples:
        >>> import nnlite
        >>> nnlite.arange(5).unfold(0, 2, 2).tolist()
        [[0, 1], [2, 3]]
    """
    d = _dim(self, dimension, "unfold")
    n = self.shape[d] if self.dim() else 1
    if size > n or step <= 0:
        raise ValueError(f"unfold: size {size} and step {step} do not fit dimension of size {n}")
    count = (n - size) // step + 1
    idx = _C.tensor([w * step + k for w in range(count) for k in range(size)], dtype=_C.int64)
    x = self.index_select(d, idx)
    shape = list(x.shape)
    x = x.reshape(shape[:d] + [count, size] + shape[d + 1:])
    order = [i for i in range(x.dim()) if i != d + 1] + [d + 1]
    return x.permute(order)


# ---- indexed updates ----
def index_add(self, dim, index, source, *, alpha=1):
    """A copy with alpha * source's slices added at the given indices along dim; repeated indices add up.

    Args:
        dim (int): the dim indexed.
        index (Tensor): 1-d int64, one index per slice of source along dim.
        source (Tensor): this tensor's shape except len(index) along dim.
        alpha (float): keyword only: the factor of source.

    Returns:
        Tensor: this tensor's shape and dtype.

    Raises:
        IndexError: dim or an index out of range.

    Examples:
        >>> import nnlite
        >>> nnlite.zeros(3).index_add(0, nnlite.tensor([0, 0, 2]), nnlite.tensor([1., 2., 3.])).tolist()
        [3.0, 0.0, 3.0]
    """
    d = _dim(self, dim, "index_add")
    shape = [1] * source.dim()
    shape[d] = -1
    idx = index.reshape(shape).expand(list(source.shape))
    return self.scatter_add(d, idx, _scaled(source, alpha))


def index_add_(self, dim, index, source, *, alpha=1):
    """In-place index_add: alpha * source's slices added into this tensor at index along dim.

    Args:
        dim (int): the dim indexed.
        index (Tensor): 1-d int64, one index per slice of source along dim.
        source (Tensor): this tensor's shape except len(index) along dim.
        alpha (float): keyword only: the factor of source.

    Returns:
        Tensor: this tensor, changed.

    Raises:
        IndexError: dim or an index out of range.
        RuntimeError: the in-place checks of copy_ (a leaf that requires grad).

    Examples:
        >>> import nnlite
        >>> nnlite.ones(2).index_add_(0, nnlite.tensor([1]), nnlite.tensor([5.]), alpha=2).tolist()
        [1.0, 11.0]
    """
    return self.copy_(index_add(self, dim, index, source, alpha=alpha))


def index_fill(self, dim, index, value):
    """A copy with every slice along dim at the given indices set to value.

    Args:
        dim (int): the dim indexed.
        index (Tensor): 1-d int64 indices.
        value (number): the value written.

    Returns:
        Tensor: this tensor's shape and dtype.

    Raises:
        IndexError: dim or an index out of range.

    Examples:
        >>> import nnlite
        >>> nnlite.zeros(2, 3).index_fill(1, nnlite.tensor([0, 2]), -1).tolist()
        [[-1.0, 0.0, -1.0], [-1.0, 0.0, -1.0]]
    """
    d = _dim(self, dim, "index_fill")
    mask = _C.zeros([self.shape[d]], dtype=_C.bool)
    if index.numel():
        mask = mask.index_put((index.reshape([-1]),), _C.tensor(True))
    shape = [1] * self.dim()
    shape[d] = -1
    return self.masked_fill(mask.reshape(shape), value)


def index_fill_(self, dim, index, value):
    """In-place index_fill: the slices along dim at the given indices set to value.

    Args:
        dim (int): the dim indexed.
        index (Tensor): 1-d int64 indices.
        value (number): the value written.

    Returns:
        Tensor: this tensor, changed.

    Raises:
        IndexError: dim or an index out of range.

    Examples:
        >>> import nnlite
        >>> nnlite.zeros(3).index_fill_(0, nnlite.tensor([1]), 4).tolist()
        [0.0, 4.0, 0.0]
    """
    return self.copy_(index_fill(self, dim, index, value))


def square(input):
    """x * x, elementwise.

    Args:
        input (Tensor): any shape.

    Returns:
        Tensor: input's shape and dtype.

    Examples:
        >>> import nnlite
        >>> nnlite.square(nnlite.tensor([-2., 3.])).tolist()
        [4.0, 9.0]
    """
    return input * input


def _format(self, spec):
    if self.dim() == 0:  # torch formats a 0-d tensor as its Python number
        return format(self.item(), spec)
    return object.__format__(self, spec)


_METHODS = dict(
    new_zeros=new_zeros, new_ones=new_ones, new_empty=new_empty, new_full=new_full,
    new_tensor=new_tensor, type_as=type_as, half=half, norm=norm, diagonal=diagonal, diag=diag,
    trace=trace, outer=outer, addmm=addmm, baddbmm=baddbmm, cross=cross, repeat=repeat, tile=tile,
    repeat_interleave=repeat_interleave, unfold=unfold, index_add=index_add, index_add_=index_add_,
    index_fill=index_fill, index_fill_=index_fill_, unique=unique, bincount=bincount, histc=histc,
    square=square, __format__=_format,
)
_FUNCTIONS = ["norm", "diagonal", "diag", "trace", "outer", "addmm", "baddbmm", "cross", "cdist",
              "tile", "repeat_interleave", "index_add", "index_fill", "unique", "bincount", "histc",
              "square", "einsum"]


def _legacy(dtype, numpy_dtype, name):
    def make(*args):
        """torch's legacy constructor: a list of values (or a NumPy array, a range), or sizes for
        an uninitialised tensor."""
        if len(args) == 1 and isinstance(args[0], np.ndarray):
            # converted to the constructor's dtype, as torch does; a copy (torch shares a same-dtype array)
            return _C.from_numpy(np.ascontiguousarray(args[0], dtype=numpy_dtype))
        if len(args) == 1 and isinstance(args[0], (list, tuple, range, Tensor)):
            data = args[0].tolist() if isinstance(args[0], Tensor) else list(args[0])
            return _C.tensor(data, dtype=dtype)
        if all(isinstance(a, builtins.int) for a in args):
            return _C.zeros(list(args), dtype=dtype)
        raise TypeError(f"{name}: expected a list of values or integer sizes, got {args!r}")
    make.__name__ = name
    return make


LEGACY = {name: _legacy(dt, npdt, name) for name, dt, npdt in (
    ("FloatTensor", _C.float32, np.float32), ("DoubleTensor", _C.float64, np.float64),
    ("LongTensor", _C.int64, np.int64), ("IntTensor", _C.int32, np.int32), ("BoolTensor", _C.bool, np.bool_),
    ("ByteTensor", _C.uint8, np.uint8))}


def _tensor_init(original):
    def __init__(self, *args):
        # Tensor(list) and Tensor(n, m) are torch's legacy float32 constructors
        if len(args) == 1 and isinstance(args[0], Tensor):
            return original(self, args[0])
        return original(self, LEGACY["FloatTensor"](*args) if args else _C.empty([0]))
    return __init__


def _nonzero(original):
    def nonzero(input, *, as_tuple=False):
        """The indices of the nonzero elements, one row per element in row-major order.

        Args:
            input (Tensor): any shape.
            as_tuple (bool): keyword only: return one 1-d index tensor per dim instead (usable as
                x[idx], like NumPy's nonzero).

        Returns:
            Tensor | tuple[Tensor, ...]: int64 [count, input.dim()], or input.dim() tensors of [count].

        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([[0, 1], [2, 0]])
            >>> nnlite.nonzero(x).tolist()
            [[0, 1], [1, 0]]
            >>> [t.tolist() for t in x.nonzero(as_tuple=True)]
            [[0, 1], [1, 0]]
        """
        idx = original(input)  # (count, ndim) int64
        if not as_tuple:
            return idx
        return tuple(idx.select(1, d) for d in range(idx.shape[1]))
    return nonzero


def _to_int(self):
    return builtins.int(self.item())  # item() of a bool tensor is a bool; int() must be an int


def _to_float(self):
    return builtins.float(self.item())


def _reduce_or_binary(reduce, binary):
    """torch.max/min(input, other): the elementwise maximum/minimum when the
    second argument is a tensor; otherwise the reduction."""
    def f(input, *args, **kwargs):
        if args and isinstance(args[0], Tensor):
            return binary(input, args[0])
        if "other" in kwargs:
            return binary(input, kwargs.pop("other"))
        return reduce(input, *args, **kwargs)
    f.__name__, f.__doc__ = reduce.__name__, reduce.__doc__
    return f


def _false_flag(flag):
    def get(self):
        return False
    kind = flag[3:].upper()
    get.__doc__ = (f"Whether the tensor is a torch {kind} tensor: always False, as nnlite tensors live on the "
                   f"CPU or a CUDA device, dense.\n\nReturns:\n    bool: False.\n\nExamples:\n"
                   f"    >>> import nnlite\n    >>> nnlite.zeros(1).{flag}\n    False\n")
    return get


def install():
    Tensor.__int__, Tensor.__float__ = _to_int, _to_float
    Tensor.max = _reduce_or_binary(Tensor.max, _C.maximum)
    Tensor.min = _reduce_or_binary(Tensor.min, _C.minimum)
    Tensor.nonzero = _nonzero(Tensor.nonzero)
    Tensor.__init__ = _tensor_init(Tensor.__init__)
    for name, fn in _METHODS.items():
        setattr(Tensor, name, fn)
    Tensor.nelement = Tensor.numel
    for flag in ("is_xpu", "is_mps", "is_meta", "is_sparse", "is_quantized", "is_mkldnn", "is_vulkan",
                 "is_ipu", "is_hpu", "is_mtia"):
        if not hasattr(Tensor, flag):  # nnlite tensors live on the CPU or a CUDA device only
            setattr(Tensor, flag, property(_false_flag(flag)))
    g = globals()
    return dict({name: g[name] for name in _FUNCTIONS}, nonzero=Tensor.nonzero,
                max=_reduce_or_binary(_C.max, _C.maximum), min=_reduce_or_binary(_C.min, _C.minimum))
