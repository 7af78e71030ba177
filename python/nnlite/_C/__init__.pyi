"""
nnlite's C++ core
"""
from __future__ import annotations
import builtins
import collections.abc
import numpy
import typing
import typing_extensions
from . import _nn_init
from . import _testing
from . import _cpp
from . import _cuda_host
__all__: list[str] = ['CudaEvent', 'ExportError', 'Generator', 'Graph', 'GraphRecorder', 'GraphRecording', 'Node', 'Tensor', 'abs', 'adam_group_step', 'adam_step', 'adaptive_avg_pool2d', 'add', 'all', 'amax', 'amin', 'any', 'arange', 'argmax', 'argmin', 'argsort', 'as_strided', 'autograd_grad', 'avg_pool2d', 'backward_many', 'batch_norm', 'batch_norm_module', 'bernoulli', 'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'bmm', 'bool', 'cat', 'ceil', 'check_adam_options', 'check_rule_optimizer_options', 'check_sgd_options', 'chunk', 'clamp', 'clip', 'clip_grad_norm_', 'clip_grad_value_', 'concatenate', 'conv2d', 'conv2d_padding', 'conv_transpose2d', 'conv_transpose2d_output_padding', 'cos', 'cross_entropy', 'cuda_device_count', 'cuda_empty_cache', 'cuda_is_available', 'cuda_is_compiled', 'cuda_is_pinned', 'cuda_max_memory_allocated', 'cuda_memory_allocated', 'cuda_memory_reserved', 'cuda_pin_memory', 'cuda_reset_peak_memory_stats', 'cuda_stream_query', 'cuda_synchronize', 'cumsum', 'default_generator', 'device', 'div', 'dropout', 'dropout2d', 'dtype', 'elu', 'embedding', 'embedding_backward', 'embedding_renorm_', 'empty', 'empty_like', 'eq', 'erf', 'exp', 'expm1', 'eye', 'fix', 'flatten', 'flip', 'float32', 'float64', 'floor', 'fmod', 'frac', 'from_dlpack', 'from_numpy', 'full', 'full_like', 'gather', 'ge', 'gelu', 'get_default_dtype', 'get_num_threads', 'graph_op_names', 'group_norm', 'gru_cell', 'gru_layer', 'gt', 'index_put', 'index_select', 'initial_seed', 'int32', 'int64', 'interpolate', 'is_grad_enabled', 'isfinite', 'isinf', 'isnan', 'l1_loss', 'layer_norm', 'le', 'leaky_relu', 'leaky_sequence', 'lerp', 'linear', 'linspace', 'load_graph', 'load_safetensors', 'log', 'log10', 'log1p', 'log2', 'log_softmax', 'logical_and', 'logical_not', 'logical_or', 'logsumexp', 'lstm_cell', 'lstm_layer', 'lt', 'manual_seed', 'masked_fill', 'masked_select', 'matmul', 'max', 'max_pool2d', 'max_pool2d_with_indices', 'maximum', 'mean', 'min', 'minimum', 'mm', 'mse_loss', 'mul', 'multinomial', 'nan_to_num', 'narrow', 'ne', 'neg', 'nll_loss', 'nonzero', 'normal', 'one_hot', 'ones', 'ones_like', 'op_names', 'op_schemas', 'pad', 'parse_cifar', 'parse_graph', 'parse_idx', 'permute', 'poisson', 'pow', 'prod', 'rand', 'rand_like', 'randint', 'randint_like', 'randn', 'randn_like', 'randperm', 'rbm_cd_step', 'read_cifar', 'read_idx', 'reduction_from_name', 'relu', 'remainder', 'reshape', 'rnn_relu_cell', 'rnn_relu_layer', 'rnn_tanh_cell', 'rnn_tanh_layer', 'roll', 'round', 'rsqrt', 'rule_optimizer_group_step', 'rule_optimizer_names', 'safetensors_from_bytes', 'safetensors_to_bytes', 'save_graph', 'save_safetensors', 'scaled_dot_product_attention', 'scatter', 'scatter_add', 'select', 'set_default_dtype', 'set_grad_enabled_', 'set_num_threads', 'sgd_group_step', 'sgd_step', 'sigmoid', 'sign', 'simd_level', 'sin', 'softmax', 'softplus', 'sort', 'split', 'sqrt', 'squeeze', 'stack', 'std', 'sub', 'sum', 'sum_to', 't', 'tanh', 'tensor', 'topk', 'transpose', 'tril', 'triu', 'trunc', 'uint8', 'unbind', 'unsqueeze', 'upsample_nearest2d', 'var', 'version', 'where', 'zeros', 'zeros_like']
class ExportError(ValueError):
    ...
class dtype:
    """
    Members:
    
      bool
    
      uint8
    
      int32
    
      int64
    
      float32
    
      float64
    """
    __members__: typing.ClassVar[dict[str, dtype]]
    bool: typing.ClassVar[dtype]
    float32: typing.ClassVar[dtype]
    float64: typing.ClassVar[dtype]
    int32: typing.ClassVar[dtype]
    int64: typing.ClassVar[dtype]
    uint8: typing.ClassVar[dtype]
    @typing.overload
    def __eq__(self: dtype, other: dtype) -> builtins.bool:
        ...
    @typing.overload
    def __eq__(self: dtype, other: typing.Any) -> builtins.bool:
        ...
    def __getstate__(self) -> builtins.int:
        ...
    def __hash__(self) -> builtins.int:
        ...
    def __index__(self: dtype) -> builtins.int:
        ...
    def __init__(self: dtype, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self: dtype) -> builtins.int:
        ...
    @typing.overload
    def __ne__(self: dtype, other: dtype) -> builtins.bool:
        ...
    @typing.overload
    def __ne__(self: dtype, other: typing.Any) -> builtins.bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self: dtype, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def is_floating_point(self) -> builtins.bool:
        ...
    @property
    def itemsize(self) -> builtins.int:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> builtins.int:
        ...
class device:
    def __eq__(self, other: object) -> builtins.bool:
        ...
    def __hash__(self) -> builtins.int:
        ...
    def __init__(self, arg0: str) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    @property
    def index(self) -> typing.Any:
        ...
    @property
    def type(self) -> str:
        ...
class Node:
    def __repr__(self) -> str:
        ...
    def name(self) -> str:
        ...
    @property
    def next_functions(self) -> tuple:
        ...
class Tensor:
    data: Tensor
    grad: Tensor | None
    requires_grad: builtins.bool
    @staticmethod
    def addmm(input, mat1, mat2, *, beta = 1, alpha = 1):
        ...
    @staticmethod
    def baddbmm(input, batch1, batch2, *, beta = 1, alpha = 1):
        ...
    @staticmethod
    def bincount(input, weights = None, minlength = 0):
        ...
    @staticmethod
    def cross(input, other, dim = None):
        ...
    @staticmethod
    def diag(input, diagonal = 0):
        ...
    @staticmethod
    def diagonal(input, offset = 0, dim1 = 0, dim2 = 1):
        """
        Picks x[..., i, i+offset] through a flat index_select over the two dims.
        """
    @staticmethod
    def histc(input, bins = 100, min = 0, max = 0):
        ...
    @staticmethod
    def max(input, *args, **kwargs):
        """
        max(self: nnlite._C.Tensor, dim: int | None = None, keepdim: bool = False) -> object
        
        The largest element; with dim, (values, indices) along that dim.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | None): the dim to reduce; None reduces all of them.
            keepdim (bool): keep the reduced dim with size 1.
        
        Returns:
            Tensor | tuple[Tensor, Tensor]: the 0-d maximum without dim; a named tuple (values, indices) with it.
        
        Examples:
            >>> import nnlite
            >>> nnlite.max(nnlite.tensor([[1., 5.], [3., 4.]]), dim=1).indices.tolist()
            [1, 1]
        
        """
    @staticmethod
    def min(input, *args, **kwargs):
        """
        min(self: nnlite._C.Tensor, dim: int | None = None, keepdim: bool = False) -> object
        
        The smallest element; with dim, (values, indices) along that dim.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | None): the dim to reduce; None reduces all of them.
            keepdim (bool): keep the reduced dim with size 1.
        
        Returns:
            Tensor | tuple[Tensor, Tensor]: the 0-d minimum without dim; a named tuple (values, indices) with it.
        
        Examples:
            >>> import nnlite
            >>> nnlite.min(nnlite.tensor([[1., 5.], [3., 4.]]), dim=1).values.tolist()
            [1.0, 3.0]
        
        """
    @staticmethod
    def nelement(*args, **kwargs):
        """
        numel(self: nnlite._C.Tensor) -> int
        """
    @staticmethod
    def nonzero(input, *, as_tuple = False):
        ...
    @staticmethod
    def norm(input, p = 'fro', dim = None, keepdim = False, dtype = None):
        ...
    @staticmethod
    def outer(input, vec2):
        ...
    @staticmethod
    def repeat_interleave(input, repeats, dim = None, output_size = None):
        ...
    @staticmethod
    def square(input):
        ...
    @staticmethod
    def tile(input, dims):
        ...
    @staticmethod
    def trace(input):
        ...
    @staticmethod
    def unique(input, sorted = True, return_inverse = False, return_counts = False, dim = None):
        ...
    def __abs__(self) -> Tensor:
        ...
    def __add__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __and__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __array__(self, dtype: dtype | None = None, copy: typing.Any | None = None) -> numpy.ndarray:
        ...
    def __bool__(self) -> builtins.bool:
        ...
    def __deepcopy__(self, memo):
        ...
    def __dlpack__(self, **kwargs) -> typing_extensions.CapsuleType:
        ...
    def __dlpack_device__(self) -> tuple[builtins.int, builtins.int]:
        ...
    def __eq__(self, other: object) -> typing.Any:
        ...
    def __float__(self):
        ...
    def __format__(self, spec):
        ...
    def __ge__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __getitem__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __gt__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __hash__(self) -> builtins.int:
        ...
    def __iadd__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __imul__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __index__(self) -> builtins.int:
        ...
    def __init__(self, *args):
        ...
    def __int__(self):
        ...
    def __invert__(self) -> Tensor:
        ...
    def __isub__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __iter__(self) -> collections.abc.Iterator:
        ...
    def __itruediv__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __le__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __len__(self) -> builtins.int:
        ...
    def __lt__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __matmul__(self, arg0: Tensor) -> Tensor:
        ...
    def __mul__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __ne__(self, other: object) -> typing.Any:
        ...
    def __neg__(self) -> Tensor:
        ...
    def __or__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __pow__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __radd__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __reduce_ex__(self, protocol = 2):
        ...
    def __repr__(self) -> typing.Any:
        ...
    def __rmul__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __rpow__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __rsub__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __rtruediv__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __setitem__(self, arg0: typing.Any, arg1: typing.Any) -> None:
        ...
    def __sub__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def __truediv__(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def abs(self) -> Tensor:
        """
        |x|, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.abs(nnlite.tensor([-1., 2.])).tolist()
            [1.0, 2.0]
        """
    def abs_(self) -> Tensor:
        ...
    def add(self, other: Tensor | builtins.float | builtins.int | builtins.bool, alpha: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor:
        """
        input + alpha * other, elementwise, broadcasting input and other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand.
            alpha (float): the factor of other (default 1).
        
        Returns:
            Tensor: of the broadcast shape and promoted dtype.
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.add(nnlite.tensor([1., 2.]), nnlite.tensor([10., 20.]), alpha=2).tolist()
            [21.0, 42.0]
        """
    def add_(self, other: Tensor | builtins.float | builtins.int | builtins.bool, alpha: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor:
        ...
    def all(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        True where every element is nonzero, over all dims or the given ones.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.all(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [True, True]
        """
    def amax(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        The largest element, over all dims or the given ones (values only).
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.amax(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [3.0, 4.0]
        """
    def amin(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        The smallest element, over all dims or the given ones (values only).
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.amin(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [1.0, 2.0]
        """
    def any(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        True where any element is nonzero, over all dims or the given ones.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.any(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [True, True]
        """
    def argmax(self, dim: builtins.int | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        The index of the largest element, over one dim or the flattened tensor.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | None): the dim to reduce; None reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.argmax(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [1, 1]
        """
    def argmin(self, dim: builtins.int | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        The index of the smallest element, over one dim or the flattened tensor.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | None): the dim to reduce; None reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.argmin(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [0, 0]
        """
    def argsort(self, dim: typing.SupportsInt | typing.SupportsIndex = -1, descending: builtins.bool = False, stable: builtins.bool = False) -> Tensor:
        ...
    def astype(self, arg0: dtype | None) -> Tensor:
        ...
    def backward(self, gradient: Tensor | None = None, retain_graph: builtins.bool | None = None, create_graph: builtins.bool = False) -> None:
        ...
    def bernoulli(self, p: typing.SupportsFloat | typing.SupportsIndex | None = None, *, generator: Generator | None = None) -> Tensor:
        ...
    def bernoulli_(self, p: typing.Any = 0.5, *, generator: Generator | None = None) -> typing.Any:
        ...
    def bmm(self, mat2: Tensor) -> Tensor:
        """
        Batched matrix product: [b, n, k] x [b, k, m] -> [b, n, m].
        
        Args:
            input (Tensor): [b, n, k].
            mat2 (Tensor): [b, k, m].
        
        Returns:
            Tensor: [b, n, m].
        
        Examples:
            >>> import nnlite
            >>> nnlite.bmm(nnlite.ones(5, 2, 3), nnlite.ones(5, 3, 4)).shape
            (5, 2, 4)
        """
    def bool(self) -> Tensor:
        ...
    def byte(self) -> Tensor:
        ...
    def ceil(self) -> Tensor:
        """
        The smallest integer >= x, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.ceil(nnlite.tensor([1.5, -1.5])).tolist()
            [2.0, -1.0]
        """
    def ceil_(self) -> Tensor:
        ...
    def chunk(self, chunks: typing.SupportsInt | typing.SupportsIndex, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
        ...
    def clamp(self, min: builtins.float | builtins.int | builtins.bool | None = None, max: builtins.float | builtins.int | builtins.bool | None = None) -> Tensor:
        """
        Limits every element to [min, max].
        
        Args:
            input (Tensor): any shape.
            min (number | None): the lower bound; None for none.
            max (number | None): the upper bound; None for none.
        
        Returns:
            Tensor: input's shape and dtype.
        
        Examples:
            >>> import nnlite
            >>> nnlite.clamp(nnlite.tensor([-2., 0.5, 3.]), min=0, max=1).tolist()
            [0.0, 0.5, 1.0]
        """
    def clamp_(self, min: builtins.float | builtins.int | builtins.bool | None = None, max: builtins.float | builtins.int | builtins.bool | None = None) -> Tensor:
        ...
    def clip(self, min: builtins.float | builtins.int | builtins.bool | None = None, max: builtins.float | builtins.int | builtins.bool | None = None) -> Tensor:
        """
        clamp's other name (NumPy's).
        
        Examples:
            >>> import nnlite
            >>> nnlite.clip(nnlite.tensor([-2., 3.]), 0, 1).tolist()
            [0.0, 1.0]
        """
    def clone(self) -> Tensor:
        ...
    def contiguous(self) -> Tensor:
        ...
    def copy_(self, src: Tensor) -> Tensor:
        ...
    def cos(self) -> Tensor:
        """
        The cosine (radians), elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.cos(nnlite.tensor([0.])).tolist()
            [1.0]
        """
    def cpu(self) -> Tensor:
        ...
    def cuda(self) -> Tensor:
        ...
    def cumsum(self, dim: typing.SupportsInt | typing.SupportsIndex, *, dtype: dtype | None = None) -> Tensor:
        """
        The running sum along one dim.
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim to sum along.
            dtype (dtype | None): convert input to this dtype first.
        
        Returns:
            Tensor: input's shape.
        
        Examples:
            >>> import nnlite
            >>> nnlite.cumsum(nnlite.tensor([1., 2., 3.]), 0).tolist()
            [1.0, 3.0, 6.0]
        """
    def data_ptr(self) -> builtins.int:
        ...
    def detach(self) -> Tensor:
        ...
    def detach_(self) -> Tensor:
        ...
    def dim(self) -> builtins.int:
        ...
    def div(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input / other (true division), elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.div(nnlite.tensor([1., 2.]), 4).tolist()
            [0.25, 0.5]
        """
    def div_(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def double(self) -> Tensor:
        ...
    def element_size(self) -> builtins.int:
        ...
    def eq(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input == other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.eq(nnlite.tensor([1., 2.]), 2).tolist()
            [False, True]
        """
    def erf(self) -> Tensor:
        """
        The error function, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.erf(nnlite.tensor([0.])).tolist()
            [0.0]
        """
    def exp(self) -> Tensor:
        """
        e to the power x, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.exp(nnlite.tensor([0.])).tolist()
            [1.0]
        """
    def exp_(self) -> Tensor:
        ...
    def expand(self, *args) -> Tensor:
        ...
    def expand_as(self, arg0: Tensor) -> Tensor:
        ...
    def expm1(self) -> Tensor:
        """
        exp(x) - 1, elementwise, accurate for small x.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.expm1(nnlite.tensor([0.])).tolist()
            [0.0]
        """
    def expm1_(self) -> Tensor:
        ...
    def exponential_(self, lambd: typing.SupportsFloat | typing.SupportsIndex = 1.0, *, generator: Generator | None = None) -> typing.Any:
        ...
    def fill_(self, value: builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def fix(self) -> Tensor:
        """
        x rounded toward zero, elementwise (trunc's other name).
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.fix(nnlite.tensor([1.5, -1.5])).tolist()
            [1.0, -1.0]
        """
    def flatten(self, start_dim: typing.SupportsInt | typing.SupportsIndex = 0, end_dim: typing.SupportsInt | typing.SupportsIndex = -1) -> Tensor:
        """
        Merges dims start_dim..end_dim into one.
        
        Args:
            input (Tensor): any shape.
            start_dim (int): the first dim merged.
            end_dim (int): the last dim merged.
        
        Returns:
            Tensor: input's elements in the new shape.
        
        Examples:
            >>> import nnlite
            >>> nnlite.flatten(nnlite.zeros(2, 3, 4), 1).shape
            (2, 12)
        """
    def flip(self, *args, **kwargs) -> Tensor:
        ...
    def float(self) -> Tensor:
        ...
    def floor(self) -> Tensor:
        """
        The largest integer <= x, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.floor(nnlite.tensor([1.5, -1.5])).tolist()
            [1.0, -2.0]
        """
    def floor_(self) -> Tensor:
        ...
    def fmod(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        The remainder of input / other with input's sign (C's fmod), broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.fmod(nnlite.tensor([-3., 3.]), 2).tolist()
            [-1.0, 1.0]
        """
    def fmod_(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def frac(self) -> Tensor:
        """
        x - trunc(x): the fractional part, with x's sign.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.frac(nnlite.tensor([1.5, -1.5])).tolist()
            [0.5, -0.5]
        """
    def frac_(self) -> Tensor:
        ...
    def gather(self, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor) -> Tensor:
        ...
    def ge(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input >= other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.ge(nnlite.tensor([1., 2.]), 2).tolist()
            [False, True]
        """
    def gt(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input > other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.gt(nnlite.tensor([1., 2.]), 1).tolist()
            [False, True]
        """
    def half(self, *args, **kwargs):
        ...
    def index_add(self, dim, index, source, *, alpha = 1):
        ...
    def index_add_(self, dim, index, source, *, alpha = 1):
        ...
    def index_fill(self, dim, index, value):
        ...
    def index_fill_(self, dim, index, value):
        ...
    def index_put(self, indices: collections.abc.Sequence[Tensor], values: Tensor | builtins.float | builtins.int | builtins.bool, accumulate: builtins.bool = False) -> Tensor:
        ...
    def index_put_(self, indices: collections.abc.Sequence[Tensor], values: Tensor | builtins.float | builtins.int | builtins.bool, accumulate: builtins.bool = False) -> Tensor:
        ...
    def index_select(self, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor) -> Tensor:
        ...
    def int(self) -> Tensor:
        ...
    def is_contiguous(self) -> builtins.bool:
        ...
    def is_floating_point(self) -> builtins.bool:
        ...
    def is_pinned(self, device = None):
        """
        Whether this tensor's memory is page-locked (made by Tensor.pin_memory).
        
            Args:
                device: accepted for torch's signature and ignored.
        
            Returns:
                bool: True for pinned memory; False for ordinary CPU or GPU memory.
        
            Example:
                >>> nnlite.ones(2).is_pinned()
                False
            
        """
    def isfinite(self) -> Tensor:
        """
        True where x is neither NaN nor infinite.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.isfinite(nnlite.tensor([1., float('inf')])).tolist()
            [True, False]
        """
    def isinf(self) -> Tensor:
        """
        True where x is +inf or -inf.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.isinf(nnlite.tensor([1., float('inf')])).tolist()
            [False, True]
        """
    def isnan(self) -> Tensor:
        """
        True where x is NaN.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.isnan(nnlite.tensor([1., float('nan')])).tolist()
            [False, True]
        """
    def item(self) -> typing.Any:
        ...
    def le(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input <= other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.le(nnlite.tensor([1., 2.]), 2).tolist()
            [True, True]
        """
    def lerp(self, end: Tensor | builtins.float | builtins.int | builtins.bool, weight: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def lerp_(self, end: Tensor | builtins.float | builtins.int | builtins.bool, weight: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def log(self) -> Tensor:
        """
        The natural logarithm, elementwise (nan below 0, -inf at 0).
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.log(nnlite.tensor([1.])).tolist()
            [0.0]
        """
    def log10(self) -> Tensor:
        """
        The base-10 logarithm, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.log10(nnlite.tensor([100.])).tolist()
            [2.0]
        """
    def log1p(self) -> Tensor:
        """
        log(1 + x), elementwise, accurate for small x.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.log1p(nnlite.tensor([0.])).tolist()
            [0.0]
        """
    def log1p_(self) -> Tensor:
        ...
    def log2(self) -> Tensor:
        """
        The base-2 logarithm, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.log2(nnlite.tensor([8.])).tolist()
            [3.0]
        """
    def log_(self) -> Tensor:
        ...
    def log_softmax(self, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        ...
    def logical_and(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        True where both are nonzero, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.logical_and(nnlite.tensor([0., 1., 1.]), nnlite.tensor([1., 0., 1.])).tolist()
            [False, False, True]
        """
    def logical_not(self) -> Tensor:
        """
        True where x is zero, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.logical_not(nnlite.tensor([0., 2.])).tolist()
            [True, False]
        """
    def logical_or(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        True where either is nonzero, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.logical_or(nnlite.tensor([0., 1., 0.]), nnlite.tensor([0., 0., 1.])).tolist()
            [False, True, True]
        """
    def logsumexp(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None, keepdim: builtins.bool = False) -> Tensor:
        """
        log(sum(exp(x))) over the given dims, computed without overflow.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int]): the dims to reduce.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims.
        
        Examples:
            >>> import nnlite
            >>> [round(v, 4) for v in nnlite.logsumexp(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()]
            [3.1269, 4.1269]
        """
    def long(self) -> Tensor:
        ...
    def lt(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input < other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.lt(nnlite.tensor([1., 2.]), 2).tolist()
            [True, False]
        """
    def masked_fill(self, mask: Tensor, value: builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def masked_fill_(self, mask: Tensor, value: builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def masked_select(self, mask: Tensor) -> Tensor:
        ...
    def matmul(self, other: Tensor) -> Tensor:
        """
        The matrix product, with NumPy's rules for 1-d operands and broadcast batch dims.
        
        Args:
            input (Tensor): [..., n, k] (or [k]).
            other (Tensor): [..., k, m] (or [k]).
        
        Returns:
            Tensor: [..., n, m]; the dims of 1-d operands are dropped.
        
        Raises:
            ValueError: the inner sizes differ or the batch dims do not broadcast.
        
        Examples:
            >>> import nnlite
            >>> nnlite.matmul(nnlite.ones(2, 3), nnlite.ones(3, 4)).shape
            (2, 4)
        """
    def maximum(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        The larger of input and other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.maximum(nnlite.tensor([1., 5.]), nnlite.tensor([3., 2.])).tolist()
            [3.0, 5.0]
        """
    def mean(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        The mean of the elements, over all dims or the given ones.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.mean(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [2.0, 3.0]
        """
    def minimum(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        The smaller of input and other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.minimum(nnlite.tensor([1., 5.]), nnlite.tensor([3., 2.])).tolist()
            [1.0, 2.0]
        """
    def mm(self, mat2: Tensor) -> Tensor:
        """
        The product of two matrices: [n, k] x [k, m] -> [n, m].
        
        Args:
            input (Tensor): [n, k].
            mat2 (Tensor): [k, m].
        
        Returns:
            Tensor: [n, m].
        
        Examples:
            >>> import nnlite
            >>> nnlite.mm(nnlite.ones(2, 3), nnlite.ones(3, 1)).tolist()
            [[3.0], [3.0]]
        """
    def mul(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input * other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.mul(nnlite.tensor([1., 2.]), 3).tolist()
            [3.0, 6.0]
        """
    def mul_(self, arg0: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def multinomial(self, num_samples: typing.SupportsInt | typing.SupportsIndex, replacement: builtins.bool = False, *, generator: Generator | None = None) -> Tensor:
        ...
    def nan_to_num(self, nan: typing.SupportsFloat | typing.SupportsIndex = 0.0, posinf: typing.SupportsFloat | typing.SupportsIndex | None = None, neginf: typing.SupportsFloat | typing.SupportsIndex | None = None) -> Tensor:
        ...
    def nan_to_num_(self, nan: typing.SupportsFloat | typing.SupportsIndex = 0.0, posinf: typing.SupportsFloat | typing.SupportsIndex | None = None, neginf: typing.SupportsFloat | typing.SupportsIndex | None = None) -> Tensor:
        ...
    def narrow(self, dim: typing.SupportsInt | typing.SupportsIndex, start: typing.SupportsInt | typing.SupportsIndex, length: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        ...
    def ne(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input != other, elementwise, broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.ne(nnlite.tensor([1., 2.]), 2).tolist()
            [True, False]
        """
    def neg(self) -> Tensor:
        """
        -x, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.neg(nnlite.tensor([1., -2.])).tolist()
            [-1.0, 2.0]
        """
    def neg_(self) -> Tensor:
        ...
    def new_empty(self, *size, dtype = None, device = None, requires_grad = False):
        ...
    def new_full(self, size, fill_value, dtype = None, device = None, requires_grad = False):
        ...
    def new_ones(self, *size, dtype = None, device = None, requires_grad = False):
        ...
    def new_tensor(self, data, dtype = None, device = None, requires_grad = False):
        ...
    def new_zeros(self, *size, dtype = None, device = None, requires_grad = False):
        ...
    def normal_(self, mean: typing.SupportsFloat | typing.SupportsIndex = 0.0, std: typing.SupportsFloat | typing.SupportsIndex = 1.0, generator: Generator | None = None) -> Tensor:
        ...
    def numel(self) -> builtins.int:
        ...
    def numpy(self, force: builtins.bool = False) -> numpy.ndarray:
        ...
    def permute(self, *args) -> Tensor:
        ...
    def pin_memory(self, device = None):
        """
        A copy of this CPU tensor in page-locked host memory (torch's Tensor.pin_memory).
        
            Copies from pinned memory to a GPU can run asynchronously; DataLoader(pin_memory=True)
            pins its batches this way when a GPU is present.
        
            Args:
                device: accepted for torch's signature and ignored.
        
            Returns:
                Tensor: the pinned copy.
        
            Raises:
                RuntimeError: without a CUDA device (pinning needs the CUDA driver).
            
        """
    def pow(self, exponent: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        input to the power exponent, elementwise, broadcasting.
        
        Args:
            input (Tensor): the bases.
            exponent (Tensor | number): the exponents.
        
        Returns:
            Tensor: of the broadcast shape.
        
        Examples:
            >>> import nnlite
            >>> nnlite.pow(nnlite.tensor([2., 3.]), 2).tolist()
            [4.0, 9.0]
        """
    def pow_(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def prod(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
        """
        The product of the elements, over all dims or the given ones.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.prod(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [3.0, 8.0]
        """
    def register_hook(self, arg0: collections.abc.Callable) -> None:
        ...
    def register_post_accumulate_grad_hook(self, arg0: collections.abc.Callable) -> None:
        ...
    def relu(self) -> Tensor:
        ...
    def relu_(self) -> Tensor:
        ...
    def remainder(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        The remainder of input / other with other's sign (Python's %), broadcasting input and other against each other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
        
        Returns:
            Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.remainder(nnlite.tensor([-3., 3.]), 2).tolist()
            [1.0, 1.0]
        """
    def remainder_(self, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def repeat(self, *sizes):
        ...
    def requires_grad_(self, requires_grad: builtins.bool = True) -> Tensor:
        ...
    def reshape(self, *args) -> Tensor:
        ...
    def reshape_as(self, arg0: Tensor) -> Tensor:
        ...
    def retain_grad(self) -> None:
        ...
    def roll(self, shifts: builtins.int | collections.abc.Sequence[builtins.int], dims: builtins.int | collections.abc.Sequence[builtins.int] | None = None) -> Tensor:
        ...
    def round(self, *, decimals: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
        ...
    def round_(self, *, decimals: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
        ...
    def rsqrt(self) -> Tensor:
        """
        1 / sqrt(x), elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.rsqrt(nnlite.tensor([4.])).tolist()
            [0.5]
        """
    def scatter(self, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor, src: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def scatter_add(self, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor, src: Tensor) -> Tensor:
        ...
    def select(self, dim: typing.SupportsInt | typing.SupportsIndex, index: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        ...
    def sigmoid(self) -> Tensor:
        ...
    def sigmoid_(self) -> Tensor:
        ...
    def sign(self) -> Tensor:
        """
        -1, 0 or 1 by the sign of x, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.sign(nnlite.tensor([-3., 0., 2.])).tolist()
            [-1.0, 0.0, 1.0]
        """
    def sin(self) -> Tensor:
        """
        The sine (radians), elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.sin(nnlite.tensor([0.])).tolist()
            [0.0]
        """
    def size(self, dim: builtins.int | None = None) -> typing.Any:
        ...
    def softmax(self, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        ...
    def sort(self, dim: typing.SupportsInt | typing.SupportsIndex = -1, descending: builtins.bool = False, stable: builtins.bool = False) -> typing.Any:
        ...
    def split(self, split_size_or_sections: typing.Any, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
        ...
    def sqrt(self) -> Tensor:
        """
        The square root, elementwise (nan below 0).
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.sqrt(nnlite.tensor([4., 9.])).tolist()
            [2.0, 3.0]
        """
    def sqrt_(self) -> Tensor:
        ...
    def squeeze(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None) -> Tensor:
        """
        Removes dims of size 1: all of them, or the given ones.
        
        Args:
            input (Tensor): any shape.
            dim (int | Sequence[int] | None): the dims to remove (those not of size 1 stay).
        
        Returns:
            Tensor: a view without those dims.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 1, 3, 1).squeeze().shape
            (2, 3)
        """
    def std(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, unbiased: builtins.bool | None = None, keepdim: builtins.bool = False, *, correction: builtins.float | builtins.int | None = None) -> Tensor:
        """
        The standard deviation: sqrt(var) with var's arguments.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            unbiased (bool | None): divide by n - 1 (the default) or n.
            correction (float | None): keyword only: divide by n - correction.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.std(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [1.4142135381698608, 1.4142135381698608]
        """
    def storage_offset(self) -> builtins.int:
        ...
    def stride(self, dim: builtins.int | None = None) -> typing.Any:
        ...
    def sub(self, other: Tensor | builtins.float | builtins.int | builtins.bool, alpha: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor:
        """
        input - alpha * other, elementwise, broadcasting input and other.
        
        Args:
            input (Tensor): the first operand.
            other (Tensor | number): the second operand.
            alpha (float): the factor of other (default 1).
        
        Returns:
            Tensor: of the broadcast shape and promoted dtype.
        
        Raises:
            ValueError: the shapes cannot be broadcast together.
        
        Examples:
            >>> import nnlite
            >>> nnlite.sub(nnlite.tensor([5., 5.]), 1).tolist()
            [4.0, 4.0]
        """
    def sub_(self, other: Tensor | builtins.float | builtins.int | builtins.bool, alpha: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor:
        ...
    def sum(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False, dtype: dtype | None = None) -> Tensor:
        """
        The sum of the elements, over all dims or the given ones.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            dtype (dtype | None): convert input to this dtype first.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.sum(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [4.0, 6.0]
        """
    def t(self) -> Tensor:
        ...
    def tanh(self) -> Tensor:
        ...
    def tanh_(self) -> Tensor:
        ...
    def to(self, *args, **kwargs) -> Tensor:
        ...
    def to_dense(self, dtype = None, *, masked_grad = None):
        """
        torch's conversion from a sparse layout: nnlite's tensors are always dense.
        
            Args:
                dtype (dtype, optional): convert to this dtype as well.
                masked_grad: accepted for torch's signature and ignored.
        
            Returns:
                Tensor: the tensor itself, or its conversion to ``dtype``.
        
            Example:
                >>> nnlite.ones(2).to_dense().tolist()
                [1.0, 1.0]
            
        """
    def to_sparse(self, *args, **kwargs):
        """
        torch's conversion to the COO layout; nnlite keeps tensors dense (see nnlite.sparse).
        """
    def to_sparse_coo(self, *args, **kwargs):
        """
        torch's conversion to the COO layout; nnlite keeps tensors dense (see nnlite.sparse).
        """
    def tolist(self) -> typing.Any:
        ...
    def topk(self, k: typing.SupportsInt | typing.SupportsIndex, dim: typing.SupportsInt | typing.SupportsIndex = -1, largest: builtins.bool = True, sorted: builtins.bool = True) -> typing.Any:
        ...
    def transpose(self, dim0: typing.SupportsInt | typing.SupportsIndex, dim1: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        """
        Swaps two dims (a view: no copy).
        
        Args:
            input (Tensor): any shape.
            dim0 (int): one dim.
            dim1 (int): the other.
        
        Returns:
            Tensor: a view with the two dims swapped.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 3, 4).transpose(0, 2).shape
            (4, 3, 2)
        """
    def tril(self, diagonal: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
        ...
    def triu(self, diagonal: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
        ...
    def trunc(self) -> Tensor:
        """
        x rounded toward zero, elementwise.
        
        Args:
            input (Tensor): any shape.
        
        Returns:
            Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
        
        Examples:
            >>> import nnlite
            >>> nnlite.trunc(nnlite.tensor([1.5, -1.5])).tolist()
            [1.0, -1.0]
        """
    def trunc_(self) -> Tensor:
        ...
    def type(self, arg0: dtype | None) -> Tensor:
        ...
    def type_as(self, other):
        ...
    def unbind(self, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
        ...
    def unfold(self, dimension, size, step):
        ...
    def uniform_(self, a: typing.SupportsFloat | typing.SupportsIndex = 0.0, b: typing.SupportsFloat | typing.SupportsIndex = 1.0, generator: Generator | None = None) -> Tensor:
        ...
    def unsqueeze(self, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        """
        Inserts a dim of size 1 at position dim.
        
        Args:
            input (Tensor): any shape.
            dim (int): where the new dim goes (negative counts from the end).
        
        Returns:
            Tensor: a view with one more dim.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 3).unsqueeze(1).shape
            (2, 1, 3)
        """
    def var(self, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, unbiased: builtins.bool | None = None, keepdim: builtins.bool = False, *, correction: builtins.float | builtins.int | None = None) -> Tensor:
        """
        The variance, over all dims or the given ones.
        
        Args:
            input (Tensor): the tensor to reduce.
            dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
            unbiased (bool | None): divide by n - 1 (the default) or n.
            correction (float | None): keyword only: divide by n - correction.
            keepdim (bool): keep each reduced dim with size 1.
        
        Returns:
            Tensor: input's shape without the reduced dims (0-d when all are reduced).
        
        Raises:
            IndexError: a dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.var(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
            [2.0, 2.0]
        """
    def view(self, *args) -> Tensor:
        ...
    def view_as(self, arg0: Tensor) -> Tensor:
        ...
    def where(self, condition: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        ...
    def zero_(self) -> Tensor:
        ...
    @property
    def T(self) -> Tensor:
        ...
    @property
    def _version(self) -> builtins.int:
        ...
    @property
    def device(self) -> device:
        ...
    @property
    def dtype(self) -> dtype:
        ...
    @property
    def grad_fn(self) -> typing.Any:
        ...
    @property
    def is_cuda(self) -> builtins.bool:
        ...
    @property
    def is_hpu(self):
        ...
    @property
    def is_ipu(self):
        ...
    @property
    def is_leaf(self) -> builtins.bool:
        ...
    @property
    def is_meta(self):
        ...
    @property
    def is_mkldnn(self):
        ...
    @property
    def is_mps(self):
        ...
    @property
    def is_mtia(self):
        ...
    @property
    def is_quantized(self):
        ...
    @property
    def is_sparse(self):
        ...
    @property
    def is_vulkan(self):
        ...
    @property
    def is_xpu(self):
        ...
    @property
    def itemsize(self) -> builtins.int:
        ...
    @property
    def mT(self) -> Tensor:
        ...
    @property
    def ndim(self) -> builtins.int:
        ...
    @property
    def retains_grad(self) -> builtins.bool:
        ...
    @property
    def shape(self) -> tuple:
        ...
class Generator:
    def __init__(self, device: typing.Any | None = None) -> None:
        ...
    def initial_seed(self) -> builtins.int:
        ...
    def manual_seed(self, seed: typing.Any) -> typing.Any:
        ...
class _ImageAugment:
    fill: Tensor
    has_flip: builtins.bool
    lut: Tensor
    random_crop: builtins.bool
    def __init__(self) -> None:
        ...
    @property
    def flip_p(self) -> builtins.float:
        ...
    @flip_p.setter
    def flip_p(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def left(self) -> builtins.int:
        ...
    @left.setter
    def left(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def out_h(self) -> builtins.int:
        ...
    @out_h.setter
    def out_h(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def out_w(self) -> builtins.int:
        ...
    @out_w.setter
    def out_w(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def pad_bottom(self) -> builtins.int:
        ...
    @pad_bottom.setter
    def pad_bottom(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def pad_left(self) -> builtins.int:
        ...
    @pad_left.setter
    def pad_left(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def pad_right(self) -> builtins.int:
        ...
    @pad_right.setter
    def pad_right(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def pad_top(self) -> builtins.int:
        ...
    @pad_top.setter
    def pad_top(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def top(self) -> builtins.int:
        ...
    @top.setter
    def top(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class _BufferPool:
    def __init__(self, keep: typing.SupportsInt | typing.SupportsIndex = 16) -> None:
        ...
    @property
    def allocated(self) -> builtins.int:
        ...
    @property
    def idle(self) -> builtins.int:
        ...
    @property
    def reused(self) -> builtins.int:
        ...
class _BatchLoader:
    def __init__(self, fields: collections.abc.Sequence[tuple[Tensor, _ImageAugment | None]], order: Tensor, batch_size: typing.SupportsInt | typing.SupportsIndex, drop_last: builtins.bool, base_seed: typing.SupportsInt | typing.SupportsIndex, num_threads: typing.SupportsInt | typing.SupportsIndex, prefetch: typing.SupportsInt | typing.SupportsIndex, pool: _BufferPool | None = None) -> None:
        ...
    def next(self) -> typing.Any:
        """
        The next batch as a list of tensors, or None after the last one.
        """
    def stop(self) -> None:
        """
        Stop and join the threads (idempotent).
        """
    @property
    def num_batches(self) -> builtins.int:
        ...
class Graph:
    """
    An exported inference graph; create one with load_graph(path).
    """
    def run(self, inputs: collections.abc.Sequence[Tensor]) -> list[Tensor]:
        """
        Run on one tensor per graph input; returns one tensor per graph output.
        """
    @property
    def constants(self) -> dict[str, Tensor]:
        ...
    @property
    def inputs(self) -> list:
        ...
    @property
    def node_ops(self) -> list[str]:
        ...
    @property
    def output_names(self) -> list[str]:
        ...
class GraphRecording:
    """
    What one export recorded (nnlite/export.h).
    """
    @property
    def constants(self) -> dict[str, Tensor]:
        ...
    @property
    def graph_json(self) -> str:
        ...
    @property
    def values(self) -> dict:
        """
        {value name: (dtype name, shape)} as seen while recording
        """
class GraphRecorder:
    """
    Records the ops this thread runs on graph values while it is entered (a context manager); other threads are not affected.
    """
    def __enter__(self) -> typing.Any:
        ...
    def __exit__(self, *args) -> builtins.bool:
        ...
    def __init__(self, named_constants: typing.Any | None = None, producer: str = '') -> None:
        ...
    def add_input(self, input: Tensor) -> str:
        ...
    def finish(self, outputs: collections.abc.Sequence[Tensor]) -> GraphRecording:
        ...
    @property
    def active(self) -> builtins.bool:
        ...
class _FunctionCtx:
    def __init__(self) -> None:
        ...
    def mark_non_differentiable(self, *args) -> None:
        ...
    def save_for_backward(self, *args) -> None:
        ...
    def set_materialize_grads(self, value: builtins.bool) -> None:
        ...
    @property
    def saved_tensors(self) -> tuple:
        ...
class CudaEvent:
    def __init__(self, enable_timing: builtins.bool = False) -> None:
        ...
    def elapsed_time(self, arg0: CudaEvent) -> builtins.float:
        ...
    def query(self) -> builtins.bool:
        ...
    def record(self) -> None:
        ...
    def synchronize(self) -> None:
        ...
def _binary_matmul(x: Tensor, b: Tensor, bias: Tensor | None = None, reference: builtins.bool = False, max_density: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor | None:
    ...
def _binary_matmul_tn(x: Tensor, p: Tensor, g: Tensor, accumulate: builtins.bool = False, reference: builtins.bool = False, max_density: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> builtins.bool:
    ...
def _cuda_add_cublas_search_dir(dir: str) -> None:
    ...
def _cuda_allow_tf32() -> builtins.bool:
    ...
def _cuda_gemm_info() -> dict:
    ...
def _cuda_set_allow_tf32(on: builtins.bool) -> None:
    ...
def _cuda_set_use_cublas(on: builtins.bool) -> None:
    ...
def _custom_function_apply(name: str, ctx: _FunctionCtx, inputs: collections.abc.Sequence[Tensor], forward: collections.abc.Callable, backward: collections.abc.Callable) -> list[Tensor]:
    ...
def _data_crop(img: Tensor, top: typing.SupportsInt | typing.SupportsIndex, left: typing.SupportsInt | typing.SupportsIndex, height: typing.SupportsInt | typing.SupportsIndex, width: typing.SupportsInt | typing.SupportsIndex, flip: builtins.bool = False, fill: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> Tensor:
    """
    img [..., H, W] -> [..., height, width] from (top, left), padded with fill outside, optionally flipped.
    """
def _data_live_threads() -> builtins.int:
    """
    Native loader threads running now.
    """
def _data_randint(generator: Generator, n: typing.SupportsInt | typing.SupportsIndex) -> builtins.int:
    """
    Uniform integer in [0, n), drawn as the native loader draws it.
    """
def _data_resize(img: Tensor, height: typing.SupportsInt | typing.SupportsIndex, width: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    """
    Bilinear resize of img [..., H, W] (half-pixel centres).
    """
def _data_sample_generator(base: typing.SupportsInt | typing.SupportsIndex, position: typing.SupportsInt | typing.SupportsIndex) -> Generator:
    """
    A Generator seeded for one sample (see _data_sample_seed).
    """
def _data_sample_seed(base: typing.SupportsInt | typing.SupportsIndex, position: typing.SupportsInt | typing.SupportsIndex) -> builtins.int:
    """
    Seed of the sample at `position` of an epoch with base seed `base`.
    """
def _data_uniform(generator: Generator) -> builtins.float:
    """
    Uniform double in [0, 1), drawn as the native loader draws it.
    """
def _export_cpp_example(weight: Tensor, bias: Tensor) -> GraphRecording:
    """
    A model written in C++, recorded by nnlite::export_graph (tests).
    """
def _get_default_device() -> device:
    ...
def _queue_callback(callback: collections.abc.Callable) -> None:
    ...
def _set_default_device(device: typing.Any) -> None:
    ...
def abs(input: Tensor) -> Tensor:
    """
    |x|, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.abs(nnlite.tensor([-1., 2.])).tolist()
        [1.0, 2.0]
    """
def adam_group_step(params: collections.abc.Sequence[Tensor], steps: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], exp_avgs: collections.abc.Sequence[Tensor | None], exp_avg_sqs: collections.abc.Sequence[Tensor | None], max_exp_avg_sqs: collections.abc.Sequence[Tensor | None], lr: typing.SupportsFloat | typing.SupportsIndex, beta1: typing.SupportsFloat | typing.SupportsIndex, beta2: typing.SupportsFloat | typing.SupportsIndex, eps: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex, amsgrad: builtins.bool, decoupled_weight_decay: builtins.bool, maximize: builtins.bool) -> tuple[list[builtins.int], list[Tensor | None], list[Tensor | None], list[Tensor | None]]:
    """
    Adam's step over a parameter group; returns (steps, exp_avgs, exp_avg_sqs, max_exp_avg_sqs).
    """
def adam_step(params: collections.abc.Sequence[Tensor], grads: collections.abc.Sequence[Tensor], exp_avgs: collections.abc.Sequence[Tensor], exp_avg_sqs: collections.abc.Sequence[Tensor], max_exp_avg_sqs: collections.abc.Sequence[Tensor], step: typing.SupportsInt | typing.SupportsIndex, lr: typing.SupportsFloat | typing.SupportsIndex, beta1: typing.SupportsFloat | typing.SupportsIndex, beta2: typing.SupportsFloat | typing.SupportsIndex, eps: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex, amsgrad: builtins.bool, decoupled_weight_decay: builtins.bool, maximize: builtins.bool) -> None:
    """
    One fused Adam/AdamW update of every tensor in params, in place.
    """
def adaptive_avg_pool2d(input: Tensor, output_size: typing.Any) -> Tensor:
    ...
def add(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool, alpha: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor:
    """
    input + alpha * other, elementwise, broadcasting input and other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand.
        alpha (float): the factor of other (default 1).
    
    Returns:
        Tensor: of the broadcast shape and promoted dtype.
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.add(nnlite.tensor([1., 2.]), nnlite.tensor([10., 20.]), alpha=2).tolist()
        [21.0, 42.0]
    """
def all(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    True where every element is nonzero, over all dims or the given ones.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.all(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [True, True]
    """
def amax(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    The largest element, over all dims or the given ones (values only).
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.amax(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [3.0, 4.0]
    """
def amin(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    The smallest element, over all dims or the given ones (values only).
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.amin(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [1.0, 2.0]
    """
def any(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    True where any element is nonzero, over all dims or the given ones.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.any(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [True, True]
    """
def arange(start: builtins.float | builtins.int, end: builtins.float | builtins.int | None = None, step: builtins.float | builtins.int = 1, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    The numbers start, start + step, ... below end (arange(n): 0 .. n-1).
    
    Args:
        start (number): the first value; the end when end is None.
        end (number | None): the bound, not included.
        step (number): the spacing.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: 1-d; int64 when all of start, end and step are ints.
    
    Examples:
        >>> import nnlite
        >>> nnlite.arange(1, 7, 2).tolist()
        [1, 3, 5]
    """
def argmax(input: Tensor, dim: builtins.int | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    The index of the largest element, over one dim or the flattened tensor.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | None): the dim to reduce; None reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.argmax(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [1, 1]
    """
def argmin(input: Tensor, dim: builtins.int | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    The index of the smallest element, over one dim or the flattened tensor.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | None): the dim to reduce; None reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.argmin(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [0, 0]
    """
def argsort(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex = -1, descending: builtins.bool = False, stable: builtins.bool = False) -> Tensor:
    ...
def as_strided(input: Tensor, size: builtins.int | collections.abc.Sequence[builtins.int], stride: builtins.int | collections.abc.Sequence[builtins.int], storage_offset: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    ...
def autograd_grad(outputs: collections.abc.Sequence[Tensor], inputs: collections.abc.Sequence[Tensor], grad_outputs: typing.Any | None = None, retain_graph: typing.Any | None = None, create_graph: builtins.bool = False, allow_unused: builtins.bool = False) -> tuple:
    ...
def avg_pool2d(input: Tensor, kernel_size: typing.Any, stride: typing.Any | None = None, padding: typing.Any = 0, ceil_mode: builtins.bool = False, count_include_pad: builtins.bool = True, divisor_override: typing.Any | None = None) -> Tensor:
    ...
def backward_many(tensors: collections.abc.Sequence[Tensor], grad_tensors: typing.Any | None = None, retain_graph: typing.Any | None = None, create_graph: builtins.bool = False) -> None:
    ...
def batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None, weight: Tensor | None = None, bias: Tensor | None = None, training: builtins.bool = False, momentum: typing.SupportsFloat | typing.SupportsIndex = 0.1, eps: typing.SupportsFloat | typing.SupportsIndex = 1e-05) -> Tensor:
    """
    Batch normalization over [N, C, *]; in training, running_mean/running_var are updated in place.
    """
def batch_norm_module(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None, num_batches_tracked: Tensor | None, weight: Tensor | None, bias: Tensor | None, training: builtins.bool, track_running_stats: builtins.bool, momentum: typing.SupportsFloat | typing.SupportsIndex | None, eps: typing.SupportsFloat | typing.SupportsIndex, module: str = '') -> Tensor:
    """
    BatchNorm1d/2d's forward: counts the batch, picks the statistics and the update factor, updates the running statistics.
    """
def bernoulli(input: Tensor, p: typing.SupportsFloat | typing.SupportsIndex | None = None, *, generator: Generator | None = None) -> Tensor:
    ...
def binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, reduction: str = 'mean') -> Tensor:
    ...
def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Tensor | None = None, reduction: str = 'mean', pos_weight: Tensor | None = None) -> Tensor:
    ...
def bmm(input: Tensor, mat2: Tensor) -> Tensor:
    """
    Batched matrix product: [b, n, k] x [b, k, m] -> [b, n, m].
    
    Args:
        input (Tensor): [b, n, k].
        mat2 (Tensor): [b, k, m].
    
    Returns:
        Tensor: [b, n, m].
    
    Examples:
        >>> import nnlite
        >>> nnlite.bmm(nnlite.ones(5, 2, 3), nnlite.ones(5, 3, 4)).shape
        (5, 2, 4)
    """
def cat(tensors: collections.abc.Sequence[Tensor], dim: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    ...
def ceil(input: Tensor) -> Tensor:
    """
    The smallest integer >= x, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.ceil(nnlite.tensor([1.5, -1.5])).tolist()
        [2.0, -1.0]
    """
def check_adam_options(name: str, lr: typing.SupportsFloat | typing.SupportsIndex, beta1: typing.SupportsFloat | typing.SupportsIndex, beta2: typing.SupportsFloat | typing.SupportsIndex, eps: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex) -> None:
    """
    nnlite::optim's Adam/AdamW hyperparameter checks.
    """
def check_rule_optimizer_options(name: str, hyper: dict) -> None:
    """
    nnlite::optim's hyperparameter checks of a rule optimizer.
    """
def check_sgd_options(lr: typing.SupportsFloat | typing.SupportsIndex, momentum: typing.SupportsFloat | typing.SupportsIndex, dampening: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex, nesterov: builtins.bool, maximize: builtins.bool) -> None:
    """
    nnlite::optim's SGD hyperparameter checks.
    """
def chunk(input: Tensor, chunks: typing.SupportsInt | typing.SupportsIndex, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
    ...
def clamp(input: Tensor, min: builtins.float | builtins.int | builtins.bool | None = None, max: builtins.float | builtins.int | builtins.bool | None = None) -> Tensor:
    """
    Limits every element to [min, max].
    
    Args:
        input (Tensor): any shape.
        min (number | None): the lower bound; None for none.
        max (number | None): the upper bound; None for none.
    
    Returns:
        Tensor: input's shape and dtype.
    
    Examples:
        >>> import nnlite
        >>> nnlite.clamp(nnlite.tensor([-2., 0.5, 3.]), min=0, max=1).tolist()
        [0.0, 0.5, 1.0]
    """
def clip(input: Tensor, min: builtins.float | builtins.int | builtins.bool | None = None, max: builtins.float | builtins.int | builtins.bool | None = None) -> Tensor:
    """
    clamp's other name (NumPy's).
    
    Examples:
        >>> import nnlite
        >>> nnlite.clip(nnlite.tensor([-2., 3.]), 0, 1).tolist()
        [0.0, 1.0]
    """
def clip_grad_norm_(parameters: collections.abc.Sequence[Tensor], max_norm: typing.SupportsFloat | typing.SupportsIndex, norm_type: typing.SupportsFloat | typing.SupportsIndex = 2.0, error_if_nonfinite: builtins.bool = False) -> Tensor:
    ...
def clip_grad_value_(parameters: collections.abc.Sequence[Tensor], clip_value: typing.SupportsFloat | typing.SupportsIndex) -> None:
    ...
def concatenate(tensors: collections.abc.Sequence[Tensor], dim: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    ...
def conv2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: typing.Any = 1, padding: typing.Any = 0, dilation: typing.Any = 1, groups: typing.SupportsInt | typing.SupportsIndex = 1, padding_mode: str = 'zeros') -> Tensor:
    """
    2-d convolution (cross-correlation) of input [N, C, H, W] with weight [K, C/groups, kh, kw]; padding_mode 'reflect', 'replicate' or 'circular' pads with that mode first.
    """
def conv2d_padding(padding: str, kernel_size: typing.Any, dilation: typing.Any = 1, stride: typing.Any = 1, explicit_padding: typing.Any = 0) -> typing.Annotated[list[builtins.int], "FixedSize(4)"]:
    """
    Conv2d's padding rule: the (left, right, top, bottom) zeros of padding 'same', 'valid' or '' (explicit).
    """
def conv_transpose2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: typing.Any = 1, padding: typing.Any = 0, output_padding: typing.Any = 0, groups: typing.SupportsInt | typing.SupportsIndex = 1, dilation: typing.Any = 1) -> Tensor:
    """
    2-d transposed convolution of input [N, C, H, W] with weight [C, K/groups, kh, kw].
    """
def conv_transpose2d_output_padding(input: Tensor, output_size: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], kernel_size: typing.Any, stride: typing.Any = 1, padding: typing.Any = 0, dilation: typing.Any = 1) -> typing.Annotated[list[builtins.int], "FixedSize(2)"]:
    """
    ConvTranspose2d's output_padding for a requested output_size.
    """
def cos(input: Tensor) -> Tensor:
    """
    The cosine (radians), elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.cos(nnlite.tensor([0.])).tolist()
        [1.0]
    """
def cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, ignore_index: typing.SupportsInt | typing.SupportsIndex = -100, reduction: str = 'mean', label_smoothing: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> Tensor:
    ...
def cuda_device_count() -> builtins.int:
    ...
def cuda_empty_cache() -> None:
    ...
def cuda_is_available() -> builtins.bool:
    ...
def cuda_is_compiled() -> builtins.bool:
    ...
def cuda_is_pinned(x: Tensor) -> builtins.bool:
    ...
def cuda_max_memory_allocated() -> builtins.int:
    ...
def cuda_memory_allocated() -> builtins.int:
    ...
def cuda_memory_reserved() -> builtins.int:
    ...
def cuda_pin_memory(x: Tensor) -> Tensor:
    ...
def cuda_reset_peak_memory_stats() -> None:
    ...
def cuda_stream_query() -> builtins.bool:
    ...
def cuda_synchronize() -> None:
    ...
def cumsum(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, *, dtype: dtype | None = None) -> Tensor:
    """
    The running sum along one dim.
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim to sum along.
        dtype (dtype | None): convert input to this dtype first.
    
    Returns:
        Tensor: input's shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.cumsum(nnlite.tensor([1., 2., 3.]), 0).tolist()
        [1.0, 3.0, 6.0]
    """
def default_generator() -> Generator:
    ...
def div(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input / other (true division), elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.div(nnlite.tensor([1., 2.]), 4).tolist()
        [0.25, 0.5]
    """
def dropout(input: Tensor, p: typing.SupportsFloat | typing.SupportsIndex = 0.5, training: builtins.bool = True, generator: Generator | None = None) -> Tensor:
    ...
def dropout2d(input: Tensor, p: typing.SupportsFloat | typing.SupportsIndex = 0.5, training: builtins.bool = True, generator: Generator | None = None) -> Tensor:
    """
    Zero whole channels of [N, C, H, W] (or [N, C, L]) with probability p; scale the rest by 1/(1-p).
    """
def elu(input: Tensor, alpha: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor:
    ...
def embedding(weight: Tensor, indices: Tensor, padding_idx: typing.SupportsInt | typing.SupportsIndex = -1, scale_grad_by_freq: builtins.bool = False, sparse: builtins.bool = False) -> Tensor:
    ...
def embedding_backward(grad: Tensor, indices: Tensor, num_weights: typing.SupportsInt | typing.SupportsIndex, padding_idx: typing.SupportsInt | typing.SupportsIndex = -1, scale_grad_by_freq: builtins.bool = False) -> Tensor:
    ...
def embedding_renorm_(weight: Tensor, indices: Tensor, max_norm: typing.SupportsFloat | typing.SupportsIndex, norm_type: typing.SupportsFloat | typing.SupportsIndex = 2.0) -> Tensor:
    ...
def empty(*size: builtins.int | collections.abc.Sequence[builtins.int], dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    A new tensor (filled with 0 in nnlite: no uninitialised memory reaches Python).
    
    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence (or size=...).
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: of that shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.empty(2).shape
        (2,)
    """
def empty_like(input: Tensor, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    A new tensor (zeros) with input's shape (and its dtype and device unless given).
    
    Args:
        input (Tensor): the tensor whose shape is taken.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: input's shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.empty_like(nnlite.ones(3)).shape
        (3,)
    """
def eq(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input == other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.eq(nnlite.tensor([1., 2.]), 2).tolist()
        [False, True]
    """
def erf(input: Tensor) -> Tensor:
    """
    The error function, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.erf(nnlite.tensor([0.])).tolist()
        [0.0]
    """
def exp(input: Tensor) -> Tensor:
    """
    e to the power x, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.exp(nnlite.tensor([0.])).tolist()
        [1.0]
    """
def expm1(input: Tensor) -> Tensor:
    """
    exp(x) - 1, elementwise, accurate for small x.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.expm1(nnlite.tensor([0.])).tolist()
        [0.0]
    """
def eye(n: builtins.int, m: builtins.int | None = None, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    The identity matrix: ones on the diagonal.
    
    Args:
        n (int): rows.
        m (int | None): columns; n by default.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: [n, m].
    
    Examples:
        >>> import nnlite
        >>> nnlite.eye(2).tolist()
        [[1.0, 0.0], [0.0, 1.0]]
    """
def fix(input: Tensor) -> Tensor:
    """
    x rounded toward zero, elementwise (trunc's other name).
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.fix(nnlite.tensor([1.5, -1.5])).tolist()
        [1.0, -1.0]
    """
def flatten(input: Tensor, start_dim: typing.SupportsInt | typing.SupportsIndex = 0, end_dim: typing.SupportsInt | typing.SupportsIndex = -1) -> Tensor:
    """
    Merges dims start_dim..end_dim into one.
    
    Args:
        input (Tensor): any shape.
        start_dim (int): the first dim merged.
        end_dim (int): the last dim merged.
    
    Returns:
        Tensor: input's elements in the new shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.flatten(nnlite.zeros(2, 3, 4), 1).shape
        (2, 12)
    """
def flip(input: Tensor, dims: builtins.int | collections.abc.Sequence[builtins.int]) -> Tensor:
    ...
def floor(input: Tensor) -> Tensor:
    """
    The largest integer <= x, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.floor(nnlite.tensor([1.5, -1.5])).tolist()
        [1.0, -2.0]
    """
def fmod(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    The remainder of input / other with input's sign (C's fmod), broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.fmod(nnlite.tensor([-3., 3.]), 2).tolist()
        [-1.0, 1.0]
    """
def frac(input: Tensor) -> Tensor:
    """
    x - trunc(x): the fractional part, with x's sign.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.frac(nnlite.tensor([1.5, -1.5])).tolist()
        [0.5, -0.5]
    """
def from_dlpack(arg0: typing.Any) -> Tensor:
    ...
def from_numpy(arg0: numpy.ndarray) -> Tensor:
    ...
def full(size: builtins.int | collections.abc.Sequence[builtins.int], fill_value: builtins.float | builtins.int | builtins.bool, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    A tensor filled with fill_value.
    
    Args:
        size (int | Sequence[int]): the shape.
        fill_value (number): the value of every element; its type sets the dtype when none is given.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: of that shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.full((2,), 7.0).tolist()
        [7.0, 7.0]
    """
def full_like(input: Tensor, fill_value: builtins.float | builtins.int | builtins.bool, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    A tensor of input's shape filled with fill_value.
    
    Args:
        input (Tensor): the tensor whose shape is taken.
        fill_value (number): the value of every element.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: input's shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.full_like(nnlite.zeros(2), 3).tolist()
        [3.0, 3.0]
    """
def gather(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor) -> Tensor:
    ...
def ge(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input >= other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.ge(nnlite.tensor([1., 2.]), 2).tolist()
        [False, True]
    """
def gelu(input: Tensor, approximate: str = 'none') -> Tensor:
    ...
def get_default_dtype() -> dtype:
    """
    The floating dtype factories give when none is named (see set_default_dtype).
    
    Returns:
        dtype: nnlite.float32 unless set_default_dtype changed it.
    
    Example:
        >>> nnlite.get_default_dtype() == nnlite.float32
        True
    """
def get_num_threads() -> builtins.int:
    ...
def graph_op_names() -> list[str]:
    """
    The ops a graph file may use.
    """
def group_norm(input: Tensor, num_groups: typing.SupportsInt | typing.SupportsIndex, weight: Tensor | None = None, bias: Tensor | None = None, eps: typing.SupportsFloat | typing.SupportsIndex = 1e-05) -> Tensor:
    ...
def gru_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    ...
def gru_layer(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None, reverse: builtins.bool = False, lengths: Tensor | None = None) -> tuple[Tensor, Tensor]:
    ...
def gt(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input > other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.gt(nnlite.tensor([1., 2.]), 1).tolist()
        [False, True]
    """
def index_put(input: Tensor, indices: collections.abc.Sequence[Tensor], values: Tensor | builtins.float | builtins.int | builtins.bool, accumulate: builtins.bool = False) -> Tensor:
    ...
def index_select(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor) -> Tensor:
    ...
def initial_seed() -> builtins.int:
    ...
def interpolate(input: Tensor, size: typing.Any | None = None, scale_factor: typing.Any | None = None, mode: str = 'nearest', align_corners: typing.Any | None = None, recompute_scale_factor: typing.Any | None = None, antialias: builtins.bool = False) -> Tensor:
    ...
def is_grad_enabled() -> builtins.bool:
    ...
def isfinite(input: Tensor) -> Tensor:
    """
    True where x is neither NaN nor infinite.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.isfinite(nnlite.tensor([1., float('inf')])).tolist()
        [True, False]
    """
def isinf(input: Tensor) -> Tensor:
    """
    True where x is +inf or -inf.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.isinf(nnlite.tensor([1., float('inf')])).tolist()
        [False, True]
    """
def isnan(input: Tensor) -> Tensor:
    """
    True where x is NaN.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.isnan(nnlite.tensor([1., float('nan')])).tolist()
        [False, True]
    """
def l1_loss(input: Tensor, target: Tensor, reduction: str = 'mean') -> Tensor:
    ...
def layer_norm(input: Tensor, normalized_shape: typing.Any, weight: Tensor | None = None, bias: Tensor | None = None, eps: typing.SupportsFloat | typing.SupportsIndex = 1e-05) -> Tensor:
    ...
def le(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input <= other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.le(nnlite.tensor([1., 2.]), 2).tolist()
        [True, True]
    """
def leaky_relu(input: Tensor, negative_slope: typing.SupportsFloat | typing.SupportsIndex = 0.01) -> Tensor:
    ...
def leaky_sequence(input: Tensor, mem: Tensor, beta: Tensor, threshold: Tensor, reset_mechanism: str = 'subtract', surrogate: str = 'atan', slope: typing.SupportsFloat | typing.SupportsIndex = 2.0) -> tuple[Tensor, Tensor]:
    ...
def lerp(input: Tensor, end: Tensor | builtins.float | builtins.int | builtins.bool, weight: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    ...
def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """
    y = input @ weight.T + bias
    """
def linspace(start: builtins.float, end: builtins.float, steps: builtins.int, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    steps evenly spaced numbers from start to end, both included.
    
    Args:
        start (float): the first value.
        end (float): the last value.
        steps (int): how many.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: [steps].
    
    Examples:
        >>> import nnlite
        >>> nnlite.linspace(0, 1, 3).tolist()
        [0.0, 0.5, 1.0]
    """
def load_graph(path: str, optimize: builtins.bool = True) -> Graph:
    """
    Load a graph file written by nnlite.export; optimize: fold batch norm and fuse epilogues at load.
    """
def load_safetensors(path: str) -> tuple:
    """
    Read a safetensors file: ({name: Tensor} in name order, {str: str} metadata).
    """
def log(input: Tensor) -> Tensor:
    """
    The natural logarithm, elementwise (nan below 0, -inf at 0).
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.log(nnlite.tensor([1.])).tolist()
        [0.0]
    """
def log10(input: Tensor) -> Tensor:
    """
    The base-10 logarithm, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.log10(nnlite.tensor([100.])).tolist()
        [2.0]
    """
def log1p(input: Tensor) -> Tensor:
    """
    log(1 + x), elementwise, accurate for small x.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.log1p(nnlite.tensor([0.])).tolist()
        [0.0]
    """
def log2(input: Tensor) -> Tensor:
    """
    The base-2 logarithm, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.log2(nnlite.tensor([8.])).tolist()
        [3.0]
    """
def log_softmax(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    ...
def logical_and(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    True where both are nonzero, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.logical_and(nnlite.tensor([0., 1., 1.]), nnlite.tensor([1., 0., 1.])).tolist()
        [False, False, True]
    """
def logical_not(input: Tensor) -> Tensor:
    """
    True where x is zero, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.logical_not(nnlite.tensor([0., 2.])).tolist()
        [True, False]
    """
def logical_or(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    True where either is nonzero, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.logical_or(nnlite.tensor([0., 1., 0.]), nnlite.tensor([0., 0., 1.])).tolist()
        [False, True, True]
    """
def logsumexp(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None, keepdim: builtins.bool = False) -> Tensor:
    """
    log(sum(exp(x))) over the given dims, computed without overflow.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int]): the dims to reduce.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims.
    
    Examples:
        >>> import nnlite
        >>> [round(v, 4) for v in nnlite.logsumexp(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()]
        [3.1269, 4.1269]
    """
def lstm_cell(input: Tensor, hx: tuple[Tensor, Tensor], w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> tuple[Tensor, Tensor]:
    ...
def lstm_layer(input: Tensor, hx: Tensor, cx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None, w_hr: Tensor | None = None, reverse: builtins.bool = False, lengths: Tensor | None = None) -> tuple[Tensor, Tensor, Tensor]:
    ...
def lt(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input < other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.lt(nnlite.tensor([1., 2.]), 2).tolist()
        [True, False]
    """
def manual_seed(seed: typing.Any) -> typing.Any:
    ...
def masked_fill(input: Tensor, mask: Tensor, value: builtins.float | builtins.int | builtins.bool) -> Tensor:
    ...
def masked_select(input: Tensor, mask: Tensor) -> Tensor:
    ...
def matmul(input: Tensor, other: Tensor) -> Tensor:
    """
    The matrix product, with NumPy's rules for 1-d operands and broadcast batch dims.
    
    Args:
        input (Tensor): [..., n, k] (or [k]).
        other (Tensor): [..., k, m] (or [k]).
    
    Returns:
        Tensor: [..., n, m]; the dims of 1-d operands are dropped.
    
    Raises:
        ValueError: the inner sizes differ or the batch dims do not broadcast.
    
    Examples:
        >>> import nnlite
        >>> nnlite.matmul(nnlite.ones(2, 3), nnlite.ones(3, 4)).shape
        (2, 4)
    """
def max(input: Tensor, dim: builtins.int | None = None, keepdim: builtins.bool = False) -> typing.Any:
    """
    The largest element; with dim, (values, indices) along that dim.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | None): the dim to reduce; None reduces all of them.
        keepdim (bool): keep the reduced dim with size 1.
    
    Returns:
        Tensor | tuple[Tensor, Tensor]: the 0-d maximum without dim; a named tuple (values, indices) with it.
    
    Examples:
        >>> import nnlite
        >>> nnlite.max(nnlite.tensor([[1., 5.], [3., 4.]]), dim=1).indices.tolist()
        [1, 1]
    """
def max_pool2d(input: Tensor, kernel_size: typing.Any, stride: typing.Any | None = None, padding: typing.Any = 0, dilation: typing.Any = 1, ceil_mode: builtins.bool = False, return_indices: builtins.bool = False) -> typing.Any:
    ...
def max_pool2d_with_indices(input: Tensor, kernel_size: typing.Any, stride: typing.Any | None = None, padding: typing.Any = 0, dilation: typing.Any = 1, ceil_mode: builtins.bool = False) -> tuple[Tensor, Tensor]:
    """
    Max pooling values and the flat index (h * W + w) of each maximum within its plane.
    """
def maximum(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    The larger of input and other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.maximum(nnlite.tensor([1., 5.]), nnlite.tensor([3., 2.])).tolist()
        [3.0, 5.0]
    """
def mean(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    The mean of the elements, over all dims or the given ones.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.mean(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [2.0, 3.0]
    """
def min(input: Tensor, dim: builtins.int | None = None, keepdim: builtins.bool = False) -> typing.Any:
    """
    The smallest element; with dim, (values, indices) along that dim.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | None): the dim to reduce; None reduces all of them.
        keepdim (bool): keep the reduced dim with size 1.
    
    Returns:
        Tensor | tuple[Tensor, Tensor]: the 0-d minimum without dim; a named tuple (values, indices) with it.
    
    Examples:
        >>> import nnlite
        >>> nnlite.min(nnlite.tensor([[1., 5.], [3., 4.]]), dim=1).values.tolist()
        [1.0, 3.0]
    """
def minimum(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    The smaller of input and other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.minimum(nnlite.tensor([1., 5.]), nnlite.tensor([3., 2.])).tolist()
        [1.0, 2.0]
    """
def mm(input: Tensor, mat2: Tensor) -> Tensor:
    """
    The product of two matrices: [n, k] x [k, m] -> [n, m].
    
    Args:
        input (Tensor): [n, k].
        mat2 (Tensor): [k, m].
    
    Returns:
        Tensor: [n, m].
    
    Examples:
        >>> import nnlite
        >>> nnlite.mm(nnlite.ones(2, 3), nnlite.ones(3, 1)).tolist()
        [[3.0], [3.0]]
    """
def mse_loss(input: Tensor, target: Tensor, reduction: str = 'mean') -> Tensor:
    ...
def mul(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input * other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.mul(nnlite.tensor([1., 2.]), 3).tolist()
        [3.0, 6.0]
    """
def multinomial(input: Tensor, num_samples: typing.SupportsInt | typing.SupportsIndex, replacement: builtins.bool = False, *, generator: Generator | None = None) -> Tensor:
    ...
def nan_to_num(input: Tensor, nan: typing.SupportsFloat | typing.SupportsIndex = 0.0, posinf: typing.SupportsFloat | typing.SupportsIndex | None = None, neginf: typing.SupportsFloat | typing.SupportsIndex | None = None) -> Tensor:
    ...
def narrow(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, start: typing.SupportsInt | typing.SupportsIndex, length: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    ...
def ne(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input != other, elementwise, broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.ne(nnlite.tensor([1., 2.]), 2).tolist()
        [True, False]
    """
def neg(input: Tensor) -> Tensor:
    """
    -x, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.neg(nnlite.tensor([1., -2.])).tolist()
        [-1.0, 2.0]
    """
def nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None, ignore_index: typing.SupportsInt | typing.SupportsIndex = -100, reduction: str = 'mean') -> Tensor:
    ...
def nonzero(input: Tensor) -> Tensor:
    ...
def normal(mean: typing.Any, std: typing.Any = 1.0, size: typing.Any | None = None, **kwargs) -> Tensor:
    ...
def one_hot(tensor: Tensor, num_classes: typing.SupportsInt | typing.SupportsIndex = -1) -> Tensor:
    ...
def ones(*size: builtins.int | collections.abc.Sequence[builtins.int], dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    A tensor filled with 1.
    
    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence (or size=...).
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: of that shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.ones((2,), dtype=nnlite.int64).tolist()
        [1, 1]
    """
def ones_like(input: Tensor, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    Ones with input's shape (and its dtype and device unless given).
    
    Args:
        input (Tensor): the tensor whose shape is taken.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: input's shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.ones_like(nnlite.zeros(2)).tolist()
        [1.0, 1.0]
    """
def op_names() -> list[str]:
    ...
def op_schemas() -> list:
    """
    Every op's schema, by name: a dict with name, inputs ([{name, kind}], kind one of required, optional, zero_or_more, one_or_more), attrs ([{name, type}]), outputs (-1: as many as the node names), differentiable, exportable (a graph op), exported_as and export_note (what export records instead, or why not), onnx (the ONNX ops it becomes) and onnx_note (why it has none).
    """
def pad(input: Tensor, pad: typing.Any, mode: str = 'constant', value: typing.Any | None = None) -> Tensor:
    """
    Pad with (left, right, top, bottom, ...) from the last dim backwards; negative values crop.
    """
def parse_cifar(data: bytes, kind: str, name: str = '<bytes>') -> tuple:
    """
    Parse the bytes of a CIFAR binary file; kind is 'cifar10' or 'cifar100'. Returns (images, labels, coarse_labels or None).
    """
def parse_graph(data: bytes, name: str = '<bytes>', optimize: builtins.bool = True) -> Graph:
    """
    Load a graph from the bytes of a graph file.
    """
def parse_idx(data: bytes, name: str = '<bytes>') -> Tensor:
    """
    Parse the bytes of an (uncompressed) IDX file into a Tensor; `name` appears in error messages.
    """
def permute(input: Tensor, dims: builtins.int | collections.abc.Sequence[builtins.int]) -> Tensor:
    ...
def poisson(input: Tensor, generator: Generator | None = None) -> Tensor:
    ...
def pow(input: Tensor, exponent: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    input to the power exponent, elementwise, broadcasting.
    
    Args:
        input (Tensor): the bases.
        exponent (Tensor | number): the exponents.
    
    Returns:
        Tensor: of the broadcast shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.pow(nnlite.tensor([2., 3.]), 2).tolist()
        [4.0, 9.0]
    """
def prod(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False) -> Tensor:
    """
    The product of the elements, over all dims or the given ones.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.prod(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [3.0, 8.0]
    """
def rand(*size: builtins.int | collections.abc.Sequence[builtins.int], dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False, generator: Generator | None = None) -> Tensor:
    """
    Uniform random numbers in [0, 1).
    
    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence (or size=...).
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
        generator (Generator | None): the random generator; the default one if None.
    
    Returns:
        Tensor: of that shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.rand(2, 3).shape
        (2, 3)
    """
def rand_like(input: Tensor, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False, generator: Generator | None = None) -> Tensor:
    """
    Uniform random numbers in [0, 1) with input's shape (and its dtype and device unless given).
    
    Args:
        input (Tensor): the tensor whose shape is taken.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
        generator (Generator | None): the random generator; the default one if None.
    
    Returns:
        Tensor: input's shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.rand_like(nnlite.ones(3)).shape
        (3,)
    """
def randint(*args: builtins.int | collections.abc.Sequence[builtins.int], dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False, generator: Generator | None = None) -> Tensor:
    """
    Uniform random integers in [low, high); called as randint(high, size) or randint(low, high, size).
    
    Args:
        low (int): the smallest value (0 if left out).
        high (int): one above the largest value.
        size (int | Sequence[int]): the shape.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
        generator (Generator | None): the random generator; the default one if None.
    
    Returns:
        Tensor: int64 of that shape.
    
    Examples:
        >>> import nnlite
        >>> str(nnlite.randint(0, 10, (3,)).dtype)
        'nnlite.int64'
    """
def randint_like(input: Tensor, *args, **kwargs) -> Tensor:
    ...
def randn(*size: builtins.int | collections.abc.Sequence[builtins.int], dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False, generator: Generator | None = None) -> Tensor:
    """
    Standard normal random numbers (mean 0, variance 1).
    
    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence (or size=...).
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
        generator (Generator | None): the random generator; the default one if None.
    
    Returns:
        Tensor: of that shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.randn(4).shape
        (4,)
    """
def randn_like(input: Tensor, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False, generator: Generator | None = None) -> Tensor:
    """
    Standard normal random numbers with input's shape (and its dtype and device unless given).
    
    Args:
        input (Tensor): the tensor whose shape is taken.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
        generator (Generator | None): the random generator; the default one if None.
    
    Returns:
        Tensor: input's shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.randn_like(nnlite.ones(3)).shape
        (3,)
    """
def randperm(n: builtins.int, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False, generator: Generator | None = None) -> Tensor:
    """
    A random permutation of 0 .. n-1.
    
    Args:
        n (int): how many.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
        generator (Generator | None): the random generator; the default one if None.
    
    Returns:
        Tensor: int64 [n].
    
    Examples:
        >>> import nnlite
        >>> sorted(nnlite.randperm(4).tolist())
        [0, 1, 2, 3]
    """
def rbm_cd_step(weight: Tensor, visible_bias: Tensor, hidden_bias: Tensor, input: Tensor, chain: Tensor | None, lr: typing.SupportsFloat | typing.SupportsIndex, k: typing.SupportsInt | typing.SupportsIndex = 1, batch_size: typing.SupportsInt | typing.SupportsIndex = 0, generator: Generator | None = None) -> Tensor:
    ...
def read_cifar(paths: collections.abc.Sequence[str], kind: str) -> tuple:
    """
    Read and concatenate CIFAR binary files. Returns (images, labels, coarse_labels or None).
    """
def read_idx(path: str) -> Tensor:
    """
    Read an uncompressed IDX file into a Tensor.
    """
def reduction_from_name(name: str) -> builtins.int:
    """
    Check a reduction name; returns 0 (none), 1 (mean) or 2 (sum).
    """
def relu(input: Tensor) -> Tensor:
    ...
def remainder(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    The remainder of input / other with other's sign (Python's %), broadcasting input and other against each other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand; a Python number acts as a 0-d tensor.
    
    Returns:
        Tensor: of the broadcast shape, in the promoted dtype (builtins.bool for comparisons).
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.remainder(nnlite.tensor([-3., 3.]), 2).tolist()
        [1.0, 1.0]
    """
def reshape(input: Tensor, shape: builtins.int | collections.abc.Sequence[builtins.int]) -> Tensor:
    ...
def rnn_relu_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    ...
def rnn_relu_layer(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None, reverse: builtins.bool = False, lengths: Tensor | None = None) -> tuple[Tensor, Tensor]:
    ...
def rnn_tanh_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    ...
def rnn_tanh_layer(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None, reverse: builtins.bool = False, lengths: Tensor | None = None) -> tuple[Tensor, Tensor]:
    ...
def roll(input: Tensor, shifts: builtins.int | collections.abc.Sequence[builtins.int], dims: builtins.int | collections.abc.Sequence[builtins.int] | None = None) -> Tensor:
    ...
def round(input: Tensor, *, decimals: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    ...
def rsqrt(input: Tensor) -> Tensor:
    """
    1 / sqrt(x), elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.rsqrt(nnlite.tensor([4.])).tolist()
        [0.5]
    """
def rule_optimizer_group_step(name: str, params: collections.abc.Sequence[Tensor], states: list, hyper: dict) -> list:
    """
    One step of a rule optimizer (Adagrad, RMSprop, Adadelta, NAdam, RAdam, LARS, LAMB) over a group; returns the parameters' new state dicts.
    """
def rule_optimizer_names() -> list[str]:
    ...
def safetensors_from_bytes(data: bytes, name: str = '<bytes>') -> tuple:
    """
    Parse the bytes of a safetensors file; `name` stands for the file in error messages.
    """
def safetensors_to_bytes(tensors: collections.abc.Mapping[str, Tensor], metadata: collections.abc.Mapping[str, str] = {}) -> bytes:
    """
    The bytes of the safetensors file save_safetensors writes.
    """
def save_graph(recording: GraphRecording, path: str) -> None:
    """
    Write a recording as a graph file (atomically).
    """
def save_safetensors(tensors: collections.abc.Mapping[str, Tensor], path: str, metadata: collections.abc.Mapping[str, str] = {}) -> None:
    """
    Write {name: Tensor} and {str: str} metadata to a safetensors file (temporary file, fsync, rename).
    """
def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, attn_mask: Tensor | None = None, dropout_p: typing.SupportsFloat | typing.SupportsIndex = 0.0, is_causal: builtins.bool = False, *, scale: typing.SupportsFloat | typing.SupportsIndex | None = None, enable_gqa: builtins.bool = False, generator: Generator | None = None) -> Tensor:
    """
    softmax(query @ key^T * scale + attn_mask) @ value over [..., L, E] x [..., S, E] x [..., S, Ev].
    """
def scatter(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor, src: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    ...
def scatter_add(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor, src: Tensor) -> Tensor:
    ...
def select(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    ...
def set_default_dtype(d: typing.Any) -> None:
    """
    The floating dtype that factories and nnlite.tensor() give when no dtype is named (torch's set_default_dtype).
    
    Args:
        d (dtype): nnlite.float32 (the default) or nnlite.float64.
    
    Raises:
        TypeError: for any other dtype.
    
    Example:
        >>> nnlite.set_default_dtype(nnlite.float64)
        >>> nnlite.zeros(1).dtype == nnlite.float64
        True
        >>> nnlite.set_default_dtype(nnlite.float32)
    """
def set_grad_enabled_(mode: builtins.bool) -> None:
    ...
def set_num_threads(n: typing.SupportsInt | typing.SupportsIndex) -> None:
    ...
def sgd_group_step(params: collections.abc.Sequence[Tensor], momentum_buffers: collections.abc.Sequence[Tensor | None], lr: typing.SupportsFloat | typing.SupportsIndex, momentum: typing.SupportsFloat | typing.SupportsIndex, dampening: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex, nesterov: builtins.bool, maximize: builtins.bool) -> list[Tensor | None]:
    """
    SGD's step over a parameter group; returns the momentum buffers (made where they started).
    """
def sgd_step(params: collections.abc.Sequence[Tensor], grads: collections.abc.Sequence[Tensor], momentum_buffers: collections.abc.Sequence[Tensor], lr: typing.SupportsFloat | typing.SupportsIndex, momentum: typing.SupportsFloat | typing.SupportsIndex, dampening: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex, nesterov: builtins.bool, maximize: builtins.bool, first_step: builtins.bool) -> None:
    """
    One fused SGD update of every tensor in params, in place.
    """
def sigmoid(input: Tensor) -> Tensor:
    ...
def sign(input: Tensor) -> Tensor:
    """
    -1, 0 or 1 by the sign of x, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.sign(nnlite.tensor([-3., 0., 2.])).tolist()
        [-1.0, 0.0, 1.0]
    """
def simd_level() -> str:
    ...
def sin(input: Tensor) -> Tensor:
    """
    The sine (radians), elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.sin(nnlite.tensor([0.])).tolist()
        [0.0]
    """
def softmax(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    ...
def softplus(input: Tensor, beta: typing.SupportsFloat | typing.SupportsIndex = 1.0, threshold: typing.SupportsFloat | typing.SupportsIndex = 20.0) -> Tensor:
    ...
def sort(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex = -1, descending: builtins.bool = False, stable: builtins.bool = False) -> typing.Any:
    ...
def split(input: Tensor, split_size_or_sections: typing.Any, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
    ...
def sqrt(input: Tensor) -> Tensor:
    """
    The square root, elementwise (nan below 0).
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.sqrt(nnlite.tensor([4., 9.])).tolist()
        [2.0, 3.0]
    """
def squeeze(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None) -> Tensor:
    """
    Removes dims of size 1: all of them, or the given ones.
    
    Args:
        input (Tensor): any shape.
        dim (int | Sequence[int] | None): the dims to remove (those not of size 1 stay).
    
    Returns:
        Tensor: a view without those dims.
    
    Examples:
        >>> import nnlite
        >>> nnlite.zeros(2, 1, 3, 1).squeeze().shape
        (2, 3)
    """
def stack(tensors: collections.abc.Sequence[Tensor], dim: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    ...
def std(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, unbiased: builtins.bool | None = None, keepdim: builtins.bool = False, *, correction: builtins.float | builtins.int | None = None) -> Tensor:
    """
    The standard deviation: sqrt(var) with var's arguments.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        unbiased (bool | None): divide by n - 1 (the default) or n.
        correction (float | None): keyword only: divide by n - correction.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.std(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [1.4142135381698608, 1.4142135381698608]
    """
def sub(input: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool, alpha: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> Tensor:
    """
    input - alpha * other, elementwise, broadcasting input and other.
    
    Args:
        input (Tensor): the first operand.
        other (Tensor | number): the second operand.
        alpha (float): the factor of other (default 1).
    
    Returns:
        Tensor: of the broadcast shape and promoted dtype.
    
    Raises:
        ValueError: the shapes cannot be broadcast together.
    
    Examples:
        >>> import nnlite
        >>> nnlite.sub(nnlite.tensor([5., 5.]), 1).tolist()
        [4.0, 4.0]
    """
def sum(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, keepdim: builtins.bool = False, dtype: dtype | None = None) -> Tensor:
    """
    The sum of the elements, over all dims or the given ones.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        dtype (dtype | None): convert input to this dtype first.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.sum(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [4.0, 6.0]
    """
def sum_to(input: Tensor, shape: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> Tensor:
    ...
def t(input: Tensor) -> Tensor:
    ...
def tanh(input: Tensor) -> Tensor:
    ...
def tensor(data: typing.Any, dtype: dtype | None = None, device: device | str | builtins.int | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    A tensor holding a copy of data (nested lists, numbers or a NumPy array).
    
    Args:
        data: nested Python lists or numbers, or an array.
        dtype (dtype | None): the element type; inferred from data when None (float32 for floats, int64 for ints).
        device (device | str | None): where the tensor lives.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: data's shape.
    
    Raises:
        ValueError: data is ragged.
        TypeError: data holds something other than numbers.
    
    Examples:
        >>> import nnlite
        >>> nnlite.tensor([[1, 2], [3, 4]]).shape
        (2, 2)
    """
def topk(input: Tensor, k: typing.SupportsInt | typing.SupportsIndex, dim: typing.SupportsInt | typing.SupportsIndex = -1, largest: builtins.bool = True, sorted: builtins.bool = True) -> typing.Any:
    ...
def transpose(input: Tensor, dim0: typing.SupportsInt | typing.SupportsIndex, dim1: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    """
    Swaps two dims (a view: no copy).
    
    Args:
        input (Tensor): any shape.
        dim0 (int): one dim.
        dim1 (int): the other.
    
    Returns:
        Tensor: a view with the two dims swapped.
    
    Examples:
        >>> import nnlite
        >>> nnlite.zeros(2, 3, 4).transpose(0, 2).shape
        (4, 3, 2)
    """
def tril(input: Tensor, diagonal: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    ...
def triu(input: Tensor, diagonal: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    ...
def trunc(input: Tensor) -> Tensor:
    """
    x rounded toward zero, elementwise.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: the same shape as input (and its dtype, builtins.bool for tests such as isnan).
    
    Examples:
        >>> import nnlite
        >>> nnlite.trunc(nnlite.tensor([1.5, -1.5])).tolist()
        [1.0, -1.0]
    """
def unbind(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
    ...
def unsqueeze(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    """
    Inserts a dim of size 1 at position dim.
    
    Args:
        input (Tensor): any shape.
        dim (int): where the new dim goes (negative counts from the end).
    
    Returns:
        Tensor: a view with one more dim.
    
    Examples:
        >>> import nnlite
        >>> nnlite.zeros(2, 3).unsqueeze(1).shape
        (2, 1, 3)
    """
def upsample_nearest2d(input: Tensor, size: typing.Any | None = None, scale_factor: typing.Any | None = None) -> Tensor:
    ...
def var(input: Tensor, dim: builtins.int | collections.abc.Sequence[builtins.int] | None = None, unbiased: builtins.bool | None = None, keepdim: builtins.bool = False, *, correction: builtins.float | builtins.int | None = None) -> Tensor:
    """
    The variance, over all dims or the given ones.
    
    Args:
        input (Tensor): the tensor to reduce.
        dim (int | Sequence[int] | None): the dims to reduce; None (the default) reduces all of them.
        unbiased (bool | None): divide by n - 1 (the default) or n.
        correction (float | None): keyword only: divide by n - correction.
        keepdim (bool): keep each reduced dim with size 1.
    
    Returns:
        Tensor: input's shape without the reduced dims (0-d when all are reduced).
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.var(nnlite.tensor([[1., 2.], [3., 4.]]), dim=0).tolist()
        [2.0, 2.0]
    """
def version() -> str:
    ...
def where(condition: Tensor, input: Tensor | builtins.float | builtins.int | builtins.bool, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
    ...
def zeros(*size: builtins.int | collections.abc.Sequence[builtins.int], dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    A tensor filled with 0.
    
    Args:
        *size (int | Sequence[int]): the shape, as ints or one sequence (or size=...).
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: of that shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.zeros(2, 3).tolist()
        [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
def zeros_like(input: Tensor, dtype: dtype | None = None, device: device | str | None = None, requires_grad: builtins.bool = False) -> Tensor:
    """
    Zeros with input's shape (and its dtype and device unless given).
    
    Args:
        input (Tensor): the tensor whose shape is taken.
        dtype (dtype | None): the element type; float32 by default.
        device (device | str | None): where the tensor lives; the CPU by default.
        requires_grad (bool): record operations on it for autograd.
    
    Returns:
        Tensor: input's shape.
    
    Examples:
        >>> import nnlite
        >>> nnlite.zeros_like(nnlite.ones(2)).tolist()
        [0.0, 0.0]
    """
bool: dtype
float32: dtype
float64: dtype
int32: dtype
int64: dtype
uint8: dtype
