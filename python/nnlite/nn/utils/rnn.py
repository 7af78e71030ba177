"""torch.nn.utils.rnn for nnlite: PackedSequence and the functions that pack,
pad and unpad batches of variable-length sequences.

A packed batch stores the valid time steps of B sequences sorted by length,
step by step: data[k] for k in offsets[t] .. offsets[t] + batch_sizes[t] is
time step t of the batch_sizes[t] sequences still running. Every conversion
here is one gather (index_select) of rows by an index map that is built from
the lengths on the host (B lengths, cheap), so autograd sees an ordinary
differentiable op and gradients flow back to the padded or packed data.
Padding positions gather from one extra row holding ``padding_value``.
"""
from collections import namedtuple
from numbers import Integral

import numpy as np

from ... import _C

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence",
           "pad_sequence", "unpad_sequence", "pack_sequence", "unpack_sequence"]

_PackedSequenceBase = namedtuple("PackedSequence_", ["data", "batch_sizes", "sorted_indices", "unsorted_indices"])


class PackedSequence(_PackedSequenceBase):
    """data [sum(lengths), *] (any dtype and device), batch_sizes (int64 on the
    CPU, one entry per time step), sorted_indices (the batch order by decreasing
    length, or None when the batch came sorted) and unsorted_indices (its
    inverse). A tuple, like torch's, so ``data, batch_sizes, *_ = packed``
    works. Build it with pack_padded_sequence or pack_sequence."""
    __slots__ = ()

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if batch_sizes is None:  # torch's legacy form PackedSequence((data, batch_sizes))
            if not (isinstance(data, (list, tuple)) and len(data) == 2):
                raise TypeError("PackedSequence: expected data and batch_sizes, or one (data, batch_sizes) pair, "
                                f"got {type(data).__name__}")
            data, batch_sizes = data
        for name, t in (("data", data), ("batch_sizes", batch_sizes)):
            if not isinstance(t, _C.Tensor):
                raise TypeError(f"PackedSequence: {name} must be a Tensor, got {type(t).__name__}")
        if batch_sizes.device.type != "cpu" or batch_sizes.dtype != _C.int64 or batch_sizes.dim() != 1:
            raise ValueError("PackedSequence: batch_sizes must be a 1-D int64 tensor on the CPU, got "
                             f"{batch_sizes.dim()}-D {batch_sizes.dtype} on {batch_sizes.device}; build packed "
                             "sequences with pack_padded_sequence or pack_sequence")
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args, **kwargs):
        """Convert data as Tensor.to does (the indices follow it to its device;
        batch_sizes stays on the CPU). Returns self when nothing changes."""
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        move = (lambda t: None if t is None else t.to(data.device))
        return type(self)(data, self.batch_sizes, move(self.sorted_indices), move(self.unsorted_indices))

    def cpu(self):
        return self.to("cpu")

    def cuda(self, device=None):
        return self.to("cuda" if device is None else device)

    def double(self):
        return self.to(_C.float64)

    def float(self):
        return self.to(_C.float32)

    def long(self):
        return self.to(_C.int64)

    def int(self):
        return self.to(_C.int32)

    def byte(self):
        return self.to(_C.uint8)

    @property
    def is_cuda(self):
        return self.data.is_cuda


def invert_permutation(permutation):
    """The inverse of a 1-D int64 permutation tensor (None stays None)."""
    if permutation is None:
        return None
    n = permutation.numel()
    return _C.scatter(_C.empty_like(permutation), 0, permutation, _C.arange(n, device=permutation.device))


# ---- host-side index maps ---------------------------------------------------------------


def _host_lengths(lengths, fn):
    """The lengths as a 1-D int64 numpy array; TypeError for non-integers."""
    if isinstance(lengths, _C.Tensor):
        if lengths.is_floating_point() or lengths.dtype == _C.bool:
            raise TypeError(f"{fn}: lengths must hold integers, got a {lengths.dtype} tensor")
        arr = lengths.cpu().numpy().astype(np.int64)
    elif isinstance(lengths, np.ndarray):
        if not np.issubdtype(lengths.dtype, np.integer):
            raise TypeError(f"{fn}: lengths must hold integers, got a numpy array of {lengths.dtype}")
        arr = lengths.astype(np.int64)
    else:
        try:
            items = list(lengths)
        except TypeError:
            raise TypeError(f"{fn}: lengths must be a 1-D integer tensor or a list of ints, "
                            f"got {type(lengths).__name__}") from None
        bad = [v for v in items if isinstance(v, bool) or not isinstance(v, Integral)]
        if bad:
            raise TypeError(f"{fn}: lengths must hold integers, got {bad[0]!r}")
        arr = np.asarray(items, dtype=np.int64)
    if arr.ndim != 1:
        raise ValueError(f"{fn}: lengths must be 1-D, got shape {list(arr.shape)}")
    return arr


