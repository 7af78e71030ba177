// Docstrings of the shape, indexing and sequence ops (nnlite.<op> and
// Tensor.<op>): narrow .. stack, gather .. index_put, sort .. multinomial,
// and the elementwise round, nan_to_num, lerp. The examples are doctests.
#include <string>

#include "docstrings.h"

namespace nnlite::py_bind {

void add_index_docs(void (*add)(const std::string&, std::string)) {
  add("round", R"(Rounds to the nearest integer (halves to even, as torch and NumPy do), or to decimals places.

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
)");
  add("nan_to_num", R"(Replaces NaN, +inf and -inf by finite numbers, elementwise.

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
)");
  add("lerp", R"(Linear interpolation: input + weight * (end - input), elementwise, broadcasting all three.

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
)");
  add("narrow", R"(The slice start:start + length of one dim (a view: no copy).

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
)");
  add("select", R"(The slice at one index of one dim, without that dim (x.select(0, i) is x[i]; a view).

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
)");
  add("split", R"(Splits input into pieces along dim (views: no copy).

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
)");
  add("chunk", R"(Splits input into at most chunks pieces of equal size along dim (the last may be smaller).

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
)");
  add("unbind", R"(All slices of one dim, each without that dim: the inverse of stack.

Args:
    input (Tensor): at least 1-d.
    dim (int): the dim removed.

Returns:
    tuple[Tensor, ...]: input.size(dim) views.

Examples:
    >>> import nnlite
    >>> [t.tolist() for t in nnlite.unbind(nnlite.tensor([[1, 2], [3, 4]]), 1)]
    [[1, 3], [2, 4]]
)");
  add("t", R"(The transpose of a matrix: swaps dims 0 and 1 of a 2-d tensor (0-d and 1-d come back as they are).

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
)");
  const std::string cat = R"(Joins tensors along an existing dim.

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
    >>> nnlite.)";
  add("cat", cat + R"(cat([nnlite.zeros(1, 2), nnlite.ones(2, 2)]).tolist()
    [[0.0, 0.0], [1.0, 1.0], [1.0, 1.0]]
)");
  add("concatenate", "NumPy's name for cat. " + cat + R"(concatenate([nnlite.zeros(2), nnlite.ones(1)]).tolist()
    [0.0, 0.0, 1.0]
)");
  add("stack", R"(Joins tensors of one shape along a new dim.

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
)");
  add("gather", R"(Picks values along dim by index: `out[i][j] = input[index[i][j]][j]` for dim 0 (and so on).

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
)");
  add("scatter", R"(A copy of input with src's values written at index along dim: `out[index[i][j]][j] = src[i][j]` (dim 0).

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
)");
  add("scatter_add", R"(A copy of input with src's values added at index along dim; repeated indices add up.

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
)");
  add("index_select", R"(The slices of dim at the given indices, in that order (a copy).

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
)");
  add("masked_fill", R"(A copy of input with value where mask is true.

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
)");
  add("nonzero", R"(The indices of the nonzero elements, one row per element in row-major order.

Args:
    input (Tensor): any shape.

Returns:
    Tensor: int64 of shape [count, input.dim()].

Examples:
    >>> import nnlite
    >>> nnlite.nonzero(nnlite.tensor([[0, 1], [2, 0]])).tolist()
    [[0, 1], [1, 0]]
)");
  add("index_put", R"(A copy of input with values written at indices: out[indices] = values (or += with accumulate).

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
)");
  add("sort", R"(The elements sorted along dim, with the indices they came from.

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
)");
  add("argsort", R"(The indices that sort input along dim (the indices of sort).

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
)");
  add("topk", R"(The k largest (or smallest) elements along dim, with their indices.

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
)");
  const std::string tri = R"(

Args:
    input (Tensor): at least 2-d; the last two dims are the matrices.
    diagonal (int): 0 is the main diagonal, positive ones are above it, negative ones below.

Returns:
    Tensor: input's shape and dtype.

Raises:
    ValueError: input has fewer than 2 dims.

Examples:
    >>> import nnlite
)";
  add("tril", "The lower triangle of each matrix: elements above the given diagonal set to 0." + tri +
                  "    >>> nnlite.tril(nnlite.ones(2, 2)).tolist()\n    [[1.0, 0.0], [1.0, 1.0]]\n");
  add("triu", "The upper triangle of each matrix: elements below the given diagonal set to 0." + tri +
                  "    >>> nnlite.triu(nnlite.ones(2, 2), diagonal=1).tolist()\n    [[0.0, 1.0], [0.0, 0.0]]\n");
  add("roll", R"(Shifts the elements along dims, wrapping around the ends.

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
)");
  add("masked_select", R"(The elements where mask is true, flattened in row-major order.

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
)");
  add("one_hot", R"(Class indices as one-hot vectors: out[..., i] = 1 where i is the index, 0 elsewhere.

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
)");
  add("multinomial", R"(Draws indices from the categorical distributions given by the rows of input.

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
)");
}

}  // namespace nnlite::py_bind
