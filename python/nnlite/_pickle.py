"""Copying and pickling tensors: the data travels as a NumPy array, so a
pickle never holds pointers and loading never runs nnlite code beyond this."""
import numpy as np

from . import _C


def _rebuild(array, requires_grad):
    t = _C.from_numpy(np.ascontiguousarray(array)).clone()
    if requires_grad:
        t.requires_grad_(True)
    return t


def _reduce(self, protocol=2):
    if self.grad_fn is not None:
        raise RuntimeError("pickle: only leaf tensors can be pickled; call detach() first")
    return _rebuild, (self.detach().numpy().copy(), self.requires_grad)


def _deepcopy(self, memo):
    if self.grad_fn is not None:
        raise RuntimeError("deepcopy: only leaf tensors support the deepcopy protocol; call detach() first")
    out = self.detach().clone()
    if self.requires_grad:
        out.requires_grad_(True)
    if self.grad is not None:
        out.grad = self.grad.detach().clone()
    memo[id(self)] = out
    return out


_C.Tensor.__reduce_ex__ = _reduce
_C.Tensor.__deepcopy__ = _deepcopy
