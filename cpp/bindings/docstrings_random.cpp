// Docstrings of random draws with tensor parameters, the generators and seeds,
// devices, threads and the conversions from NumPy and DLPack. Doctests.
#include <string>

#include "docstrings.h"

namespace nnlite::py_bind {

void add_random_docs(void (*add)(const std::string&, std::string)) {
  add("bernoulli", R"(Draws 0 or 1 for each element: 1 with the probability given by input (or by p).

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
)");
  add("poisson", R"(Draws a Poisson count for each element, with input as the rates.

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
)");
  add("normal", R"(Normal random numbers with the given mean and standard deviation.

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
)");
  add("randint_like", R"(Random integers in [low, high) with input's shape (and its dtype and device unless given).

Called as randint_like(input, high) or randint_like(input, low, high); low and high may
also be passed by name.

Args:
    input (Tensor): the tensor whose shape is taken.
    low (int): the smallest value (default 0).
    high (int): one above the largest value.
    **kwargs: dtype=, device=, requires_grad=, generator=.

Returns:
    Tensor: input's shape; input's dtype unless dtype is given (as in torch: a float input
    gives whole numbers as floats).

Raises:
    TypeError: high is missing, or more than two bounds are given.

Examples:
    >>> import nnlite
    >>> x = nnlite.randint_like(nnlite.zeros(4, dtype=nnlite.int64), 3, 5)
    >>> x.shape, bool(((x >= 3) & (x < 5)).all())
    ((4,), True)
)");
  add("manual_seed", R"(Seeds the default generator, so that later random draws repeat.

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
)");
  add("initial_seed", R"(The seed the default generator was last seeded with.

Returns:
    int: the last manual_seed, or the seed nnlite chose at start-up.

Examples:
    >>> import nnlite
    >>> _ = nnlite.manual_seed(42)
    >>> nnlite.initial_seed()
    42
)");
  add("default_generator", R"(The generator that random functions use when none is passed.

Differs from torch, where default_generator is an object: here it is a function that
returns that object.

Returns:
    Generator: the process-wide default generator (the same object every time).

Examples:
    >>> import nnlite
    >>> nnlite.default_generator() is nnlite.default_generator()
    True
)");
  add("Generator", R"(A random number generator with its own state, to pass as generator= to random functions.

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
)");
  add("Generator.manual_seed", R"(Seeds this generator, restarting its sequence.

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
)");
  add("Generator.initial_seed", R"(The seed this generator was last seeded with.

Returns:
    int: the last manual_seed, or the seed drawn when it was made.

Examples:
    >>> import nnlite
    >>> nnlite.Generator().manual_seed(5).initial_seed()
    5
)");
  add("device", R"(Where a tensor lives: the CPU or one CUDA device.

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
)");
  add("get_num_threads", R"(The number of threads the CPU kernels use (OpenMP's thread count).

Returns:
    int: at least 1.

Examples:
    >>> import nnlite
    >>> nnlite.get_num_threads() >= 1
    True
)");
  add("set_num_threads", R"(Sets the number of threads the CPU kernels use.

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
)");
  add("simd_level", R"(The vector instruction set the CPU kernels were dispatched to on this machine.

nnlite-only (torch has no such function). nnlite picks the kernels at start-up from
what the CPU supports; the environment variable NNLITE_SIMD=generic|avx2 caps the choice.

Returns:
    str: one of "avx512", "avx2" or "generic" (plain C++).

Examples:
    >>> import nnlite
    >>> nnlite.simd_level() in ("avx512", "avx2", "generic")
    True
)");
  add("is_grad_enabled", R"(Whether autograd records operations now (False inside no_grad or inference_mode).

Returns:
    bool: True by default.

Examples:
    >>> import nnlite
    >>> with nnlite.no_grad():
    ...     print(nnlite.is_grad_enabled())
    False
)");
  add("from_numpy", R"(A tensor that shares memory with a NumPy array (writes through either show in both).

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
)");
  add("from_dlpack", R"(A tensor that shares memory with another library's array through the DLPack protocol.

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
)");
  add("as_strided", R"(A view of input's storage with the given size, strides and offset (no checks of overlap).

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
)");
}

}  // namespace nnlite::py_bind
