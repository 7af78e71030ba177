"""The index maps between a PackedSequence's flat data and the padded,
time-major [T, N, *] layout (original batch order) that the recurrent ops
take with per-row lengths. Both directions are index_select gathers, so
gradients flow back to the packed data. The maps are computed on the host
from batch_sizes and sorted_indices, which are small."""
import numpy as np

from .. import _C


def _as_array(t):
    return None if t is None else np.asarray(t.tolist() if hasattr(t, "tolist") else t, dtype=np.int64)


class PackedLayout:
    """T steps, N rows; `lengths` (original row order) and the gather maps."""

    def __init__(self, packed):
        bs = _as_array(packed.batch_sizes)
        self.T, self.N = len(bs), int(bs[0]) if len(bs) else 0
        sorted_idx = _as_array(packed.sorted_indices)
        if sorted_idx is None:
            sorted_idx = np.arange(self.N, dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(bs)[:-1]]).astype(np.int64)
        total = int(bs.sum())
        inv = np.empty(self.N, dtype=np.int64)
        inv[sorted_idx] = np.arange(self.N)
        j = inv[None, :]
        valid = j < bs[:, None]
        # padded[t, b] = data[offsets[t] + j(b)] where valid, else the zero row appended at `total`
        self._pad_map = np.where(valid, offsets[:, None] + j, total).reshape(-1)
        # packed order: step t, sorted column j < bs[t] -> padded row t * N + sorted_idx[j]
        self._pack_map = np.concatenate([t * self.N + sorted_idx[:bs[t]] for t in range(self.T)]) \
            if self.T else np.zeros(0, dtype=np.int64)
        self.lengths = (bs[:, None] > np.arange(self.N)[None, :]).sum(0)[inv].astype(np.int64)

    def pad(self, data):
        """data [total, F] -> [T, N, F] (zeros past each row's length)."""
        F = data.shape[-1]
        ext = _C.cat([data, _C.zeros(1, F, dtype=data.dtype, device=data.device)], 0)
        idx = _C.from_numpy(self._pad_map).to(data.device)
        return _C.index_select(ext, 0, idx).reshape(self.T, self.N, F)

    def pack(self, padded):
        """[T, N, F] -> data [total, F] in the packed order."""
        F = padded.shape[-1]
        idx = _C.from_numpy(self._pack_map).to(padded.device)
        return _C.index_select(padded.reshape(self.T * self.N, F), 0, idx)

    def lengths_tensor(self, device):
        return _C.from_numpy(self.lengths).to(device)
