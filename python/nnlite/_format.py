"""Printing tensors (via NumPy's formatter) and small result types."""
from collections import namedtuple

import numpy as np

values_indices = namedtuple("values_indices", ["values", "indices"])


def tensor_repr(t):
    data = t.detach().cpu().numpy()  # a GPU tensor prints its values, as torch's
    body = np.array2string(data, separator=", ", precision=4, threshold=1000, edgeitems=3,
                           prefix="tensor(")
    extras = [f"shape={tuple(t.shape)}", f"dtype={t.dtype}", f"device={t.device}"]
    if t.grad_fn is not None:
        extras.append(f"grad_fn={t.grad_fn!r}")
    elif t.requires_grad:
        extras.append("requires_grad=True")
    return f"tensor({body}, " + ", ".join(extras) + ")"
