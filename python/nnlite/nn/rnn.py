"""RNNCell, LSTMCell, GRUCell: one recurrent step on the fused cell ops
(nnlite._C.rnn_tanh_cell / rnn_relu_cell / lstm_cell / gru_cell), with
torch's parameter names, gate order and initialisation (the C++ modules in
nnlite::nn match them)."""
import math

from .. import _C
from . import init
from .module import Module
from .parameter import Parameter

__all__ = ["RNNCell", "LSTMCell", "GRUCell"]


class _RNNCellBase(Module):
    _gates = 1

    def __init__(self, input_size, hidden_size, bias, device=None, dtype=None):
        super().__init__()
        name = type(self).__name__
        for arg, value in (("input_size", input_size), ("hidden_size", hidden_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name}: {arg} must be a non-negative integer but got {value!r}")
        from .. import empty, float32

        dtype = float32 if dtype is None else dtype
        self.input_size, self.hidden_size, self.bias = input_size, hidden_size, bias
        g = self._gates * hidden_size
        self.weight_ih = Parameter(empty(g, input_size, dtype=dtype))
        self.weight_hh = Parameter(empty(g, hidden_size, dtype=dtype))
        if bias:
            self.bias_ih = Parameter(empty(g, dtype=dtype))
            self.bias_hh = Parameter(empty(g, dtype=dtype))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        # torch: every parameter U(-1/sqrt(H), 1/sqrt(H)), in registration order.
        k = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0.0
        for p in self.parameters():
            init.uniform_(p, -k, k)

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            s += f", nonlinearity={self.nonlinearity}"
        return s

    def _check(self, input, hx, what="hx"):
        """Torch's checks, worded with this layer's name; returns hx or zeros."""
        name = type(self).__name__
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        if input.shape[-1] != self.input_size:
            raise ValueError(f"{name}: input has inconsistent input_size: got {input.shape[-1]} "
                             f"expected {self.input_size}")
        want = (input.shape[0], self.hidden_size) if input.dim() == 2 else (self.hidden_size,)
        if hx is None:
            from .. import zeros

            return zeros(*want, dtype=input.dtype, device=input.device)
        if tuple(hx.shape) != want:
            raise ValueError(f"{name}: expected {what} of shape {list(want)} for input of shape "
                             f"{list(input.shape)}, got {list(hx.shape)}")
        return hx

    def _weights(self):
        return self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh


class RNNCell(_RNNCellBase):
    """h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh), or relu."""

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"RNNCell: Unknown nonlinearity: {nonlinearity} (expected 'tanh' or 'relu')")
        self.nonlinearity = nonlinearity
        super().__init__(input_size, hidden_size, bias, device, dtype)

    def forward(self, input, hx=None):
        hx = self._check(input, hx)
        op = _C.rnn_relu_cell if self.nonlinearity == "relu" else _C.rnn_tanh_cell
        return op(input, hx, *self._weights())


class LSTMCell(_RNNCellBase):
    """(h', c') with gates i, f, g, o; hx is (h, c) or None for zeros."""
    _gates = 4

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, device, dtype)

    def forward(self, input, hx=None):
        if hx is None:
            h = c = self._check(input, None)
        else:
            if not isinstance(hx, (tuple, list)) or len(hx) != 2:
                raise ValueError("LSTMCell: expected hx to be a tuple (h, c)")
            h, c = self._check(input, hx[0], "h"), self._check(input, hx[1], "c")
        return _C.lstm_cell(input, (h, c), *self._weights())


class GRUCell(_RNNCellBase):
    """h' with gates r, z, n; n = tanh(W_in x + b_in + r * (W_hn h + b_hn))."""
    _gates = 3

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, device, dtype)

    def forward(self, input, hx=None):
        return _C.gru_cell(input, self._check(input, hx), *self._weights())
