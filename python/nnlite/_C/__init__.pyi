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
        """
        The dtype's name without the module: 'float32', 'int64', 'bool'...
        
        Returns:
            str: the name, as nnlite.<name> spells the dtype.
        
        Examples:
            >>> import nnlite
            >>> nnlite.float32.name, nnlite.int64.name
            ('float32', 'int64')
        """
    @property
    def value(self) -> builtins.int:
        ...
class device:
    """
    Where a tensor lives: the CPU or one CUDA device.
    
    Made from a string, "cpu", "cuda" (device 0) or "cuda:N". A device compares equal to
    its string form, so x.device == "cpu" works.
    
    Args:
        type (str): "cpu", "cuda" or "cuda:N".
    
    Raises:
        ValueError: any other string.
    
    Examples:
        >>> import nnlite
        >>> d = nnlite.device("cuda:1")
        >>> d.type, d.index, str(d)
        ('cuda', 1, 'cuda:1')
        >>> nnlite.zeros(1).device == "cpu"
        True
    """
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
    """
    An n-dimensional array of one dtype on one device, recording its history for autograd.
    
    A Tensor is a view of a reference-counted storage (shape, strides and an offset),
    so views such as transpose, narrow or x[1:] share memory with their base. Tensors
    are usually made with the factories (nnlite.tensor, nnlite.zeros, ...); the
    constructor copies the geometry of another tensor, and Tensor(list) or
    Tensor(n, m) follow torch's legacy float32 constructors.
    
    Args:
        other (Tensor): the tensor to share (the new object is a view of the same storage).
    
    Examples:
        >>> import nnlite
        >>> x = nnlite.tensor([[1., 2.], [3., 4.]])
        >>> x.shape, str(x.dtype)
        ((2, 2), 'nnlite.float32')
        >>> nnlite.Tensor([1, 2]).tolist()
        [1.0, 2.0]
    """
    data: Tensor
    grad: Tensor | None
    requires_grad: builtins.bool
    @staticmethod
    def addmm(input, mat1, mat2, *, beta = 1, alpha = 1):
        """
        beta * input + alpha * (mat1 @ mat2), input broadcast to [n, m].
        
            Args:
                input (Tensor): broadcastable to [n, m] (often a bias of shape [m]).
                mat1 (Tensor): [n, k].
                mat2 (Tensor): [k, m].
                beta (float): keyword only: the factor of input.
                alpha (float): keyword only: the factor of the product.
        
            Returns:
                Tensor: [n, m].
        
            Raises:
                ValueError: the inner sizes differ or input does not broadcast.
        
            Examples:
                >>> import nnlite
                >>> nnlite.addmm(nnlite.tensor([1., 1.]), nnlite.ones(1, 3), nnlite.ones(3, 2), alpha=2).tolist()
                [[7.0, 7.0]]
            
        """
    @staticmethod
    def baddbmm(input, batch1, batch2, *, beta = 1, alpha = 1):
        """
        beta * input + alpha * bmm(batch1, batch2): addmm for a batch of matrices.
        
            Args:
                input (Tensor): broadcastable to [b, n, m].
                batch1 (Tensor): [b, n, k].
                batch2 (Tensor): [b, k, m].
                beta (float): keyword only: the factor of input.
                alpha (float): keyword only: the factor of the product.
        
            Returns:
                Tensor: [b, n, m].
        
            Raises:
                ValueError: the shapes do not match.
        
            Examples:
                >>> import nnlite
                >>> nnlite.baddbmm(nnlite.zeros(2, 1, 1), nnlite.ones(2, 1, 3), nnlite.ones(2, 3, 1)).tolist()
                [[[3.0]], [[3.0]]]
            
        """
    @staticmethod
    def bincount(input, weights = None, minlength = 0):
        """
        How many times each non-negative integer occurs in input (or the sum of its weights).
        
            Args:
                input (Tensor): 1-d int64, int32 or uint8, non-negative.
                weights (Tensor | None): one weight per element of input.
                minlength (int): the smallest length of the result.
        
            Returns:
                Tensor: 1-d of length max(input.max() + 1, minlength); int64 without weights, else float32
                for float32 weights and float64 for others.
        
            Raises:
                ValueError: input is not a 1-d integer tensor, or holds a negative value.
        
            Examples:
                >>> import nnlite
                >>> nnlite.bincount(nnlite.tensor([0, 2, 2])).tolist()
                [1, 0, 2]
            
        """
    @staticmethod
    def cross(input, other, dim = None):
        """
        The cross product of 3-vectors along dim.
        
            Args:
                input (Tensor): with size 3 along dim.
                other (Tensor): input's shape.
                dim (int | None): the dim holding the vectors; None takes the first dim of size 3
                    (as torch.cross did; torch.linalg.cross uses the last).
        
            Returns:
                Tensor: input's shape.
        
            Raises:
                ValueError: no dim of size 3, or dim's size is not 3.
        
            Examples:
                >>> import nnlite
                >>> nnlite.cross(nnlite.tensor([1., 0., 0.]), nnlite.tensor([0., 1., 0.])).tolist()
                [0.0, 0.0, 1.0]
            
        """
    @staticmethod
    def diag(input, diagonal = 0):
        """
        A 1-d tensor's values on a diagonal of a new square matrix, or a matrix's diagonal as 1-d.
        
            Args:
                input (Tensor): 1-d (builds a matrix) or 2-d (reads a diagonal).
                diagonal (int): 0 is the main diagonal, positive ones above it, negative ones below.
        
            Returns:
                Tensor: [n + |diagonal|, n + |diagonal|] from a 1-d input; 1-d from a 2-d one.
        
            Raises:
                ValueError: input is neither 1-d nor 2-d.
        
            Examples:
                >>> import nnlite
                >>> nnlite.diag(nnlite.tensor([1., 2.])).tolist()
                [[1.0, 0.0], [0.0, 2.0]]
                >>> nnlite.tensor([[1, 2], [3, 4]]).diag().tolist()
                [1, 4]
            
        """
    @staticmethod
    def diagonal(input, offset = 0, dim1 = 0, dim2 = 1):
        """
        Picks x[..., i, i+offset] through a flat index_select over the two dims.
        """
    @staticmethod
    def histc(input, bins = 100, min = 0, max = 0):
        """
        A histogram of input's values in bins equal bins over [min, max].
        
            Elements outside [min, max] are not counted; when min == max (the default) the range is the
            data's smallest and largest value.
        
            Args:
                input (Tensor): any shape (flattened).
                bins (int): the number of bins.
                min (float): the lower end of the range.
                max (float): the upper end of the range.
        
            Returns:
                Tensor: 1-d of length bins, input's dtype.
        
            Raises:
                ValueError: min > max.
        
            Examples:
                >>> import nnlite
                >>> nnlite.histc(nnlite.tensor([1., 2., 1.]), bins=4, min=0, max=3).tolist()
                [0.0, 2.0, 1.0, 0.0]
            
        """
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
        
        The number of elements: the product of the shape (nelement is its other name).
        
        Returns:
            int: 1 for a scalar tensor, 0 when any dim has size 0.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 3).numel()
            6
        
        """
    @staticmethod
    def nonzero(input, *, as_tuple = False):
        """
        The indices of the nonzero elements, one row per element in row-major order.
        
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
    @staticmethod
    def norm(input, p = 'fro', dim = None, keepdim = False, dtype = None):
        """
        The p-norm of input over all dims or the given ones: (sum |x|^p)^(1/p).
        
            Args:
                input (Tensor): float32 or float64.
                p (float | str): 'fro' or 2 (the Euclidean norm, the default), 1, 0 (the count of
                    nonzeros), inf or 'inf' (the largest |x|), -inf (the smallest), or any other number.
                dim (int | Sequence[int] | None): the dims reduced; None reduces all of them.
                keepdim (bool): keep each reduced dim with size 1.
                dtype (dtype | None): convert input to this dtype first.
        
            Returns:
                Tensor: input's shape without the reduced dims; the gradient at a zero norm is 0.
        
            Raises:
                TypeError: input is not floating point.
                ValueError: an unsupported p.
        
            Examples:
                >>> import nnlite
                >>> nnlite.tensor([3., 4.]).norm().item()
                5.0
                >>> nnlite.norm(nnlite.tensor([[1., -2.], [3., 0.]]), p=1, dim=1).tolist()
                [3.0, 3.0]
            
        """
    @staticmethod
    def outer(input, vec2):
        """
        The outer product of two vectors: `out[i][j] = input[i] * vec2[j]`.
        
            Args:
                input (Tensor): [n].
                vec2 (Tensor): [m].
        
            Returns:
                Tensor: [n, m].
        
            Raises:
                ValueError: either is not 1-d.
        
            Examples:
                >>> import nnlite
                >>> nnlite.outer(nnlite.tensor([1., 2.]), nnlite.tensor([1., 10.])).tolist()
                [[1.0, 10.0], [2.0, 20.0]]
            
        """
    @staticmethod
    def repeat_interleave(input, repeats, dim = None, output_size = None):
        """
        Each element (or slice along dim) repeated in place: [a, b] -> [a, a, b, b].
        
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
    @staticmethod
    def square(input):
        """
        x * x, elementwise.
        
            Args:
                input (Tensor): any shape.
        
            Returns:
                Tensor: input's shape and dtype.
        
            Examples:
                >>> import nnlite
                >>> nnlite.square(nnlite.tensor([-2., 3.])).tolist()
                [4.0, 9.0]
            
        """
    @staticmethod
    def tile(input, dims):
        """
        input repeated dims[i] times along dim i; like repeat, but fewer counts than dims are allowed
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
    @staticmethod
    def trace(input):
        """
        The sum of a matrix's main diagonal.
        
            Args:
                input (Tensor): 2-d (need not be square).
        
            Returns:
                Tensor: 0-d, input's dtype.
        
            Raises:
                ValueError: input is not 2-d.
        
            Examples:
                >>> import nnlite
                >>> nnlite.trace(nnlite.tensor([[1., 2.], [3., 4.]])).item()
                5.0
            
        """
    @staticmethod
    def unique(input, sorted = True, return_inverse = False, return_counts = False, dim = None):
        """
        The distinct elements of input, sorted, optionally with where each element went and how often each occurs.
        
            Computed with NumPy on the CPU values; no gradient (as in torch).
        
            Args:
                input (Tensor): any shape (flattened).
                sorted (bool): taken for torch's signature; the result is always sorted.
                return_inverse (bool): also return, for each element of input, the index of its value.
                return_counts (bool): also return how many times each value occurs.
                dim (None): must be None: nnlite does not find unique slices.
        
            Returns:
                Tensor | tuple[Tensor, ...]: the values (1-d, input's dtype), then the inverse (int64,
                input's shape) and the counts (int64) when asked for.
        
            Raises:
                ValueError: dim is given.
        
            Examples:
                >>> import nnlite
                >>> values, counts = nnlite.unique(nnlite.tensor([3, 1, 3]), return_counts=True)
                >>> values.tolist(), counts.tolist()
                ([1, 3], [1, 2])
            
        """
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
        """
        In-place abs: |x|, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([-1., 2.]).abs_().tolist()
            [1.0, 2.0]
        """
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
        """
        In-place add: x += alpha * other, broadcasting other to x's shape.
        
        Args:
            other (Tensor | number): the addend.
            alpha (float): the factor of other (default 1).
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.ones(2).add_(nnlite.tensor([1., 2.]), alpha=10).tolist()
            [11.0, 21.0]
        """
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
        """
        The indices that sort input along dim (the indices of sort).
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim to sort (the last by default).
            descending (bool): largest first.
            stable (bool): keep the order of equal elements (taken for torch's signature; nnlite's sort is stable).
        
        Returns:
            Tensor: int64, input's shape.
        
        Raises:
            IndexError: dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.argsort(nnlite.tensor([3., 1., 2.]), descending=True).tolist()
            [0, 2, 1]
        """
    def astype(self, arg0: dtype | None) -> Tensor:
        """
        The tensor converted to dtype (NumPy's spelling of x.to(dtype)).
        
        Args:
            dtype (dtype): the target dtype.
        
        Returns:
            Tensor: a converted copy (differentiable between floating dtypes).
        
        Examples:
            >>> import nnlite
            >>> print(nnlite.tensor([1, 2]).astype(nnlite.float64).dtype)
            nnlite.float64
        """
    def backward(self, gradient: Tensor | None = None, retain_graph: builtins.bool | None = None, create_graph: builtins.bool = False) -> None:
        """
        Computes the gradient of this tensor with respect to the graph leaves and adds it into their .grad.
        
        Args:
            gradient (Tensor | number | None): d(loss)/d(self), of self's shape; may be left out for a
                one-element tensor (it is then 1).
            retain_graph (bool | None): keep the graph for another backward; defaults to create_graph.
            create_graph (bool): record the backward pass too, for higher-order gradients.
        
        Returns:
            None
        
        Raises:
            RuntimeError: the tensor does not require grad, gradient is missing for a tensor of more
                than one element, or the graph was already freed by an earlier backward.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([1., 2.], requires_grad=True)
            >>> (x * x).sum().backward()
            >>> x.grad.tolist()
            [2.0, 4.0]
        """
    def bernoulli(self, p: typing.SupportsFloat | typing.SupportsIndex | None = None, *, generator: Generator | None = None) -> Tensor:
        """
        Draws 0 or 1 for each element: 1 with the probability given by input (or by p).
        
        Args:
            input (Tensor): probabilities in [0, 1], any shape, a floating dtype.
            p (float | None): one probability for every element instead of input's values (input then
                gives only the shape and dtype).
            generator (Generator | None): keyword only: the random generator; the default one if None.
        
        Returns:
            Tensor: input's shape and dtype, holding 0 and 1; no gradient.
        
        Raises:
            ValueError: a probability outside [0, 1].
        
        Examples:
            >>> import nnlite
            >>> nnlite.bernoulli(nnlite.tensor([0., 1., 1.])).tolist()
            [0.0, 1.0, 1.0]
        """
    def bernoulli_(self, p: typing.Any = 0.5, *, generator: Generator | None = None) -> typing.Any:
        """
        Fills the tensor with 0 and 1 drawn from Bernoulli(p).
        
        Args:
            p (float | Tensor): the probability of 1 (default 0.5); a tensor gives one per element,
                broadcast to this tensor's shape.
            generator (Generator | None): keyword only: the random generator; the default one if None.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            ValueError: p outside [0, 1].
        
        Examples:
            >>> import nnlite
            >>> nnlite.empty(3).bernoulli_(1.).tolist()
            [1.0, 1.0, 1.0]
        """
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
        """
        x.to(nnlite.bool): the tensor as bool, itself when it already is.
        
        Returns:
            Tensor: a converted copy, or this object when the dtype already matches.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([0., 2.]).bool().tolist()
            [False, True]
        """
    def byte(self) -> Tensor:
        """
        x.to(nnlite.uint8): the tensor as uint8, itself when it already is.
        
        Returns:
            Tensor: a converted copy, or this object when the dtype already matches.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([3.]).byte().tolist()
            [3]
        """
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
        """
        In-place ceil: the smallest integer >= x, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1.5, -1.5]).ceil_().tolist()
            [2.0, -1.0]
        """
    def chunk(self, chunks: typing.SupportsInt | typing.SupportsIndex, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
        """
        Splits input into at most chunks pieces of equal size along dim (the last may be smaller).
        
        Each piece has ceil(size / chunks) elements along dim, so fewer than chunks pieces come
        back when the size does not allow that many (as in torch).
        
        Args:
            input (Tensor): any shape.
            chunks (int): the number of pieces wanted, >= 1.
            dim (int): the dim to split.
        
        Returns:
            tuple[Tensor, ...]: views of input.
        
        Examples:
            >>> import nnlite
            >>> [t.tolist() for t in nnlite.chunk(nnlite.arange(5), 3)]
            [[0, 1], [2, 3], [4]]
        """
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
        """
        In-place clamp: every element limited to [min, max].
        
        Args:
            min (number | None): the lower bound; None for none.
            max (number | None): the upper bound; None for none.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([-2., 0.5, 3.]).clamp_(0, 1).tolist()
            [0.0, 0.5, 1.0]
        """
    def clip(self, min: builtins.float | builtins.int | builtins.bool | None = None, max: builtins.float | builtins.int | builtins.bool | None = None) -> Tensor:
        """
        clamp's other name (NumPy's).
        
        Examples:
            >>> import nnlite
            >>> nnlite.clip(nnlite.tensor([-2., 3.]), 0, 1).tolist()
            [0.0, 1.0]
        """
    def clone(self) -> Tensor:
        """
        A copy of the tensor with its own storage (contiguous), recorded by autograd.
        
        Returns:
            Tensor: same shape, dtype and device; gradients flow back to the original.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.zeros(2)
            >>> y = x.clone()
            >>> y[0] = 1
            >>> x.tolist(), y.tolist()
            ([0.0, 0.0], [1.0, 0.0])
        """
    def contiguous(self) -> Tensor:
        """
        The tensor with its elements in row-major order: itself if already so, else a copy.
        
        Returns:
            Tensor: a contiguous tensor with the same values (differentiable).
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.zeros(2, 3).t()
            >>> x.contiguous().is_contiguous(), x.contiguous().stride()
            (True, (2, 1))
        """
    def copy_(self, src: Tensor) -> Tensor:
        """
        Copies src's elements into this tensor (converting dtype and device), broadcasting src.
        
        Args:
            src (Tensor): broadcastable to this tensor's shape.
        
        Returns:
            Tensor: this tensor, changed (gradients flow back to src).
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 2).copy_(nnlite.tensor([1, 2])).tolist()
            [[1.0, 2.0], [1.0, 2.0]]
        """
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
        """
        A copy of the tensor in CPU memory (the tensor itself when it is there already).
        
        Returns:
            Tensor: on the CPU, differentiable.
        
        Examples:
            >>> import nnlite
            >>> str(nnlite.ones(2).cpu().device)
            'cpu'
        """
    def cuda(self, device: typing.Any | None = None, non_blocking: builtins.bool = False) -> Tensor:
        """
        A copy of the tensor on a CUDA device (cuda:0 unless given).
        
        Args:
            device (int | device | None): the CUDA device; None is cuda:0.
            non_blocking (bool): a copy from page-locked memory may still run after the call returns.
        
        Returns:
            Tensor: on that device, differentiable.
        
        Raises:
            RuntimeError: nnlite was built without CUDA, or no GPU is present.
        
        Examples:
            >>> import nnlite
            >>> if nnlite.cuda.is_available():
            ...     print(nnlite.ones(2).cuda().device)
            ... else:
            ...     print("cuda:0")
            cuda:0
        """
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
        """
        The address of the tensor's first element, as an int (for interop and identity checks).
        
        Returns:
            int: a CPU address, or a CUDA device address for a tensor on a GPU.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.zeros(4)
            >>> x[1:].data_ptr() - x.data_ptr()
            4
        """
    def detach(self) -> Tensor:
        """
        A view of the same data that autograd does not record (no grad_fn, no requires_grad).
        
        Returns:
            Tensor: shares storage with this tensor: in-place changes to either show in both.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.ones(2, requires_grad=True)
            >>> (x * 2).detach().requires_grad
            False
        """
    def detach_(self) -> Tensor:
        """
        Detaches this tensor from the graph in place: it becomes a leaf that does not require grad.
        
        Returns:
            Tensor: this tensor.
        
        Examples:
            >>> import nnlite
            >>> y = nnlite.ones(2, requires_grad=True) * 2
            >>> y.detach_().grad_fn is None, y.requires_grad
            (True, False)
        """
    def dim(self) -> builtins.int:
        """
        The number of dims (the same as .ndim and len(x.shape)).
        
        Returns:
            int: 0 for a scalar tensor.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 3).dim(), nnlite.tensor(1.).dim()
            (2, 0)
        """
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
        """
        In-place div: x /= other (true division; an integer tensor cannot hold the result), written into this tensor.
        
        Args:
            other (Tensor | number): broadcast to this tensor's shape.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1., 2.]).div_(4).tolist()
            [0.25, 0.5]
        """
    def double(self) -> Tensor:
        """
        x.to(nnlite.float64): the tensor as float64, itself when it already is.
        
        Returns:
            Tensor: a converted copy, or this object when the dtype already matches.
        
        Examples:
            >>> import nnlite
            >>> print(nnlite.tensor([1.5]).double().dtype)
            nnlite.float64
        """
    def element_size(self) -> builtins.int:
        """
        The size of one element in bytes (the same as .itemsize).
        
        Returns:
            int: 4 for float32 and int32, 8 for float64 and int64, 1 for uint8 and bool.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1, dtype=nnlite.float64).element_size()
            8
        """
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
        """
        In-place exp: e to the power x, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([0.]).exp_().tolist()
            [1.0]
        """
    def expand(self, *args) -> Tensor:
        """
        The tensor broadcast to a larger shape without copying (the stride of new or size-1 dims is 0).
        
        Args:
            *sizes (int | Sequence[int]): the new shape; -1 keeps a dim's size; new dims go in front.
        
        Returns:
            Tensor: a view; write to it only through ops that make a copy.
        
        Raises:
            ValueError: a dim whose size is neither 1 nor the requested size.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([[1], [2]]).expand(2, 3).tolist()
            [[1, 1, 1], [2, 2, 2]]
        """
    def expand_as(self, arg0: Tensor) -> Tensor:
        """
        x.expand(other.shape): the tensor broadcast to other's shape without copying.
        
        Args:
            other (Tensor): the tensor whose shape is taken.
        
        Returns:
            Tensor: a view of this tensor.
        
        Raises:
            ValueError: the shapes cannot be broadcast.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1., 2.]).expand_as(nnlite.zeros(3, 2)).shape
            (3, 2)
        """
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
        """
        In-place expm1: exp(x) - 1, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([0.]).expm1_().tolist()
            [0.0]
        """
    def exponential_(self, lambd: typing.SupportsFloat | typing.SupportsIndex = 1.0, *, generator: Generator | None = None) -> typing.Any:
        """
        Fills the tensor with draws of the exponential distribution of rate lambd (mean 1 / lambd).
        
        Args:
            lambd (float): the rate, > 0 (default 1).
            generator (Generator | None): keyword only: the random generator; the default one if None.
        
        Returns:
            Tensor: this tensor, changed.
        
        Examples:
            >>> import nnlite
            >>> bool((nnlite.empty(100).exponential_(2.) >= 0).all())
            True
        """
    def fill_(self, value: builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        Sets every element to value.
        
        Args:
            value (number): converted to the tensor's dtype.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(3).fill_(7).tolist()
            [7.0, 7.0, 7.0]
        """
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
        """
        The elements in reverse order along the given dims (a copy, as in torch).
        
        Args:
            *dims (int | Sequence[int]): the dims to reverse, as ints, one sequence, or dims=...
        
        Returns:
            Tensor: the same shape.
        
        Raises:
            IndexError: a dim out of range.
            TypeError: dims given both positionally and by name.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([[1, 2], [3, 4]]).flip(0, 1).tolist()
            [[4, 3], [2, 1]]
        """
    def float(self) -> Tensor:
        """
        x.to(nnlite.float32): the tensor as float32, itself when it already is.
        
        Returns:
            Tensor: a converted copy, or this object when the dtype already matches.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1, 2]).float().tolist()
            [1.0, 2.0]
        """
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
        """
        In-place floor: the largest integer <= x, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1.5, -1.5]).floor_().tolist()
            [1.0, -2.0]
        """
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
        """
        In-place fmod: the remainder of x / other with x's sign, written into this tensor.
        
        Args:
            other (Tensor | number): broadcast to this tensor's shape.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([-3., 3.]).fmod_(2).tolist()
            [-1.0, 1.0]
        """
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
        """
        In-place frac: x - trunc(x), written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1.5, -1.5]).frac_().tolist()
            [0.5, -0.5]
        """
    def gather(self, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor) -> Tensor:
        """
        Picks values along dim by index: `out[i][j] = input[index[i][j]][j]` for dim 0 (and so on).
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim indexed.
            index (Tensor): int64, input's number of dims; its sizes are at most input's outside dim.
        
        Returns:
            Tensor: index's shape, input's dtype; the gradient adds back into the picked positions.
        
        Raises:
            IndexError: an index out of range for input.size(dim).
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([[1., 2.], [3., 4.]])
            >>> nnlite.gather(x, 1, nnlite.tensor([[1], [0]])).tolist()
            [[2.0], [3.0]]
        """
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
        """
        torch's conversion to float16, which nnlite does not have: it always raises.
        
            Raises:
                TypeError: always; use .float() (float32) instead.
        
            Examples:
                >>> import nnlite
                >>> nnlite.zeros(1).half()
                Traceback (most recent call last):
                ...
                TypeError: Tensor.half: nnlite has no float16 dtype; use .float() (float32) instead
            
        """
    def index_add(self, dim, index, source, *, alpha = 1):
        """
        A copy with alpha * source's slices added at the given indices along dim; repeated indices add up.
        
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
    def index_add_(self, dim, index, source, *, alpha = 1):
        """
        In-place index_add: alpha * source's slices added into this tensor at index along dim.
        
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
    def index_fill(self, dim, index, value):
        """
        A copy with every slice along dim at the given indices set to value.
        
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
    def index_fill_(self, dim, index, value):
        """
        In-place index_fill: the slices along dim at the given indices set to value.
        
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
    def index_put(self, indices: collections.abc.Sequence[Tensor], values: Tensor | builtins.float | builtins.int | builtins.bool, accumulate: builtins.bool = False) -> Tensor:
        """
        A copy of input with values written at indices: out[indices] = values (or += with accumulate).
        
        Args:
            input (Tensor): any shape.
            indices (Sequence[Tensor]): one int64 (or bool mask) tensor per leading dim, broadcast together.
            values (Tensor | number): broadcast to the indexed shape.
            accumulate (bool): add into the indexed elements, repeated indices adding up, instead of writing.
        
        Returns:
            Tensor: input's shape and dtype.
        
        Raises:
            IndexError: an index out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.index_put(nnlite.zeros(3), (nnlite.tensor([0, 2]),), nnlite.tensor(1.)).tolist()
            [1.0, 0.0, 1.0]
        """
    def index_put_(self, indices: collections.abc.Sequence[Tensor], values: Tensor | builtins.float | builtins.int | builtins.bool, accumulate: builtins.bool = False) -> Tensor:
        """
        In-place index_put: x[indices] = values (or += with accumulate).
        
        Args:
            indices (Sequence[Tensor]): one int64 (or bool) index tensor per leading dim, broadcast together.
            values (Tensor | number): broadcast to the indexed shape.
            accumulate (bool): add into the indexed elements (repeated indices add up) instead of writing.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(3).index_put_((nnlite.tensor([0, 0]),), nnlite.tensor(1.), accumulate=True).tolist()
            [2.0, 0.0, 0.0]
        """
    def index_select(self, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor) -> Tensor:
        """
        The slices of dim at the given indices, in that order (a copy).
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim indexed.
            index (Tensor): 1-d int64 (or int32) indices; they may repeat.
        
        Returns:
            Tensor: input's shape with size len(index) along dim.
        
        Raises:
            IndexError: an index out of range.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([[1, 2], [3, 4], [5, 6]])
            >>> nnlite.index_select(x, 0, nnlite.tensor([2, 0])).tolist()
            [[5, 6], [1, 2]]
        """
    def int(self) -> Tensor:
        """
        x.to(nnlite.int32): the tensor as int32, itself when it already is.
        
        Returns:
            Tensor: a converted copy, or this object when the dtype already matches.
        
        Examples:
            >>> import nnlite
            >>> print(nnlite.tensor([2.7]).int().dtype)
            nnlite.int32
        """
    def is_contiguous(self) -> builtins.bool:
        """
        Whether the elements lie in row-major order with no gaps (the strides of a fresh tensor).
        
        Returns:
            bool: False for most transposed, permuted or strided views.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.zeros(2, 3)
            >>> x.is_contiguous(), x.t().is_contiguous()
            (True, False)
        """
    def is_floating_point(self) -> builtins.bool:
        """
        Whether the dtype is float32 or float64.
        
        Returns:
            bool: False for the integer dtypes and bool.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_floating_point(), nnlite.arange(3).is_floating_point()
            (True, False)
        """
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
        """
        The value of a one-element tensor as a Python number.
        
        Returns:
            float | int | bool: a float for the floating dtypes, an int (read exactly, even past 2**53)
            for the integer dtypes, a bool for bool.
        
        Raises:
            ValueError: the tensor has more or fewer than one element.
            ExportError: during nnlite.export, on a value computed from the model's inputs.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([2.5]).item(), nnlite.tensor(7).item()
            (2.5, 7)
        """
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
        """
        Linear interpolation: input + weight * (end - input), elementwise, broadcasting all three.
        
        Args:
            input (Tensor): the start values.
            end (Tensor | number): the end values.
            weight (Tensor | number): 0 gives input, 1 gives end.
        
        Returns:
            Tensor: of the broadcast shape.
        
        Raises:
            ValueError: the shapes cannot be broadcast.
        
        Examples:
            >>> import nnlite
            >>> nnlite.lerp(nnlite.tensor([0., 10.]), nnlite.tensor([10., 20.]), 0.25).tolist()
            [2.5, 12.5]
        """
    def lerp_(self, end: Tensor | builtins.float | builtins.int | builtins.bool, weight: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        In-place lerp: x += weight * (end - x).
        
        Args:
            end (Tensor | number): the target values, broadcast to x's shape.
            weight (Tensor | number): the interpolation weight.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2).lerp_(nnlite.tensor([10., 20.]), 0.5).tolist()
            [5.0, 10.0]
        """
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
        """
        In-place log1p: log(1 + x), written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([0.]).log1p_().tolist()
            [0.0]
        """
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
        """
        In-place log: the natural logarithm, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1.]).log_().tolist()
            [0.0]
        """
    def log_softmax(self, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        """
        log(softmax(x)) along dim, computed stably as x - logsumexp(x).
        
        Args:
            input (Tensor): any shape, a floating dtype.
            dim (int): the dim normalised over.
        
        Returns:
            Tensor: input's shape; exp of it sums to 1 along dim.
        
        Raises:
            IndexError: dim out of range.
        
        Examples:
            >>> import nnlite
            >>> [round(v, 4) for v in nnlite.log_softmax(nnlite.tensor([0., 0.]), dim=0).tolist()]
            [-0.6931, -0.6931]
        """
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
        """
        x.to(nnlite.int64): the tensor as int64, itself when it already is.
        
        Returns:
            Tensor: a converted copy, or this object when the dtype already matches.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1.9, -1.9]).long().tolist()
            [1, -1]
        """
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
        """
        A copy of input with value where mask is true.
        
        Args:
            input (Tensor): any shape.
            mask (Tensor): bool, broadcastable to input's shape.
            value (number): the value written.
        
        Returns:
            Tensor: input's shape and dtype; no gradient flows to the filled positions.
        
        Raises:
            ValueError: mask does not broadcast to input's shape.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([1., 2., 3.])
            >>> nnlite.masked_fill(x, x > 1, 0.).tolist()
            [1.0, 0.0, 0.0]
        """
    def masked_fill_(self, mask: Tensor, value: builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        In-place masked_fill: value written where mask is true.
        
        Args:
            mask (Tensor): bool, broadcastable to this tensor's shape.
            value (number): the value written.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(3).masked_fill_(nnlite.tensor([True, False, True]), 5).tolist()
            [5.0, 0.0, 5.0]
        """
    def masked_select(self, mask: Tensor) -> Tensor:
        """
        The elements where mask is true, flattened in row-major order.
        
        Args:
            input (Tensor): any shape.
            mask (Tensor): bool, broadcast with input.
        
        Returns:
            Tensor: 1-d, as many elements as mask has true values (after broadcasting).
        
        Raises:
            ValueError: the shapes cannot be broadcast.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([[1., 5.], [7., 2.]])
            >>> nnlite.masked_select(x, x > 3).tolist()
            [5.0, 7.0]
        """
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
        """
        In-place mul: x *= other, written into this tensor.
        
        Args:
            other (Tensor | number): broadcast to this tensor's shape.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1., 2.]).mul_(3).tolist()
            [3.0, 6.0]
        """
    def multinomial(self, num_samples: typing.SupportsInt | typing.SupportsIndex, replacement: builtins.bool = False, *, generator: Generator | None = None) -> Tensor:
        """
        Draws indices from the categorical distributions given by the rows of input.
        
        Args:
            input (Tensor): [n] or [rows, n] non-negative weights (they need not sum to 1).
            num_samples (int): how many indices per row.
            replacement (bool): draw with replacement; without it num_samples must not exceed the
                number of nonzero weights.
            generator (Generator | None): keyword only: the random generator; the default one if None.
        
        Returns:
            Tensor: int64 [num_samples] or [rows, num_samples].
        
        Raises:
            ValueError: negative weights, a row of zeros, or too many samples without replacement.
        
        Examples:
            >>> import nnlite
            >>> nnlite.multinomial(nnlite.tensor([0., 1., 0.]), 2, replacement=True).tolist()
            [1, 1]
        """
    def nan_to_num(self, nan: typing.SupportsFloat | typing.SupportsIndex = 0.0, posinf: typing.SupportsFloat | typing.SupportsIndex | None = None, neginf: typing.SupportsFloat | typing.SupportsIndex | None = None) -> Tensor:
        """
        Replaces NaN, +inf and -inf by finite numbers, elementwise.
        
        Args:
            input (Tensor): any shape.
            nan (float): what NaN becomes (default 0).
            posinf (float | None): what +inf becomes; the dtype's largest finite value if None.
            neginf (float | None): what -inf becomes; the dtype's lowest finite value if None.
        
        Returns:
            Tensor: input's shape and dtype.
        
        Examples:
            >>> import nnlite
            >>> nnlite.nan_to_num(nnlite.tensor([float('nan'), float('inf'), 1.]), posinf=9.).tolist()
            [0.0, 9.0, 1.0]
        """
    def nan_to_num_(self, nan: typing.SupportsFloat | typing.SupportsIndex = 0.0, posinf: typing.SupportsFloat | typing.SupportsIndex | None = None, neginf: typing.SupportsFloat | typing.SupportsIndex | None = None) -> Tensor:
        """
        In-place nan_to_num: NaN, +inf and -inf replaced by finite numbers.
        
        Args:
            nan (float): what NaN becomes (default 0).
            posinf (float | None): what +inf becomes; the dtype's largest value if None.
            neginf (float | None): what -inf becomes; the dtype's lowest value if None.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([float('nan'), 1.]).nan_to_num_(nan=-1.).tolist()
            [-1.0, 1.0]
        """
    def narrow(self, dim: typing.SupportsInt | typing.SupportsIndex, start: typing.SupportsInt | typing.SupportsIndex, length: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        """
        The slice start:start + length of one dim (a view: no copy).
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim to slice.
            start (int): the first index kept (negative counts from the end).
            length (int): how many indices are kept.
        
        Returns:
            Tensor: a view with size length along dim.
        
        Raises:
            IndexError: dim out of range, or the slice does not fit in the dim.
        
        Examples:
            >>> import nnlite
            >>> nnlite.narrow(nnlite.arange(6).reshape(2, 3), 1, 1, 2).tolist()
            [[1, 2], [4, 5]]
        """
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
        """
        In-place neg: -x, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1., -2.]).neg_().tolist()
            [-1.0, 2.0]
        """
    def new_empty(self, *size, dtype = None, device = None, requires_grad = False):
        """
        A new tensor of the given size, with this tensor's dtype and device unless given.
        
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
    def new_full(self, size, fill_value, dtype = None, device = None, requires_grad = False):
        """
        A tensor of the given size filled with fill_value, with this tensor's dtype and device unless given.
        
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
    def new_ones(self, *size, dtype = None, device = None, requires_grad = False):
        """
        A tensor of ones of the given size, with this tensor's dtype and device unless given.
        
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
    def new_tensor(self, data, dtype = None, device = None, requires_grad = False):
        """
        A new tensor holding a copy of data, with this tensor's dtype and device unless given.
        
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
    def new_zeros(self, *size, dtype = None, device = None, requires_grad = False):
        """
        A tensor of zeros of the given size, with this tensor's dtype and device unless given.
        
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
    def normal_(self, mean: typing.SupportsFloat | typing.SupportsIndex = 0.0, std: typing.SupportsFloat | typing.SupportsIndex = 1.0, generator: Generator | None = None) -> Tensor:
        """
        Fills the tensor with normal random numbers.
        
        Args:
            mean (float): the mean (default 0).
            std (float): the standard deviation (default 1).
            generator (Generator | None): the random generator; the default one if None.
        
        Returns:
            Tensor: this tensor, changed.
        
        Examples:
            >>> import nnlite
            >>> nnlite.empty(3).normal_(5., 0.).tolist()
            [5.0, 5.0, 5.0]
        """
    def numel(self) -> builtins.int:
        """
        The number of elements: the product of the shape (nelement is its other name).
        
        Returns:
            int: 1 for a scalar tensor, 0 when any dim has size 0.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 3).numel()
            6
        """
    def numpy(self, force: builtins.bool = False) -> numpy.ndarray:
        """
        A NumPy array that shares the tensor's memory (writes through either show in both).
        
        Args:
            force (bool): allow a tensor that requires grad (the array is then a view of its detached data).
        
        Returns:
            numpy.ndarray: the same shape, strides (in bytes) and the matching NumPy dtype.
        
        Raises:
            RuntimeError: the tensor requires grad and force is False; use x.detach().numpy().
            TypeError: the tensor is not on the CPU; use x.cpu().numpy().
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.zeros(3)
            >>> a = x.numpy()
            >>> a[0] = 5
            >>> x.tolist()
            [5.0, 0.0, 0.0]
        """
    def permute(self, *args) -> Tensor:
        """
        The dims reordered (a view: no copy).
        
        Args:
            *dims (int | Sequence[int]): the new order, a permutation of range(dim()), as ints or one sequence.
        
        Returns:
            Tensor: a view whose dim i is this tensor's dim dims[i].
        
        Raises:
            ValueError: dims is not a permutation of the tensor's dims.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(2, 3, 4).permute(2, 0, 1).shape
            (4, 2, 3)
        """
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
        """
        In-place pow: x to the power other, written into this tensor.
        
        Args:
            other (Tensor | number): broadcast to this tensor's shape.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([2., 3.]).pow_(2).tolist()
            [4.0, 9.0]
        """
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
        """
        Registers fn to run on this tensor's gradient during backward.
        
        fn(grad) is called with the gradient flowing into the tensor; when it returns a
        Tensor, that replaces the gradient, when it returns None the gradient is kept.
        
        Args:
            fn (Callable[[Tensor], Tensor | None]): the hook.
        
        Returns:
            None (torch returns a removable handle; nnlite's hooks cannot be removed).
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.ones(2, requires_grad=True)
            >>> x.register_hook(lambda g: g * 10)
            >>> (x * 2).sum().backward()
            >>> x.grad.tolist()
            [20.0, 20.0]
        """
    def register_post_accumulate_grad_hook(self, arg0: collections.abc.Callable) -> None:
        """
        Registers fn(leaf) to run after a backward pass has added into this leaf's .grad.
        
        Optimizers that step one parameter at a time during backward use it.
        
        Args:
            fn (Callable[[Tensor], None]): called with the leaf tensor itself; its return value is ignored.
        
        Returns:
            None (torch returns a removable handle; nnlite's hooks cannot be removed).
        
        Examples:
            >>> import nnlite
            >>> w = nnlite.ones(2, requires_grad=True)
            >>> w.register_post_accumulate_grad_hook(lambda p: print(p.grad.tolist()))
            >>> (w * 3).sum().backward()
            [3.0, 3.0]
        """
    def relu(self) -> Tensor:
        """
        max(x, 0), elementwise (the rectified linear unit).
        
        Args:
            input (Tensor): any shape, a floating dtype.
        
        Returns:
            Tensor: input's shape and dtype; the gradient is 0 where x <= 0.
        
        Examples:
            >>> import nnlite
            >>> nnlite.relu(nnlite.tensor([-1., 2.])).tolist()
            [0.0, 2.0]
        """
    def relu_(self) -> Tensor:
        """
        In-place relu: max(x, 0), written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([-1., 2.]).relu_().tolist()
            [0.0, 2.0]
        """
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
        """
        In-place remainder: the remainder of x / other with other's sign (Python's %), written into this tensor.
        
        Args:
            other (Tensor | number): broadcast to this tensor's shape.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([-3., 3.]).remainder_(2).tolist()
            [1.0, 1.0]
        """
    def repeat(self, *sizes):
        """
        The tensor tiled: repeated sizes[i] times along dim i (a copy; NumPy's tile).
        
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
    def requires_grad_(self, requires_grad: builtins.bool = True) -> Tensor:
        """
        Sets whether autograd records operations on this tensor, in place.
        
        Args:
            requires_grad (bool): turn recording on (the default) or off.
        
        Returns:
            Tensor: this tensor.
        
        Raises:
            TypeError: turning it on for an integer or builtins.bool tensor.
            RuntimeError: changing it on a non-leaf tensor.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.ones(2).requires_grad_()
            >>> x.requires_grad
            True
        """
    def reshape(self, *args) -> Tensor:
        """
        The elements in another shape: a view when the strides allow it, else a copy.
        
        Args:
            *shape (int | Sequence[int]): the new shape, as ints or one sequence; one size may be -1.
        
        Returns:
            Tensor: the same elements in row-major order.
        
        Raises:
            ValueError: the number of elements differs.
        
        Examples:
            >>> import nnlite
            >>> nnlite.arange(6).reshape((3, 2)).tolist()
            [[0, 1], [2, 3], [4, 5]]
        """
    def reshape_as(self, arg0: Tensor) -> Tensor:
        """
        x.reshape(other.shape): the elements in other's shape.
        
        Args:
            other (Tensor): the tensor whose shape is taken.
        
        Returns:
            Tensor: a view when possible, else a copy.
        
        Raises:
            ValueError: the number of elements differs.
        
        Examples:
            >>> import nnlite
            >>> nnlite.arange(6).reshape_as(nnlite.zeros(3, 2)).shape
            (3, 2)
        """
    def retain_grad(self) -> None:
        """
        Keeps the gradient of this non-leaf tensor in .grad after backward (leaves keep theirs anyway).
        
        Returns:
            None
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.ones(2, requires_grad=True)
            >>> y = x * 3
            >>> y.retain_grad()
            >>> y.sum().backward()
            >>> y.grad.tolist()
            [1.0, 1.0]
        """
    def roll(self, shifts: builtins.int | collections.abc.Sequence[builtins.int], dims: builtins.int | collections.abc.Sequence[builtins.int] | None = None) -> Tensor:
        """
        Shifts the elements along dims, wrapping around the ends.
        
        Args:
            input (Tensor): any shape.
            shifts (int | Sequence[int]): how far to shift along each dim (negative shifts the other way).
            dims (int | Sequence[int] | None): the dims, one per shift; None rolls the flattened tensor.
        
        Returns:
            Tensor: input's shape.
        
        Raises:
            ValueError: shifts and dims have different lengths.
        
        Examples:
            >>> import nnlite
            >>> nnlite.roll(nnlite.arange(4), 1).tolist()
            [3, 0, 1, 2]
        """
    def round(self, *, decimals: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
        """
        Rounds to the nearest integer (halves to even, as torch and NumPy do), or to decimals places.
        
        Args:
            input (Tensor): any shape.
            decimals (int): keyword only: the number of decimal places; negative rounds to tens, hundreds...
        
        Returns:
            Tensor: input's shape and dtype; the gradient is 0.
        
        Examples:
            >>> import nnlite
            >>> nnlite.round(nnlite.tensor([0.5, 1.5, 2.6])).tolist()
            [0.0, 2.0, 3.0]
            >>> nnlite.round(nnlite.tensor([1.25]), decimals=1).tolist()
            [1.2000000476837158]
        """
    def round_(self, *, decimals: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
        """
        In-place round: x rounded to the nearest integer (halves to even), or to decimals places.
        
        Args:
            decimals (int): keyword only: the number of decimal places (default 0).
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([0.5, 1.5, 2.6]).round_().tolist()
            [0.0, 2.0, 3.0]
        """
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
        """
        A copy of input with src's values written at index along dim: `out[index[i][j]][j] = src[i][j]` (dim 0).
        
        The reverse of gather. Where an index repeats, which write wins is not specified.
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim indexed.
            index (Tensor): int64, input's number of dims.
            src (Tensor | number): the values, at least index's shape; a number writes that value.
        
        Returns:
            Tensor: input's shape and dtype.
        
        Raises:
            IndexError: an index out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.scatter(nnlite.zeros(4), 0, nnlite.tensor([3, 0]), nnlite.tensor([1., 2.])).tolist()
            [2.0, 0.0, 0.0, 1.0]
        """
    def scatter_add(self, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor, src: Tensor) -> Tensor:
        """
        A copy of input with src's values added at index along dim; repeated indices add up.
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim indexed.
            index (Tensor): int64, input's number of dims.
            src (Tensor): the values added, at least index's shape.
        
        Returns:
            Tensor: input's shape and dtype.
        
        Raises:
            IndexError: an index out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.scatter_add(nnlite.zeros(3), 0, nnlite.tensor([0, 0, 2]), nnlite.ones(3)).tolist()
            [2.0, 0.0, 1.0]
        """
    def select(self, dim: typing.SupportsInt | typing.SupportsIndex, index: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        """
        The slice at one index of one dim, without that dim (x.select(0, i) is x[i]; a view).
        
        Args:
            input (Tensor): at least 1-d.
            dim (int): the dim to index.
            index (int): the index (negative counts from the end).
        
        Returns:
            Tensor: a view with one dim fewer.
        
        Raises:
            IndexError: dim or index out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.select(nnlite.arange(6).reshape(2, 3), 1, -1).tolist()
            [2, 5]
        """
    def sigmoid(self) -> Tensor:
        """
        1 / (1 + exp(-x)), elementwise, computed without overflow for large |x|.
        
        Args:
            input (Tensor): any shape, a floating dtype.
        
        Returns:
            Tensor: input's shape, values in (0, 1).
        
        Examples:
            >>> import nnlite
            >>> nnlite.sigmoid(nnlite.tensor([0.])).tolist()
            [0.5]
        """
    def sigmoid_(self) -> Tensor:
        """
        In-place sigmoid: 1 / (1 + exp(-x)), written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([0.]).sigmoid_().tolist()
            [0.5]
        """
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
        """
        The shape of the tensor, or the size of one dim.
        
        Args:
            dim (int | None): the dim to read (negative counts from the end); None for all of them.
        
        Returns:
            tuple[int, ...] | int: the shape (the same tuple as .shape) without dim; the size of dim with it.
        
        Raises:
            IndexError: dim out of range.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.zeros(2, 3)
            >>> x.size(), x.size(-1)
            ((2, 3), 3)
        """
    def softmax(self, dim: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
        """
        exp(x) / sum(exp(x)) along dim: a probability distribution over that dim.
        
        Computed with the maximum subtracted first, so large inputs do not overflow.
        
        Args:
            input (Tensor): any shape, a floating dtype.
            dim (int): the dim that sums to 1.
        
        Returns:
            Tensor: input's shape.
        
        Raises:
            IndexError: dim out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.softmax(nnlite.tensor([[0., 0.], [0., 1000.]]), dim=1).tolist()
            [[0.5, 0.5], [0.0, 1.0]]
        """
    def sort(self, dim: typing.SupportsInt | typing.SupportsIndex = -1, descending: builtins.bool = False, stable: builtins.bool = False) -> typing.Any:
        """
        The elements sorted along dim, with the indices they came from.
        
        Args:
            input (Tensor): any shape.
            dim (int): the dim to sort (the last by default).
            descending (bool): largest first.
            stable (bool): keep the order of equal elements (nnlite's sort is always stable; the flag is
                taken for torch's signature).
        
        Returns:
            tuple[Tensor, Tensor]: a named tuple (values, indices), indices int64, both input's shape.
        
        Raises:
            IndexError: dim out of range.
        
        Examples:
            >>> import nnlite
            >>> values, indices = nnlite.sort(nnlite.tensor([3., 1., 2.]))
            >>> values.tolist(), indices.tolist()
            ([1.0, 2.0, 3.0], [1, 2, 0])
        """
    def split(self, split_size_or_sections: typing.Any, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
        """
        Splits input into pieces along dim (views: no copy).
        
        Args:
            input (Tensor): any shape.
            split_size_or_sections (int | Sequence[int]): an int: pieces of that size (the last may be
                smaller); a sequence: the size of each piece, summing to the dim's size.
            dim (int): the dim to split.
        
        Returns:
            tuple[Tensor, ...]: the pieces, in order.
        
        Raises:
            ValueError: the sections do not add up to the dim's size.
        
        Examples:
            >>> import nnlite
            >>> [t.tolist() for t in nnlite.split(nnlite.arange(5), 2)]
            [[0, 1], [2, 3], [4]]
            >>> [t.tolist() for t in nnlite.arange(5).split([1, 4])]
            [[0], [1, 2, 3, 4]]
        """
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
        """
        In-place sqrt: the square root, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([4.]).sqrt_().tolist()
            [2.0]
        """
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
        """
        Where the tensor's first element sits in its storage, in elements.
        
        Returns:
            int: 0 for a tensor that starts its storage; more for views such as x[1:].
        
        Examples:
            >>> import nnlite
            >>> nnlite.arange(6)[2:].storage_offset()
            2
        """
    def stride(self, dim: builtins.int | None = None) -> typing.Any:
        """
        The strides of the tensor, in elements (not bytes), or the stride of one dim.
        
        Args:
            dim (int | None): the dim to read; None for all of them.
        
        Returns:
            tuple[int, ...] | int: how many elements of storage a step along each dim skips.
        
        Raises:
            IndexError: dim out of range.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.zeros(2, 3)
            >>> x.stride(), x.t().stride(0)
            ((3, 1), 1)
        """
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
        """
        In-place subtract: x -= alpha * other, broadcasting other to x's shape.
        
        Args:
            other (Tensor | number): the subtrahend.
            alpha (float): the factor of other (default 1).
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.ones(2).sub_(3).tolist()
            [-2.0, -2.0]
        """
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
        """
        The transpose of a matrix: swaps dims 0 and 1 of a 2-d tensor (0-d and 1-d come back as they are).
        
        Args:
            input (Tensor): at most 2-d.
        
        Returns:
            Tensor: a view.
        
        Raises:
            ValueError: input has more than 2 dims (use transpose or mT).
        
        Examples:
            >>> import nnlite
            >>> nnlite.t(nnlite.tensor([[1, 2, 3]])).tolist()
            [[1], [2], [3]]
        """
    def tanh(self) -> Tensor:
        """
        The hyperbolic tangent, elementwise.
        
        Args:
            input (Tensor): any shape, a floating dtype.
        
        Returns:
            Tensor: input's shape, values in (-1, 1).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tanh(nnlite.tensor([0.])).tolist()
            [0.0]
        """
    def tanh_(self) -> Tensor:
        """
        In-place tanh: the hyperbolic tangent, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([0.]).tanh_().tolist()
            [0.0]
        """
    def to(self, *args, **kwargs) -> Tensor:
        """
        The tensor converted to another dtype and/or device; itself when nothing changes.
        
        Accepts, as torch does: to(dtype), to(device), to(device, dtype), to(other) (other's
        device and dtype) and the keywords dtype= and device=. A device may be a string
        ("cpu", "cuda", "cuda:1") or an nnlite.device. The result is differentiable.
        
        Args:
            *args (dtype | device | str | Tensor): the targets.
            **kwargs: dtype=..., device=... and non_blocking=... (a copy from page-locked memory to a
                GPU may still run after the call returns); other keywords (copy) are not taken.
        
        Returns:
            Tensor: a converted copy, or this same object when its dtype and device already match.
        
        Raises:
            TypeError: an argument that is neither a dtype, a device nor a tensor.
            RuntimeError: a CUDA device when nnlite was built without CUDA or no GPU is present.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([1.7, -1.7])
            >>> x.to(nnlite.int64).tolist()
            [1, -1]
            >>> x.to("cpu") is x
            True
        """
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
        """
        The elements as nested Python lists (a plain number for a 0-d tensor).
        
        Returns:
            list | float | int | bool: nested len(shape) deep, with Python numbers of the tensor's kind.
        
        Raises:
            ExportError: during nnlite.export, on a value computed from the model's inputs.
        
        Examples:
            >>> import nnlite
            >>> nnlite.arange(4).reshape(2, 2).tolist()
            [[0, 1], [2, 3]]
        """
    def topk(self, k: typing.SupportsInt | typing.SupportsIndex, dim: typing.SupportsInt | typing.SupportsIndex = -1, largest: builtins.bool = True, sorted: builtins.bool = True) -> typing.Any:
        """
        The k largest (or smallest) elements along dim, with their indices.
        
        Args:
            input (Tensor): any shape.
            k (int): how many, at most input.size(dim).
            dim (int): the dim searched (the last by default).
            largest (bool): the largest (default) or the smallest.
            sorted (bool): return them in order (largest first when largest).
        
        Returns:
            tuple[Tensor, Tensor]: a named tuple (values, indices) with size k along dim.
        
        Raises:
            ValueError: k larger than the dim.
        
        Examples:
            >>> import nnlite
            >>> nnlite.topk(nnlite.tensor([3., 1., 2.]), 2).indices.tolist()
            [0, 2]
        """
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
        """
        The lower triangle of each matrix: elements above the given diagonal set to 0.
        
        Args:
            input (Tensor): at least 2-d; the last two dims are the matrices.
            diagonal (int): 0 is the main diagonal, positive ones are above it, negative ones below.
        
        Returns:
            Tensor: input's shape and dtype.
        
        Raises:
            ValueError: input has fewer than 2 dims.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tril(nnlite.ones(2, 2)).tolist()
            [[1.0, 0.0], [1.0, 1.0]]
        """
    def triu(self, diagonal: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
        """
        The upper triangle of each matrix: elements below the given diagonal set to 0.
        
        Args:
            input (Tensor): at least 2-d; the last two dims are the matrices.
            diagonal (int): 0 is the main diagonal, positive ones are above it, negative ones below.
        
        Returns:
            Tensor: input's shape and dtype.
        
        Raises:
            ValueError: input has fewer than 2 dims.
        
        Examples:
            >>> import nnlite
            >>> nnlite.triu(nnlite.ones(2, 2), diagonal=1).tolist()
            [[0.0, 1.0], [0.0, 0.0]]
        """
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
        """
        In-place trunc: x rounded toward zero, written into this tensor.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1.5, -1.5]).trunc_().tolist()
            [1.0, -1.0]
        """
    def type(self, arg0: dtype | None) -> Tensor:
        """
        The tensor converted to dtype, like x.to(dtype).
        
        Differs from torch: the dtype is required (torch's x.type() with no argument returns a
        type name such as 'torch.FloatTensor'; nnlite has no such names).
        
        Args:
            dtype (dtype): the target dtype.
        
        Returns:
            Tensor: a converted copy.
        
        Examples:
            >>> import nnlite
            >>> nnlite.tensor([1.5]).type(nnlite.int32).tolist()
            [1]
        """
    def type_as(self, other):
        """
        This tensor converted to other's dtype (x.to(other.dtype); the device is kept).
        
            Args:
                other (Tensor): the tensor whose dtype is taken.
        
            Returns:
                Tensor: a converted copy, or this tensor when the dtypes match.
        
            Examples:
                >>> import nnlite
                >>> nnlite.tensor([1.7]).type_as(nnlite.tensor([1])).tolist()
                [1]
            
        """
    def unbind(self, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
        """
        All slices of one dim, each without that dim: the inverse of stack.
        
        Args:
            input (Tensor): at least 1-d.
            dim (int): the dim removed.
        
        Returns:
            tuple[Tensor, ...]: input.size(dim) views.
        
        Examples:
            >>> import nnlite
            >>> [t.tolist() for t in nnlite.unbind(nnlite.tensor([[1, 2], [3, 4]]), 1)]
            [[1, 3], [2, 4]]
        """
    def unfold(self, dimension, size, step):
        """
        All windows of length size along dimension, step apart, as a new last dim.
        
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
    def uniform_(self, a: typing.SupportsFloat | typing.SupportsIndex = 0.0, b: typing.SupportsFloat | typing.SupportsIndex = 1.0, generator: Generator | None = None) -> Tensor:
        """
        Fills the tensor with uniform random numbers in [a, b).
        
        Args:
            a (float): the lower bound (default 0).
            b (float): the upper bound (default 1).
            generator (Generator | None): the random generator; the default one if None.
        
        Returns:
            Tensor: this tensor, changed.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.empty(1000).uniform_(-1, 1)
            >>> bool(x.min() >= -1 and x.max() < 1)
            True
        """
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
        """
        The same data seen with another shape, without copying.
        
        Args:
            *shape (int | Sequence[int]): the new shape, as ints or one sequence; one size may be -1
                (inferred from the others).
        
        Returns:
            Tensor: a view sharing storage with this tensor.
        
        Raises:
            ValueError: the tensor's strides cannot express the new shape without a copy (use reshape),
                or the number of elements differs.
        
        Examples:
            >>> import nnlite
            >>> nnlite.arange(6).view(2, -1).tolist()
            [[0, 1, 2], [3, 4, 5]]
        """
    def view_as(self, arg0: Tensor) -> Tensor:
        """
        x.view(other.shape): the same data in other's shape, without copying.
        
        Args:
            other (Tensor): the tensor whose shape is taken.
        
        Returns:
            Tensor: a view of this tensor.
        
        Raises:
            ValueError: as for view.
        
        Examples:
            >>> import nnlite
            >>> nnlite.arange(4).view_as(nnlite.zeros(2, 2)).shape
            (2, 2)
        """
    def where(self, condition: Tensor, other: Tensor | builtins.float | builtins.int | builtins.bool) -> Tensor:
        """
        x.where(condition, other): this tensor's element where condition is true, other's elsewhere.
        
        The same as nnlite.where(condition, x, other).
        
        Args:
            condition (Tensor): bool, broadcast with this tensor and other.
            other (Tensor | number): the values taken where condition is false.
        
        Returns:
            Tensor: of the broadcast shape and the promoted dtype.
        
        Raises:
            ValueError: the shapes cannot be broadcast.
        
        Examples:
            >>> import nnlite
            >>> x = nnlite.tensor([1., -2., 3.])
            >>> x.where(x > 0, 0.).tolist()
            [1.0, 0.0, 3.0]
        """
    def zero_(self) -> Tensor:
        """
        Sets every element to 0.
        
        Returns:
            Tensor: this tensor, changed.
        
        Raises:
            RuntimeError: the tensor is a leaf that requires grad, or a view of one, while grad mode is on.
            TypeError: the result's dtype cannot be stored in this tensor (a builtins.float result in an integer one).
        
        Examples:
            >>> import nnlite
            >>> nnlite.ones(2).zero_().tolist()
            [0.0, 0.0]
        """
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
        """
        Whether the tensor is a torch HPU tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_hpu
            False
        """
    @property
    def is_ipu(self):
        """
        Whether the tensor is a torch IPU tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_ipu
            False
        """
    @property
    def is_leaf(self) -> builtins.bool:
        ...
    @property
    def is_meta(self):
        """
        Whether the tensor is a torch META tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_meta
            False
        """
    @property
    def is_mkldnn(self):
        """
        Whether the tensor is a torch MKLDNN tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_mkldnn
            False
        """
    @property
    def is_mps(self):
        """
        Whether the tensor is a torch MPS tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_mps
            False
        """
    @property
    def is_mtia(self):
        """
        Whether the tensor is a torch MTIA tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_mtia
            False
        """
    @property
    def is_quantized(self):
        """
        Whether the tensor is a torch QUANTIZED tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_quantized
            False
        """
    @property
    def is_sparse(self):
        """
        Whether the tensor is a torch SPARSE tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_sparse
            False
        """
    @property
    def is_vulkan(self):
        """
        Whether the tensor is a torch VULKAN tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_vulkan
            False
        """
    @property
    def is_xpu(self):
        """
        Whether the tensor is a torch XPU tensor: always False, as nnlite tensors live on the CPU or a CUDA device, dense.
        
        Returns:
            bool: False.
        
        Examples:
            >>> import nnlite
            >>> nnlite.zeros(1).is_xpu
            False
        """
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
    """
    A random number generator with its own state, to pass as generator= to random functions.
    
    A new Generator is seeded from the operating system's entropy; call manual_seed for
    repeatable draws. Draws from one Generator do not change the default generator.
    
    Args:
        device (device | str | None): taken for torch's signature and ignored: the state lives on
            the CPU and serves tensors on any device.
    
    Examples:
        >>> import nnlite
        >>> g = nnlite.Generator().manual_seed(0)
        >>> a = nnlite.rand(3, generator=g)
        >>> _ = g.manual_seed(0)
        >>> nnlite.rand(3, generator=g).tolist() == a.tolist()
        True
    """
    def __init__(self, device: typing.Any | None = None) -> None:
        ...
    def initial_seed(self) -> builtins.int:
        """
        The seed this generator was last seeded with.
        
        Returns:
            int: the last manual_seed, or the seed drawn when it was made.
        
        Examples:
            >>> import nnlite
            >>> nnlite.Generator().manual_seed(5).initial_seed()
            5
        """
    def manual_seed(self, seed: typing.Any) -> typing.Any:
        """
        Seeds this generator, restarting its sequence.
        
        Args:
            seed (int): any int in [-2**63, 2**64); negative seeds wrap around to unsigned values.
        
        Returns:
            Generator: this generator.
        
        Raises:
            TypeError: seed is not an int.
            ValueError: seed is out of range.
        
        Examples:
            >>> import nnlite
            >>> nnlite.Generator().manual_seed(7).initial_seed()
            7
        """
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
class _FoldedConv:
    """
    The eager eval fusion's cache entry of one Conv2d + BatchNorm2d (nn/_fusion.py).
    """
    def __call__(self, conv: typing.Any, bn: typing.Any, input: typing.Any, residual: typing.Any, relu: typing.Any) -> typing.Any:
        """
        relu?(conv(input) + residual?) with the folded weights, or None where the entry no longer applies (then the caller checks the modules again).
        """
    def __init__(self, conv: typing.Any, bn: typing.Any, relu_type: typing.Any, sources: tuple, weight: Tensor, bias: Tensor | None) -> None:
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
def _conv2d_fused(input: Tensor, weight: Tensor, bias: Tensor | None, stride: typing.Any, padding: typing.Any, dilation: typing.Any, groups: typing.SupportsInt | typing.SupportsIndex, residual: Tensor | None, relu: builtins.bool) -> Tensor:
    """
    relu?(conv2d(input, weight, bias) + residual?) with the add and ReLU applied to the convolution's output tiles; inference only (no autograd record, not exportable).
    """
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
def _export_recording() -> builtins.bool:
    """
    Whether an export is recording on this thread (then layers must run as their recorded ops).
    """
