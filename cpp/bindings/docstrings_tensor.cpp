// Docstrings of the Tensor class and its methods that have no nnlite.<name>
// function: metadata, conversions, autograd (keys "Tensor.<name>"). The
// examples are doctests (tests/test_docstrings.py).
#include <string>

#include "docstrings.h"

namespace nnlite::py_bind {

void add_tensor_docs(void (*add)(const std::string&, std::string)) {
  add("Tensor", R"(An n-dimensional array of one dtype on one device, recording its history for autograd.

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
)");
  add("dtype.name", R"(The dtype's name without the module: 'float32', 'int64', 'bool'...

Returns:
    str: the name, as nnlite.<name> spells the dtype.

Examples:
    >>> import nnlite
    >>> nnlite.float32.name, nnlite.int64.name
    ('float32', 'int64')
)");
  add("Tensor.size", R"(The shape of the tensor, or the size of one dim.

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
)");
  add("Tensor.stride", R"(The strides of the tensor, in elements (not bytes), or the stride of one dim.

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
)");
  add("Tensor.storage_offset", R"(Where the tensor's first element sits in its storage, in elements.

Returns:
    int: 0 for a tensor that starts its storage; more for views such as x[1:].

Examples:
    >>> import nnlite
    >>> nnlite.arange(6)[2:].storage_offset()
    2
)");
  add("Tensor.dim", R"(The number of dims (the same as .ndim and len(x.shape)).

Returns:
    int: 0 for a scalar tensor.

Examples:
    >>> import nnlite
    >>> nnlite.zeros(2, 3).dim(), nnlite.tensor(1.).dim()
    (2, 0)
)");
  add("Tensor.numel", R"(The number of elements: the product of the shape (nelement is its other name).

Returns:
    int: 1 for a scalar tensor, 0 when any dim has size 0.

Examples:
    >>> import nnlite
    >>> nnlite.zeros(2, 3).numel()
    6
)");
  add("Tensor.is_contiguous", R"(Whether the elements lie in row-major order with no gaps (the strides of a fresh tensor).

Returns:
    bool: False for most transposed, permuted or strided views.

Examples:
    >>> import nnlite
    >>> x = nnlite.zeros(2, 3)
    >>> x.is_contiguous(), x.t().is_contiguous()
    (True, False)
)");
  add("Tensor.is_floating_point", R"(Whether the dtype is float32 or float64.

Returns:
    bool: False for the integer dtypes and bool.

Examples:
    >>> import nnlite
    >>> nnlite.zeros(1).is_floating_point(), nnlite.arange(3).is_floating_point()
    (True, False)
)");
  add("Tensor.element_size", R"(The size of one element in bytes (the same as .itemsize).

Returns:
    int: 4 for float32 and int32, 8 for float64 and int64, 1 for uint8 and bool.

Examples:
    >>> import nnlite
    >>> nnlite.zeros(1, dtype=nnlite.float64).element_size()
    8
)");
  add("Tensor.data_ptr", R"(The address of the tensor's first element, as an int (for interop and identity checks).

Returns:
    int: a CPU address, or a CUDA device address for a tensor on a GPU.

Examples:
    >>> import nnlite
    >>> x = nnlite.zeros(4)
    >>> x[1:].data_ptr() - x.data_ptr()
    4
)");
  add("Tensor.item", R"(The value of a one-element tensor as a Python number.

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
)");
  add("Tensor.numpy", R"(A NumPy array that shares the tensor's memory (writes through either show in both).

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
)");
  add("Tensor.tolist", R"(The elements as nested Python lists (a plain number for a 0-d tensor).

Returns:
    list | float | int | bool: nested len(shape) deep, with Python numbers of the tensor's kind.

Raises:
    ExportError: during nnlite.export, on a value computed from the model's inputs.

Examples:
    >>> import nnlite
    >>> nnlite.arange(4).reshape(2, 2).tolist()
    [[0, 1], [2, 3]]
)");
  add("Tensor.to", R"(The tensor converted to another dtype and/or device; itself when nothing changes.

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
)");
  add("Tensor.astype", R"(The tensor converted to dtype (NumPy's spelling of x.to(dtype)).

Args:
    dtype (dtype): the target dtype.

Returns:
    Tensor: a converted copy (differentiable between floating dtypes).

Examples:
    >>> import nnlite
    >>> print(nnlite.tensor([1, 2]).astype(nnlite.float64).dtype)
    nnlite.float64
)");
  add("Tensor.type", R"(The tensor converted to dtype, like x.to(dtype).

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
)");
  auto cast = [add](const std::string& name, const std::string& dtype, const std::string& call,
                    const std::string& out) {
    add("Tensor." + name, "x.to(nnlite." + dtype + "): the tensor as " + dtype + ", itself when it already is.\n\n"
        "Returns:\n    Tensor: a converted copy, or this object when the dtype already matches.\n\n"
        "Examples:\n    >>> import nnlite\n    >>> " + call + "\n    " + out + "\n");
  };
  cast("float", "float32", "nnlite.tensor([1, 2]).float().tolist()", "[1.0, 2.0]");
  cast("double", "float64", "print(nnlite.tensor([1.5]).double().dtype)", "nnlite.float64");
  cast("long", "int64", "nnlite.tensor([1.9, -1.9]).long().tolist()", "[1, -1]");
  cast("int", "int32", "print(nnlite.tensor([2.7]).int().dtype)", "nnlite.int32");
  cast("byte", "uint8", "nnlite.tensor([3.]).byte().tolist()", "[3]");
  cast("bool", "bool", "nnlite.tensor([0., 2.]).bool().tolist()", "[False, True]");
  add("Tensor.cpu", R"(A copy of the tensor in CPU memory (the tensor itself when it is there already).

Returns:
    Tensor: on the CPU, differentiable.

Examples:
    >>> import nnlite
    >>> str(nnlite.ones(2).cpu().device)
    'cpu'
)");
  add("Tensor.cuda", R"(A copy of the tensor on a CUDA device (cuda:0 unless given).

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
)");
  add("Tensor.clone", R"(A copy of the tensor with its own storage (contiguous), recorded by autograd.

Returns:
    Tensor: same shape, dtype and device; gradients flow back to the original.

Examples:
    >>> import nnlite
    >>> x = nnlite.zeros(2)
    >>> y = x.clone()
    >>> y[0] = 1
    >>> x.tolist(), y.tolist()
    ([0.0, 0.0], [1.0, 0.0])
)");
  add("Tensor.contiguous", R"(The tensor with its elements in row-major order: itself if already so, else a copy.

Returns:
    Tensor: a contiguous tensor with the same values (differentiable).

Examples:
    >>> import nnlite
    >>> x = nnlite.zeros(2, 3).t()
    >>> x.contiguous().is_contiguous(), x.contiguous().stride()
    (True, (2, 1))
)");
  add("Tensor.requires_grad_", R"(Sets whether autograd records operations on this tensor, in place.

Args:
    requires_grad (bool): turn recording on (the default) or off.

Returns:
    Tensor: this tensor.

Raises:
    TypeError: turning it on for an integer or bool tensor.
    RuntimeError: changing it on a non-leaf tensor.

Examples:
    >>> import nnlite
    >>> x = nnlite.ones(2).requires_grad_()
    >>> x.requires_grad
    True
)");
  add("Tensor.detach", R"(A view of the same data that autograd does not record (no grad_fn, no requires_grad).

Returns:
    Tensor: shares storage with this tensor: in-place changes to either show in both.

Examples:
    >>> import nnlite
    >>> x = nnlite.ones(2, requires_grad=True)
    >>> (x * 2).detach().requires_grad
    False
)");
  add("Tensor.detach_", R"(Detaches this tensor from the graph in place: it becomes a leaf that does not require grad.

Returns:
    Tensor: this tensor.

Examples:
    >>> import nnlite
    >>> y = nnlite.ones(2, requires_grad=True) * 2
    >>> y.detach_().grad_fn is None, y.requires_grad
    (True, False)
)");
  add("Tensor.retain_grad", R"(Keeps the gradient of this non-leaf tensor in .grad after backward (leaves keep theirs anyway).

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
)");
  add("Tensor.register_hook", R"(Registers fn to run on this tensor's gradient during backward.

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
)");
  add("Tensor.register_post_accumulate_grad_hook", R"(Registers fn(leaf) to run after a backward pass has added into this leaf's .grad.

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
)");
  add("Tensor.backward", R"(Computes the gradient of this tensor with respect to the graph leaves and adds it into their .grad.

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
)");
}

}  // namespace nnlite::py_bind