def _packed_positions(lengths, batch_first):
    """For lengths sorted in decreasing order: the packed rows as positions in
    a padded [T, B] grid (t * B + b, or b * T + t when batch_first), in
    packed order, with T = lengths[0]; and batch_sizes [T]."""
    steps = np.arange(lengths[0] if len(lengths) else 0)
    running = steps[:, None] < lengths[None, :]  # [T, B], each row a prefix of the batch
    t, b = np.nonzero(running)  # row-major: time step by time step, the packed order
    return t, b, running.sum(1).astype(np.int64)


def _index(arr, device):
    return _C.from_numpy(np.ascontiguousarray(arr, dtype=np.int64)).to(device)


def _gather_padded(rows, index, shape, padding_value):
    """rows [N, *] gathered by index (N meaning padding) into shape."""
    rest = tuple(rows.shape[1:])
    pad = _C.full((1,) + rest, padding_value, dtype=rows.dtype, device=rows.device)
    return _C.index_select(_C.cat([rows, pad], 0), 0, _index(index, rows.device)).reshape(*shape, *rest)


def _check_flag(value, fn, name):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{fn}: {name} must be a bool, got {type(value).__name__}")
    return bool(value)


# ---- pack / pad ------------------------------------------------------------------------------


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Pack a padded batch input [T, B, *] ([B, T, *] when batch_first) whose
    sequence b has lengths[b] valid steps. With enforce_sorted the lengths
    must decrease; otherwise the batch is sorted here and sorted_indices
    records the order."""
    return _pack(input, lengths, batch_first, enforce_sorted, "pack_padded_sequence")


def _pack(input, lengths, batch_first, enforce_sorted, fn):
    if not isinstance(input, _C.Tensor):
        raise TypeError(f"{fn}: input must be a Tensor, got {type(input).__name__}")
    batch_first = _check_flag(batch_first, fn, "batch_first")
    if input.dim() < 2:
        raise ValueError(f"{fn}: input must have a time and a batch dimension, got shape {list(input.shape)}")
    lens = _host_lengths(lengths, fn)
    T, B = (input.shape[1], input.shape[0]) if batch_first else (input.shape[0], input.shape[1])
    if B == 0 or input.numel() == 0:
        raise ValueError(f"{fn}: cannot pack empty tensors (input of shape {list(input.shape)})")
    if len(lens) != B:
        raise ValueError(f"{fn}: expected len(lengths) to be the batch size {B}, got {len(lens)}")
    if lens.min() <= 0:
        raise ValueError(f"{fn}: every length must be greater than 0, got lengths {lens.tolist()}")
    if lens.max() > T:
        raise ValueError(f"{fn}: a length of {int(lens.max())} exceeds the padded sequence length {T} "
                         f"(input of shape {list(input.shape)}, batch_first={batch_first})")
    if enforce_sorted:
        if np.any(lens[1:] > lens[:-1]):
            raise ValueError(f"{fn}: lengths must be sorted in decreasing order when enforce_sorted=True, got "
                             f"{lens.tolist()}; pass enforce_sorted=False to sort them here")
        order, sorted_indices = np.arange(B), None
    else:
        order = np.argsort(-lens, kind="stable")
        sorted_indices = _index(order, input.device)
    t, k, batch_sizes = _packed_positions(lens[order], batch_first)
    b = order[k]  # the k-th sequence by length is input's sequence b
    pos = b * T + t if batch_first else t * B + b
    flat = input.reshape(B * T, *input.shape[2:])
    data = _C.index_select(flat, 0, _index(pos, input.device))
    return PackedSequence(data, _C.from_numpy(batch_sizes), sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """Undo pack_padded_sequence: (padded [T, B, *] or [B, T, *], lengths
    int64 [B] on the CPU), in the batch's original order; T is the longest
    length, or total_length when given."""
    fn = "pad_packed_sequence"
    if not isinstance(sequence, PackedSequence):
        raise TypeError(f"{fn}: sequence must be a PackedSequence, got {type(sequence).__name__}")
    batch_first = _check_flag(batch_first, fn, "batch_first")
    batch_sizes = sequence.batch_sizes.numpy()
    T = len(batch_sizes)
    if total_length is not None:
        if isinstance(total_length, bool) or not isinstance(total_length, Integral):
            raise TypeError(f"{fn}: total_length must be an int, got {type(total_length).__name__}")
        if total_length < T:
            raise ValueError(f"{fn}: total_length must be at least the longest sequence's length {T}, "
                             f"got total_length={total_length}")
        T = int(total_length)
    B = int(batch_sizes[0]) if len(batch_sizes) else 0
    lens = (batch_sizes[:, None] > np.arange(B)[None, :]).sum(0)  # sorted order, decreasing
    unsorted = (np.arange(B) if sequence.unsorted_indices is None
                else sequence.unsorted_indices.cpu().numpy().astype(np.int64))
    t, k, _ = _packed_positions(lens, False)
    # Packed row r holds step t[r] of the k[r]-th longest sequence; place it at
    # that sequence's original batch slot.
    slot = _invert_host(unsorted)[k]
    index = np.full(B * T, sequence.data.shape[0], dtype=np.int64)
    index[slot * T + t if batch_first else t * B + slot] = np.arange(len(t))
    shape = (B, T) if batch_first else (T, B)
    padded = _gather_padded(sequence.data, index, shape, padding_value)
    return padded, _C.from_numpy(np.ascontiguousarray(lens[unsorted]))


def _invert_host(perm):
    inv = np.empty_like(perm)
    inv[perm] = np.arange(len(perm))
    return inv


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stack sequences [L_i, *] into one padded tensor [max L, B, *]
    ([B, max L, *] when batch_first), padded on padding_side."""
    fn = "pad_sequence"
    if isinstance(sequences, _C.Tensor):
        sequences = sequences.unbind(0)
    try:
        sequences = list(sequences)
    except TypeError:
        raise TypeError(f"{fn}: expected an iterable of tensors, got {type(sequences).__name__}") from None
    if padding_side not in ("left", "right"):
        raise ValueError(f"{fn}: padding_side must be 'left' or 'right', got {padding_side!r}")
    batch_first = _check_flag(batch_first, fn, "batch_first")
    if not sequences:
        raise ValueError(f"{fn}: received an empty list of sequences")
    for i, s in enumerate(sequences):
        if not isinstance(s, _C.Tensor):
            raise TypeError(f"{fn}: sequences must be tensors, but element {i} is a {type(s).__name__}")
        if s.dim() < 1:
            raise ValueError(f"{fn}: sequences must have a time dimension, but element {i} is 0-D")
    first = sequences[0]
    for i, s in enumerate(sequences):
        if tuple(s.shape[1:]) != tuple(first.shape[1:]) or s.dtype != first.dtype:
            raise ValueError(f"{fn}: every sequence must have the trailing shape {list(first.shape[1:])} and dtype "
                             f"{first.dtype} of the first, but element {i} has shape {list(s.shape)} and {s.dtype}")
    lens = np.array([s.shape[0] for s in sequences], dtype=np.int64)
    B, T = len(lens), int(lens.max())
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    step = np.arange(T)[:, None] - (T - lens[None, :] if padding_side == "left" else 0)  # [T, B]
    valid = (step >= 0) & (step < lens[None, :])
    index = np.where(valid, starts[None, :] + step, lens.sum())  # [T, B]
    if batch_first:
        index = index.T
    shape = (B, T) if batch_first else (T, B)
    return _gather_padded(_C.cat(sequences, 0), index.reshape(-1), shape, padding_value)


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    """Split a padded batch back into a list of B tensors [lengths[b], *]."""
    fn = "unpad_sequence"
    if not isinstance(padded_sequences, _C.Tensor) or padded_sequences.dim() < 2:
        raise ValueError(f"{fn}: padded_sequences must be a tensor with time and batch dimensions")
    lens = _host_lengths(lengths, fn)
    batch_dim, time_dim = (0, 1) if batch_first else (1, 0)
    if len(lens) != padded_sequences.shape[batch_dim]:
        raise ValueError(f"{fn}: expected {padded_sequences.shape[batch_dim]} lengths, got {len(lens)}")
    if lens.size and (lens.min() < 0 or lens.max() > padded_sequences.shape[time_dim]):
        raise ValueError(f"{fn}: lengths must lie in [0, {padded_sequences.shape[time_dim]}], got {lens.tolist()}")
    return [padded_sequences.select(batch_dim, b).narrow(0, 0, int(n)) for b, n in enumerate(lens)]


def pack_sequence(sequences, enforce_sorted=True):
    """Pack a list of tensors [L_i, *] (decreasing lengths with enforce_sorted)."""
    sequences = list(sequences)
    if not sequences:
        raise ValueError("pack_sequence: received an empty list of sequences")
    lengths = [s.shape[0] if isinstance(s, _C.Tensor) and s.dim() > 0 else 0 for s in sequences]
    return _pack(pad_sequence(sequences), lengths, False, enforce_sorted, "pack_sequence")


def unpack_sequence(packed_sequences):
    """The list of tensors that pack_sequence packed, in their original order."""
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