def _fold_batch_norm(weight: Tensor, bias: Tensor | None, running_mean: Tensor, running_var: Tensor, gamma: Tensor | None, beta: Tensor | None, eps: typing.SupportsFloat | typing.SupportsIndex) -> tuple[Tensor, Tensor]:
    """
    (weight', bias') of the layer with an eval-mode batch norm after it folded in (computed in float64).
    """
def _gemm_prepacked(a: Tensor, b: Tensor, bias: Tensor | None, c: Tensor, accumulate: builtins.bool = False, pack_a: builtins.bool = False) -> None:
    ...
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
    """
    The indices that sort input along dim (the indices of sort).
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim to sort (the last by default).
        descending (bool): largest first.
        stable (bool): keep the order of equal elements (taken for torch's signature; nnlite's sort is stable).
    
    Returns:
        Tensor: int64, input's shape.
    
    Raises:
        IndexError: dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.argsort(nnlite.tensor([3., 1., 2.]), descending=True).tolist()
        [0, 2, 1]
    """
def as_strided(input: Tensor, size: builtins.int | collections.abc.Sequence[builtins.int], stride: builtins.int | collections.abc.Sequence[builtins.int], storage_offset: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    """
    A view of input's storage with the given size, strides and offset (no checks of overlap).
    
    Args:
        input (Tensor): the tensor whose storage is viewed.
        size (Sequence[int]): the shape of the view.
        stride (Sequence[int]): the stride of each dim, in elements.
        storage_offset (int): where the view starts in the storage, in elements.
    
    Returns:
        Tensor: a view; elements may repeat when strides overlap.
    
    Raises:
        IndexError: the view reaches past the end of the storage.
    
    Examples:
        >>> import nnlite
        >>> nnlite.as_strided(nnlite.arange(4.), (3, 2), (1, 1)).tolist()
        [[0.0, 1.0], [1.0, 2.0], [2.0, 3.0]]
    """
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
def batch_norm_module(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None, num_batches_tracked: Tensor | None, weight: Tensor | None, bias: Tensor | None, training: builtins.bool, track_running_stats: builtins.bool, momentum: typing.SupportsFloat | typing.SupportsIndex | None, eps: typing.SupportsFloat | typing.SupportsIndex, module: str = '', residual: Tensor | None = None, relu: builtins.bool = False) -> Tensor:
    """
    BatchNorm1d/2d's forward: counts the batch, picks the statistics and the update factor, updates the running statistics; then relu?(. + residual?) on each row of the output (residual of the input's shape).
    """
def bernoulli(input: Tensor, p: typing.SupportsFloat | typing.SupportsIndex | None = None, *, generator: Generator | None = None) -> Tensor:
    """
    Draws 0 or 1 for each element: 1 with the probability given by input (or by p).
    
    Args:
        input (Tensor): probabilities in [0, 1], any shape, a floating dtype.
        p (float | None): one probability for every element instead of input's values (input then
            gives only the shape and dtype).
        generator (Generator | None): keyword only: the random generator; the default one if None.
    
    Returns:
        Tensor: input's shape and dtype, holding 0 and 1; no gradient.
    
    Raises:
        ValueError: a probability outside [0, 1].
    
    Examples:
        >>> import nnlite
        >>> nnlite.bernoulli(nnlite.tensor([0., 1., 1.])).tolist()
        [0.0, 1.0, 1.0]
    """
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
    """
    Joins tensors along an existing dim.
    
    Args:
        tensors (Sequence[Tensor]): a list or tuple of tensors of one dtype whose shapes agree except along dim.
        dim (int): the dim to join along.
    
    Returns:
        Tensor: the size along dim is the sum of theirs.
    
    Raises:
        TypeError: tensors is a Tensor, or holds something other than tensors.
        ValueError: the list is empty, or the other dims differ.
    
    Examples:
        >>> import nnlite
        >>> nnlite.cat([nnlite.zeros(1, 2), nnlite.ones(2, 2)]).tolist()
        [[0.0, 0.0], [1.0, 1.0], [1.0, 1.0]]
    """
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
    """
    Splits input into at most chunks pieces of equal size along dim (the last may be smaller).
    
    Each piece has ceil(size / chunks) elements along dim, so fewer than chunks pieces come
    back when the size does not allow that many (as in torch).
    
    Args:
        input (Tensor): any shape.
        chunks (int): the number of pieces wanted, >= 1.
        dim (int): the dim to split.
    
    Returns:
        tuple[Tensor, ...]: views of input.
    
    Examples:
        >>> import nnlite
        >>> [t.tolist() for t in nnlite.chunk(nnlite.arange(5), 3)]
        [[0, 1], [2, 3], [4]]
    """
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
    """
    NumPy's name for cat. Joins tensors along an existing dim.
    
    Args:
        tensors (Sequence[Tensor]): a list or tuple of tensors of one dtype whose shapes agree except along dim.
        dim (int): the dim to join along.
    
    Returns:
        Tensor: the size along dim is the sum of theirs.
    
    Raises:
        TypeError: tensors is a Tensor, or holds something other than tensors.
        ValueError: the list is empty, or the other dims differ.
    
    Examples:
        >>> import nnlite
        >>> nnlite.concatenate([nnlite.zeros(2), nnlite.ones(1)]).tolist()
        [0.0, 0.0, 1.0]
    """
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
    """
    The generator that random functions use when none is passed.
    
    Differs from torch, where default_generator is an object: here it is a function that
    returns that object.
    
    Returns:
        Generator: the process-wide default generator (the same object every time).
    
    Examples:
        >>> import nnlite
        >>> nnlite.default_generator() is nnlite.default_generator()
        True
    """
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
    """
    input's elements in reverse order along the given dims (a copy, as in torch).
    
    Args:
        input (Tensor): any shape.
        dims (int | Sequence[int]): the dims to reverse.
    
    Returns:
        Tensor: input's shape.
    
    Raises:
        IndexError: a dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.flip(nnlite.tensor([[1, 2], [3, 4]]), [0]).tolist()
        [[3, 4], [1, 2]]
    """
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
def from_dlpack(ext_tensor: typing.Any) -> Tensor:
    """
    A tensor that shares memory with another library's array through the DLPack protocol.
    
    Args:
        ext_tensor (object): an object with __dlpack__ (NumPy arrays, torch tensors, CuPy arrays...)
            or a DLPack capsule, of a dtype nnlite has.
    
    Returns:
        Tensor: sharing memory with the source, on its device.
    
    Raises:
        TypeError: an unsupported dtype or device.
    
    Examples:
        >>> import nnlite, numpy as np
        >>> nnlite.from_dlpack(np.arange(3.)).tolist()
        [0.0, 1.0, 2.0]
    """
def from_numpy(ndarray: numpy.ndarray) -> Tensor:
    """
    A tensor that shares memory with a NumPy array (writes through either show in both).
    
    Args:
        ndarray (numpy.ndarray): of a dtype nnlite has: bool, uint8, int32, int64, float32 or float64.
            A read-only array is copied instead of shared.
    
    Returns:
        Tensor: the array's shape and strides, on the CPU.
    
    Raises:
        TypeError: another dtype (float16, int16, complex...).
        ValueError: a big-endian array.
    
    Examples:
        >>> import nnlite, numpy as np
        >>> a = np.zeros(3, dtype=np.float32)
        >>> x = nnlite.from_numpy(a)
        >>> a[0] = 2
        >>> x.tolist()
        [2.0, 0.0, 0.0]
    """
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
    """
    Picks values along dim by index: `out[i][j] = input[index[i][j]][j]` for dim 0 (and so on).
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim indexed.
        index (Tensor): int64, input's number of dims; its sizes are at most input's outside dim.
    
    Returns:
        Tensor: index's shape, input's dtype; the gradient adds back into the picked positions.
    
    Raises:
        IndexError: an index out of range for input.size(dim).
    
    Examples:
        >>> import nnlite
        >>> x = nnlite.tensor([[1., 2.], [3., 4.]])
        >>> nnlite.gather(x, 1, nnlite.tensor([[1], [0]])).tolist()
        [[2.0], [3.0]]
    """
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
    """
    The number of threads the CPU kernels use (OpenMP's thread count).
    
    Returns:
        int: at least 1.
    
    Examples:
        >>> import nnlite
        >>> nnlite.get_num_threads() >= 1
        True
    """
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
    """
    A copy of input with values written at indices: out[indices] = values (or += with accumulate).
    
    Args:
        input (Tensor): any shape.
        indices (Sequence[Tensor]): one int64 (or bool mask) tensor per leading dim, broadcast together.
        values (Tensor | number): broadcast to the indexed shape.
        accumulate (bool): add into the indexed elements, repeated indices adding up, instead of writing.
    
    Returns:
        Tensor: input's shape and dtype.
    
    Raises:
        IndexError: an index out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.index_put(nnlite.zeros(3), (nnlite.tensor([0, 2]),), nnlite.tensor(1.)).tolist()
        [1.0, 0.0, 1.0]
    """
def index_select(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor) -> Tensor:
    """
    The slices of dim at the given indices, in that order (a copy).
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim indexed.
        index (Tensor): 1-d int64 (or int32) indices; they may repeat.
    
    Returns:
        Tensor: input's shape with size len(index) along dim.
    
    Raises:
        IndexError: an index out of range.
    
    Examples:
        >>> import nnlite
        >>> x = nnlite.tensor([[1, 2], [3, 4], [5, 6]])
        >>> nnlite.index_select(x, 0, nnlite.tensor([2, 0])).tolist()
        [[5, 6], [1, 2]]
    """
def initial_seed() -> builtins.int:
    """
    The seed the default generator was last seeded with.
    
    Returns:
        int: the last manual_seed, or the seed nnlite chose at start-up.
    
    Examples:
        >>> import nnlite
        >>> _ = nnlite.manual_seed(42)
        >>> nnlite.initial_seed()
        42
    """
def interpolate(input: Tensor, size: typing.Any | None = None, scale_factor: typing.Any | None = None, mode: str = 'nearest', align_corners: typing.Any | None = None, recompute_scale_factor: typing.Any | None = None, antialias: builtins.bool = False) -> Tensor:
    ...
def is_grad_enabled() -> builtins.bool:
    """
    Whether autograd records operations now (False inside no_grad or inference_mode).
    
    Returns:
        bool: True by default.
    
    Examples:
        >>> import nnlite
        >>> with nnlite.no_grad():
        ...     print(nnlite.is_grad_enabled())
        False
    """
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
    """
    Linear interpolation: input + weight * (end - input), elementwise, broadcasting all three.
    
    Args:
        input (Tensor): the start values.
        end (Tensor | number): the end values.
        weight (Tensor | number): 0 gives input, 1 gives end.
    
    Returns:
        Tensor: of the broadcast shape.
    
    Raises:
        ValueError: the shapes cannot be broadcast.
    
    Examples:
        >>> import nnlite
        >>> nnlite.lerp(nnlite.tensor([0., 10.]), nnlite.tensor([10., 20.]), 0.25).tolist()
        [2.5, 12.5]
    """
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
    """
    log(softmax(x)) along dim, computed stably as x - logsumexp(x).
    
    Args:
        input (Tensor): any shape, a floating dtype.
        dim (int): the dim normalised over.
    
    Returns:
        Tensor: input's shape; exp of it sums to 1 along dim.
    
    Raises:
        IndexError: dim out of range.
    
    Examples:
        >>> import nnlite
        >>> [round(v, 4) for v in nnlite.log_softmax(nnlite.tensor([0., 0.]), dim=0).tolist()]
        [-0.6931, -0.6931]
    """
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
    """
    Seeds the default generator, so that later random draws repeat.
    
    Args:
        seed (int): any int in [-2**63, 2**64); negative seeds wrap around to unsigned values.
    
    Returns:
        Generator: the default generator.
    
    Raises:
        TypeError: seed is not an int.
        ValueError: seed is out of range.
    
    Examples:
        >>> import nnlite
        >>> a = nnlite.manual_seed(3) and nnlite.rand(2)
        >>> b = nnlite.manual_seed(3) and nnlite.rand(2)
        >>> a.tolist() == b.tolist()
        True
    """
def masked_fill(input: Tensor, mask: Tensor, value: builtins.float | builtins.int | builtins.bool) -> Tensor:
    """
    A copy of input with value where mask is true.
    
    Args:
        input (Tensor): any shape.
        mask (Tensor): bool, broadcastable to input's shape.
        value (number): the value written.
    
    Returns:
        Tensor: input's shape and dtype; no gradient flows to the filled positions.
    
    Raises:
        ValueError: mask does not broadcast to input's shape.
    
    Examples:
        >>> import nnlite
        >>> x = nnlite.tensor([1., 2., 3.])
        >>> nnlite.masked_fill(x, x > 1, 0.).tolist()
        [1.0, 0.0, 0.0]
    """
def masked_select(input: Tensor, mask: Tensor) -> Tensor:
    """
    The elements where mask is true, flattened in row-major order.
    
    Args:
        input (Tensor): any shape.
        mask (Tensor): bool, broadcast with input.
    
    Returns:
        Tensor: 1-d, as many elements as mask has true values (after broadcasting).
    
    Raises:
        ValueError: the shapes cannot be broadcast.
    
    Examples:
        >>> import nnlite
        >>> x = nnlite.tensor([[1., 5.], [7., 2.]])
        >>> nnlite.masked_select(x, x > 3).tolist()
        [5.0, 7.0]
    """
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
    """
    Draws indices from the categorical distributions given by the rows of input.
    
    Args:
        input (Tensor): [n] or [rows, n] non-negative weights (they need not sum to 1).
        num_samples (int): how many indices per row.
        replacement (bool): draw with replacement; without it num_samples must not exceed the
            number of nonzero weights.
        generator (Generator | None): keyword only: the random generator; the default one if None.
    
    Returns:
        Tensor: int64 [num_samples] or [rows, num_samples].
    
    Raises:
        ValueError: negative weights, a row of zeros, or too many samples without replacement.
    
    Examples:
        >>> import nnlite
        >>> nnlite.multinomial(nnlite.tensor([0., 1., 0.]), 2, replacement=True).tolist()
        [1, 1]
    """
def nan_to_num(input: Tensor, nan: typing.SupportsFloat | typing.SupportsIndex = 0.0, posinf: typing.SupportsFloat | typing.SupportsIndex | None = None, neginf: typing.SupportsFloat | typing.SupportsIndex | None = None) -> Tensor:
    """
    Replaces NaN, +inf and -inf by finite numbers, elementwise.
    
    Args:
        input (Tensor): any shape.
        nan (float): what NaN becomes (default 0).
        posinf (float | None): what +inf becomes; the dtype's largest finite value if None.
        neginf (float | None): what -inf becomes; the dtype's lowest finite value if None.
    
    Returns:
        Tensor: input's shape and dtype.
    
    Examples:
        >>> import nnlite
        >>> nnlite.nan_to_num(nnlite.tensor([float('nan'), float('inf'), 1.]), posinf=9.).tolist()
        [0.0, 9.0, 1.0]
    """
def narrow(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, start: typing.SupportsInt | typing.SupportsIndex, length: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    """
    The slice start:start + length of one dim (a view: no copy).
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim to slice.
        start (int): the first index kept (negative counts from the end).
        length (int): how many indices are kept.
    
    Returns:
        Tensor: a view with size length along dim.
    
    Raises:
        IndexError: dim out of range, or the slice does not fit in the dim.
    
    Examples:
        >>> import nnlite
        >>> nnlite.narrow(nnlite.arange(6).reshape(2, 3), 1, 1, 2).tolist()
        [[1, 2], [4, 5]]
    """
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
    """
    The indices of the nonzero elements, one row per element in row-major order.
    
    Args:
        input (Tensor): any shape.
    
    Returns:
        Tensor: int64 of shape [count, input.dim()].
    
    Examples:
        >>> import nnlite
        >>> nnlite.nonzero(nnlite.tensor([[0, 1], [2, 0]])).tolist()
        [[0, 1], [1, 0]]
    """
def normal(mean: typing.Any, std: typing.Any = 1.0, size: typing.Any | None = None, **kwargs) -> Tensor:
    """
    Normal random numbers with the given mean and standard deviation.
    
    Three forms, as in torch: normal(mean_tensor, std_tensor) broadcasts the two;
    normal(mean_tensor, std_float) and normal(mean_float, std_tensor) take the tensor's
    shape; normal(mean_float, std_float, size) makes a tensor of that size.
    
    Args:
        mean (Tensor | float): the means.
        std (Tensor | float): the standard deviations, >= 0 (default 1).
        size (Sequence[int] | None): the shape, only when mean and std are both floats.
        **kwargs: generator=, and with size: dtype=, device=, requires_grad=.
    
    Returns:
        Tensor: the draws; gradients do not flow to mean and std.
    
    Raises:
        TypeError: size given with a tensor mean or std, or missing with two floats.
    
    Examples:
        >>> import nnlite
        >>> nnlite.normal(2., 1., (2, 3)).shape
        (2, 3)
        >>> nnlite.normal(nnlite.tensor([1., 5.]), 0.).tolist()
        [1.0, 5.0]
    """
def one_hot(tensor: Tensor, num_classes: typing.SupportsInt | typing.SupportsIndex = -1) -> Tensor:
    """
    Class indices as one-hot vectors: out[..., i] = 1 where i is the index, 0 elsewhere.
    
    Args:
        tensor (Tensor): int64 class indices, any shape, non-negative.
        num_classes (int): the length of the vectors; -1 (the default) takes the largest index + 1.
    
    Returns:
        Tensor: int64, tensor's shape plus a last dim of num_classes.
    
    Raises:
        ValueError: a negative index or one >= num_classes.
    
    Examples:
        >>> import nnlite
        >>> nnlite.nn.functional.one_hot(nnlite.tensor([0, 2])).tolist()
        [[1, 0, 0], [0, 0, 1]]
    """
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
    """
    input's dims reordered (a view: no copy).
    
    Args:
        input (Tensor): any shape.
        dims (Sequence[int]): the new order, a permutation of range(input.dim()).
    
    Returns:
        Tensor: a view whose dim i is input's dim dims[i].
    
    Raises:
        ValueError: dims is not a permutation of input's dims.
    
    Examples:
        >>> import nnlite
        >>> nnlite.permute(nnlite.zeros(2, 3), (1, 0)).shape
        (3, 2)
    """
def poisson(input: Tensor, generator: Generator | None = None) -> Tensor:
    """
    Draws a Poisson count for each element, with input as the rates.
    
    Args:
        input (Tensor): non-negative rates, any shape, a floating dtype.
        generator (Generator | None): the random generator; the default one if None.
    
    Returns:
        Tensor: input's shape and dtype, holding whole numbers.
    
    Raises:
        ValueError: a negative rate.
    
    Examples:
        >>> import nnlite
        >>> nnlite.poisson(nnlite.zeros(3)).tolist()
        [0.0, 0.0, 0.0]
    """
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
    """
    Random integers in [low, high) with input's shape (and its dtype and device unless given).
    
    Called as randint_like(input, high) or randint_like(input, low, high); low and high may
    also be passed by name.
    
    Args:
        input (Tensor): the tensor whose shape is taken.
        low (int): the smallest value (default 0).
        high (int): one above the largest value.
        **kwargs: dtype=, device=, requires_grad=, generator=.
    
    Returns:
        Tensor: input's shape; input's dtype unless dtype is given (as in torch: a builtins.float input
        gives whole numbers as floats).
    
    Raises:
        TypeError: high is missing, or more than two bounds are given.
    
    Examples:
        >>> import nnlite
        >>> x = nnlite.randint_like(nnlite.zeros(4, dtype=nnlite.int64), 3, 5)
        >>> x.shape, bool(((x >= 3) & (x < 5)).all())
        ((4,), True)
    """
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
    """
    max(x, 0), elementwise (the rectified linear unit).
    
    Args:
        input (Tensor): any shape, a floating dtype.
    
    Returns:
        Tensor: input's shape and dtype; the gradient is 0 where x <= 0.
    
    Examples:
        >>> import nnlite
        >>> nnlite.relu(nnlite.tensor([-1., 2.])).tolist()
        [0.0, 2.0]
    """
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
    """
    input's elements in another shape: a view when the strides allow it, else a copy.
    
    Args:
        input (Tensor): any shape.
        shape (Sequence[int]): the new shape; one size may be -1 (inferred).
    
    Returns:
        Tensor: the same elements in row-major order.
    
    Raises:
        ValueError: the number of elements differs.
    
    Examples:
        >>> import nnlite
        >>> nnlite.reshape(nnlite.arange(4), (2, 2)).tolist()
        [[0, 1], [2, 3]]
    """
def rnn_relu_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    ...
def rnn_relu_layer(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None, reverse: builtins.bool = False, lengths: Tensor | None = None) -> tuple[Tensor, Tensor]:
    ...
def rnn_tanh_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    ...
def rnn_tanh_layer(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None = None, b_hh: Tensor | None = None, reverse: builtins.bool = False, lengths: Tensor | None = None) -> tuple[Tensor, Tensor]:
    ...
def roll(input: Tensor, shifts: builtins.int | collections.abc.Sequence[builtins.int], dims: builtins.int | collections.abc.Sequence[builtins.int] | None = None) -> Tensor:
    """
    Shifts the elements along dims, wrapping around the ends.
    
    Args:
        input (Tensor): any shape.
        shifts (int | Sequence[int]): how far to shift along each dim (negative shifts the other way).
        dims (int | Sequence[int] | None): the dims, one per shift; None rolls the flattened tensor.
    
    Returns:
        Tensor: input's shape.
    
    Raises:
        ValueError: shifts and dims have different lengths.
    
    Examples:
        >>> import nnlite
        >>> nnlite.roll(nnlite.arange(4), 1).tolist()
        [3, 0, 1, 2]
    """
def round(input: Tensor, *, decimals: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    """
    Rounds to the nearest integer (halves to even, as torch and NumPy do), or to decimals places.
    
    Args:
        input (Tensor): any shape.
        decimals (int): keyword only: the number of decimal places; negative rounds to tens, hundreds...
    
    Returns:
        Tensor: input's shape and dtype; the gradient is 0.
    
    Examples:
        >>> import nnlite
        >>> nnlite.round(nnlite.tensor([0.5, 1.5, 2.6])).tolist()
        [0.0, 2.0, 3.0]
        >>> nnlite.round(nnlite.tensor([1.25]), decimals=1).tolist()
        [1.2000000476837158]
    """
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
    """
    A copy of input with src's values written at index along dim: `out[index[i][j]][j] = src[i][j]` (dim 0).
    
    The reverse of gather. Where an index repeats, which write wins is not specified.
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim indexed.
        index (Tensor): int64, input's number of dims.
        src (Tensor | number): the values, at least index's shape; a number writes that value.
    
    Returns:
        Tensor: input's shape and dtype.
    
    Raises:
        IndexError: an index out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.scatter(nnlite.zeros(4), 0, nnlite.tensor([3, 0]), nnlite.tensor([1., 2.])).tolist()
        [2.0, 0.0, 0.0, 1.0]
    """
def scatter_add(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: Tensor, src: Tensor) -> Tensor:
    """
    A copy of input with src's values added at index along dim; repeated indices add up.
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim indexed.
        index (Tensor): int64, input's number of dims.
        src (Tensor): the values added, at least index's shape.
    
    Returns:
        Tensor: input's shape and dtype.
    
    Raises:
        IndexError: an index out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.scatter_add(nnlite.zeros(3), 0, nnlite.tensor([0, 0, 2]), nnlite.ones(3)).tolist()
        [2.0, 0.0, 1.0]
    """
def select(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex, index: typing.SupportsInt | typing.SupportsIndex) -> Tensor:
    """
    The slice at one index of one dim, without that dim (x.select(0, i) is x[i]; a view).
    
    Args:
        input (Tensor): at least 1-d.
        dim (int): the dim to index.
        index (int): the index (negative counts from the end).
    
    Returns:
        Tensor: a view with one dim fewer.
    
    Raises:
        IndexError: dim or index out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.select(nnlite.arange(6).reshape(2, 3), 1, -1).tolist()
        [2, 5]
    """
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
    """
    Sets the number of threads the CPU kernels use.
    
    Args:
        n (int): the thread count, >= 1.
    
    Returns:
        None
    
    Raises:
        ValueError: n < 1.
    
    Examples:
        >>> import nnlite
        >>> old = nnlite.get_num_threads()
        >>> nnlite.set_num_threads(1)
        >>> nnlite.get_num_threads()
        1
        >>> nnlite.set_num_threads(old)
    """
def sgd_group_step(params: collections.abc.Sequence[Tensor], momentum_buffers: collections.abc.Sequence[Tensor | None], lr: typing.SupportsFloat | typing.SupportsIndex, momentum: typing.SupportsFloat | typing.SupportsIndex, dampening: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex, nesterov: builtins.bool, maximize: builtins.bool) -> list[Tensor | None]:
    """
    SGD's step over a parameter group; returns the momentum buffers (made where they started).
    """
def sgd_step(params: collections.abc.Sequence[Tensor], grads: collections.abc.Sequence[Tensor], momentum_buffers: collections.abc.Sequence[Tensor], lr: typing.SupportsFloat | typing.SupportsIndex, momentum: typing.SupportsFloat | typing.SupportsIndex, dampening: typing.SupportsFloat | typing.SupportsIndex, weight_decay: typing.SupportsFloat | typing.SupportsIndex, nesterov: builtins.bool, maximize: builtins.bool, first_step: builtins.bool) -> None:
    """
    One fused SGD update of every tensor in params, in place.
    """
def sigmoid(input: Tensor) -> Tensor:
    """
    1 / (1 + exp(-x)), elementwise, computed without overflow for large |x|.
    
    Args:
        input (Tensor): any shape, a floating dtype.
    
    Returns:
        Tensor: input's shape, values in (0, 1).
    
    Examples:
        >>> import nnlite
        >>> nnlite.sigmoid(nnlite.tensor([0.])).tolist()
        [0.5]
    """
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
    """
    The vector instruction set the CPU kernels were dispatched to on this machine.
    
    nnlite-only (torch has no such function). nnlite picks the kernels at start-up from
    what the CPU supports; the environment variable NNLITE_SIMD=generic|avx2 caps the choice.
    
    Returns:
        str: one of "avx512", "avx2" or "generic" (plain C++).
    
    Examples:
        >>> import nnlite
        >>> nnlite.simd_level() in ("avx512", "avx2", "generic")
        True
    """
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
    """
    exp(x) / sum(exp(x)) along dim: a probability distribution over that dim.
    
    Computed with the maximum subtracted first, so large inputs do not overflow.
    
    Args:
        input (Tensor): any shape, a floating dtype.
        dim (int): the dim that sums to 1.
    
    Returns:
        Tensor: input's shape.
    
    Raises:
        IndexError: dim out of range.
    
    Examples:
        >>> import nnlite
        >>> nnlite.softmax(nnlite.tensor([[0., 0.], [0., 1000.]]), dim=1).tolist()
        [[0.5, 0.5], [0.0, 1.0]]
    """
def softplus(input: Tensor, beta: typing.SupportsFloat | typing.SupportsIndex = 1.0, threshold: typing.SupportsFloat | typing.SupportsIndex = 20.0) -> Tensor:
    ...
def sort(input: Tensor, dim: typing.SupportsInt | typing.SupportsIndex = -1, descending: builtins.bool = False, stable: builtins.bool = False) -> typing.Any:
    """
    The elements sorted along dim, with the indices they came from.
    
    Args:
        input (Tensor): any shape.
        dim (int): the dim to sort (the last by default).
        descending (bool): largest first.
        stable (bool): keep the order of equal elements (nnlite's sort is always stable; the flag is
            taken for torch's signature).
    
    Returns:
        tuple[Tensor, Tensor]: a named tuple (values, indices), indices int64, both input's shape.
    
    Raises:
        IndexError: dim out of range.
    
    Examples:
        >>> import nnlite
        >>> values, indices = nnlite.sort(nnlite.tensor([3., 1., 2.]))
        >>> values.tolist(), indices.tolist()
        ([1.0, 2.0, 3.0], [1, 2, 0])
    """
def split(input: Tensor, split_size_or_sections: typing.Any, dim: typing.SupportsInt | typing.SupportsIndex = 0) -> list[Tensor]:
    """
    Splits input into pieces along dim (views: no copy).
    
    Args:
        input (Tensor): any shape.
        split_size_or_sections (int | Sequence[int]): an int: pieces of that size (the last may be
            smaller); a sequence: the size of each piece, summing to the dim's size.
        dim (int): the dim to split.
    
    Returns:
        tuple[Tensor, ...]: the pieces, in order.
    
    Raises:
        ValueError: the sections do not add up to the dim's size.
    
    Examples:
        >>> import nnlite
        >>> [t.tolist() for t in nnlite.split(nnlite.arange(5), 2)]
        [[0, 1], [2, 3], [4]]
        >>> [t.tolist() for t in nnlite.arange(5).split([1, 4])]
        [[0], [1, 2, 3, 4]]
    """
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
    """
    Joins tensors of one shape along a new dim.
    
    Args:
        tensors (Sequence[Tensor]): a list or tuple of tensors of the same shape and dtype.
        dim (int): where the new dim goes, in the result's dims.
    
    Returns:
        Tensor: one dim more than each input, of size len(tensors) at dim.
    
    Raises:
        TypeError: tensors is a Tensor, or holds something other than tensors.
        ValueError: the list is empty or the shapes differ.
    
    Examples:
        >>> import nnlite
        >>> nnlite.stack([nnlite.tensor([1, 2]), nnlite.tensor([3, 4])], dim=1).tolist()
        [[1, 3], [2, 4]]
    """
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
    """
    The transpose of a matrix: swaps dims 0 and 1 of a 2-d tensor (0-d and 1-d come back as they are).
    
    Args:
        input (Tensor): at most 2-d.
    
    Returns:
        Tensor: a view.
    
    Raises:
        ValueError: input has more than 2 dims (use transpose or mT).
    
    Examples:
        >>> import nnlite
        >>> nnlite.t(nnlite.tensor([[1, 2, 3]])).tolist()
        [[1], [2], [3]]
    """
def tanh(input: Tensor) -> Tensor:
    """
    The hyperbolic tangent, elementwise.
    
    Args:
        input (Tensor): any shape, a floating dtype.
    
    Returns:
        Tensor: input's shape, values in (-1, 1).
    
    Examples:
        >>> import nnlite
        >>> nnlite.tanh(nnlite.tensor([0.])).tolist()
        [0.0]
    """
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
    """
    The k largest (or smallest) elements along dim, with their indices.
    
    Args:
        input (Tensor): any shape.
        k (int): how many, at most input.size(dim).
        dim (int): the dim searched (the last by default).
        largest (bool): the largest (default) or the smallest.
        sorted (bool): return them in order (largest first when largest).
    
    Returns:
        tuple[Tensor, Tensor]: a named tuple (values, indices) with size k along dim.
    
    Raises:
        ValueError: k larger than the dim.
    
    Examples:
        >>> import nnlite
        >>> nnlite.topk(nnlite.tensor([3., 1., 2.]), 2).indices.tolist()
        [0, 2]
    """
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
    """
    The lower triangle of each matrix: elements above the given diagonal set to 0.
    
    Args:
        input (Tensor): at least 2-d; the last two dims are the matrices.
        diagonal (int): 0 is the main diagonal, positive ones are above it, negative ones below.
    
    Returns:
        Tensor: input's shape and dtype.
    
    Raises:
        ValueError: input has fewer than 2 dims.
    
    Examples:
        >>> import nnlite
        >>> nnlite.tril(nnlite.ones(2, 2)).tolist()
        [[1.0, 0.0], [1.0, 1.0]]
    """
def triu(input: Tensor, diagonal: typing.SupportsInt | typing.SupportsIndex = 0) -> Tensor:
    """
    The upper triangle of each matrix: elements below the given diagonal set to 0.
    
    Args:
        input (Tensor): at least 2-d; the last two dims are the matrices.
        diagonal (int): 0 is the main diagonal, positive ones are above it, negative ones below.
    
    Returns:
        Tensor: input's shape and dtype.
    
    Raises:
        ValueError: input has fewer than 2 dims.
    
    Examples:
        >>> import nnlite
        >>> nnlite.triu(nnlite.ones(2, 2), diagonal=1).tolist()
        [[0.0, 1.0], [0.0, 0.0]]
    """
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
    """
    All slices of one dim, each without that dim: the inverse of stack.
    
    Args:
        input (Tensor): at least 1-d.
        dim (int): the dim removed.
    
    Returns:
        tuple[Tensor, ...]: input.size(dim) views.
    
    Examples:
        >>> import nnlite
        >>> [t.tolist() for t in nnlite.unbind(nnlite.tensor([[1, 2], [3, 4]]), 1)]
        [[1, 3], [2, 4]]
    """
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
    """
    Picks input's element where condition is true and other's where it is false.
    
    Args:
        condition (Tensor): bool (other dtypes count nonzero as true).
        input (Tensor | number): the values where condition holds.
        other (Tensor | number): the values elsewhere.
    
    Returns:
        Tensor: the three broadcast together, in the promoted dtype of input and other;
        gradients flow to input and other through the positions each supplied.
    
    Raises:
        ValueError: the shapes cannot be broadcast.
    
    Examples:
        >>> import nnlite
        >>> c = nnlite.tensor([True, False])
        >>> nnlite.where(c, nnlite.tensor([1., 2.]), -1.).tolist()
        [1.0, -1.0]
    """
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
