"""RNNCell, LSTMCell, GRUCell: one recurrent step on the fused cell ops
(nnlite._C.rnn_tanh_cell / rnn_relu_cell / lstm_cell / gru_cell); RNN, LSTM,
GRU: whole sequences, one C++ op call per layer and direction
(nnlite._C.rnn_tanh_layer / rnn_relu_layer / lstm_layer / gru_layer, which
loop over time in C++). Torch's parameter names, layout, gate order and
initialisation throughout (the C++ modules in nnlite::nn match them)."""
import math
import numbers
import warnings

from .. import _C
from . import functional as F
from . import init
from ._packed import PackedLayout
from .module import Module
from .parameter import Parameter
from .utils.rnn import PackedSequence

__all__ = ["RNNCell", "LSTMCell", "GRUCell", "RNNBase", "RNN", "LSTM", "GRU"]


class _RNNCellBase(Module):
    _gates = 1

    def __init__(self, input_size, hidden_size, bias, device=None, dtype=None):
        super().__init__()
        name = type(self).__name__
        for arg, value in (("input_size", input_size), ("hidden_size", hidden_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name}: {arg} must be a non-negative integer but got {value!r}")
        from .. import empty, get_default_dtype

        dtype = get_default_dtype() if dtype is None else dtype
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


class RNNBase(Module):
    """The stack of layers and directions shared by RNN, LSTM and GRU."""
    _gates = 1

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        name = type(self).__name__
        for arg, value in (("input_size", input_size), ("hidden_size", hidden_size), ("num_layers", num_layers),
                           ("proj_size", proj_size)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name}: {arg} should be of type int, got: {type(value).__name__}")
        if not isinstance(dropout, numbers.Number) or isinstance(dropout, bool) or not 0 <= dropout <= 1:
            raise ValueError(f"{name}: dropout should be a number in range [0, 1] representing the probability of "
                             f"an element being zeroed, got {dropout!r}")
        if hidden_size <= 0:
            raise ValueError(f"{name}: hidden_size must be greater than zero, got {hidden_size}")
        if num_layers <= 0:
            raise ValueError(f"{name}: num_layers must be greater than zero, got {num_layers}")
        if input_size < 0:
            raise ValueError(f"{name}: input_size must be non-negative, got {input_size}")
        if proj_size < 0:
            raise ValueError(f"{name}: proj_size should be a positive integer or zero to disable projections, "
                             f"got {proj_size}")
        if proj_size >= hidden_size:
            raise ValueError(f"{name}: proj_size has to be smaller than hidden_size, got {proj_size} >= {hidden_size}")
        if proj_size and mode != "LSTM":
            raise ValueError(f"{name}: proj_size argument is only supported for LSTM, not RNN or GRU")
        if dropout > 0 and num_layers == 1:
            warnings.warn(f"{name}: dropout option adds dropout after all but last recurrent layer, so non-zero "
                          f"dropout expects num_layers greater than 1, but got dropout={dropout} and "
                          f"num_layers={num_layers}")
        from .. import empty, get_default_dtype

        dtype = get_default_dtype() if dtype is None else dtype
        self.mode, self.input_size, self.hidden_size, self.num_layers = mode, input_size, hidden_size, num_layers
        self.bias, self.batch_first, self.dropout = bias, batch_first, float(dropout)
        self.bidirectional, self.proj_size = bidirectional, proj_size
        g, real = self._gates * hidden_size, proj_size or hidden_size
        self._flat_weights_names = []
        for layer in range(num_layers):
            for suffix in ("", "_reverse")[: 2 if bidirectional else 1]:
                in_size = input_size if layer == 0 else real * (2 if bidirectional else 1)
                shapes = [("weight_ih", (g, in_size)), ("weight_hh", (g, real))]
                if bias:
                    shapes += [("bias_ih", (g,)), ("bias_hh", (g,))]
                if proj_size:
                    shapes.append(("weight_hr", (proj_size, hidden_size)))
                for kind, shape in shapes:
                    pname = f"{kind}_l{layer}{suffix}"
                    setattr(self, pname, Parameter(empty(*shape, dtype=dtype)))
                    self._flat_weights_names.append(pname)
        self.reset_parameters()
        if device is not None:
            self.to(device)

    def reset_parameters(self):
        # torch: every parameter U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)).
        k = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            init.uniform_(p, -k, k)

    def flatten_parameters(self):
        """torch compacts cuDNN weights here; nnlite's weights need nothing."""

    @property
    def _flat_weights(self):
        return [getattr(self, n) for n in self._flat_weights_names]

    @property
    def all_weights(self):
        per = len(self._flat_weights_names) // (self.num_layers * (2 if self.bidirectional else 1))
        w = self._flat_weights
        return [w[i:i + per] for i in range(0, len(w), per)]

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s  # torch leaves nonlinearity out

    # ---- forward -------------------------------------------------------
    def _state(self, hx, batched, N, size, what, like):
        """hx checked against [L*D, N, size] (or [L*D, size] unbatched) -> 3-d, or zeros."""
        name, D = type(self).__name__, 2 if self.bidirectional else 1
        want = (self.num_layers * D, N, size)
        if hx is None:
            from .. import zeros

            return zeros(*want, dtype=like.dtype, device=like.device)
        if hx.dim() != (3 if batched else 2):
            kind = "batched 3-D" if batched else "unbatched 2-D"
            raise ValueError(f"{name}: For {kind} input, {what} should also be {3 if batched else 2}-D but got "
                             f"{hx.dim()}-D tensor")
        h = hx if batched else hx.unsqueeze(1)
        if tuple(h.shape) != want:
            shown = want if batched else (want[0], want[2])
            raise ValueError(f"{name}: Expected {what} size {shown}, got {list(hx.shape)}")
        if h.dtype != like.dtype:
            raise TypeError(f"{name}: {what} must have the input's dtype {like.dtype}, got {h.dtype}")
        return h

    def _check_input(self, x, packed):
        name = type(self).__name__
        if not packed and x.dim() not in (2, 3):
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {x.dim()}D instead")
        if packed and x.dim() != 2:
            raise ValueError(f"{name}: Expected packed data to be 2D [total, input_size], got {x.dim()}D instead")
        if x.shape[-1] != self.input_size:
            raise ValueError(f"{name}: input.size(-1) must be equal to input_size. Expected {self.input_size}, "
                             f"got {x.shape[-1]}")

    def _run(self, input, hx):
        """The shared forward: returns (output, h_n, c_n or None) in the caller's layout."""
        packed = isinstance(input, PackedSequence)
        x = input.data if packed else input
        self._check_input(x, packed)
        layout = lengths = None
        if packed:
            layout = PackedLayout(input)
            x, batched = layout.pad(x), True
            lengths = layout.lengths_tensor(x.device)
        else:
            batched = x.dim() == 3
            if not batched:
                x = x.unsqueeze(1)
            elif self.batch_first:
                x = x.transpose(0, 1)
        N = x.shape[1]
        lstm = self.mode == "LSTM"
        real = self.proj_size or self.hidden_size
        if lstm:
            if hx is not None and (not isinstance(hx, (tuple, list)) or len(hx) != 2):
                raise ValueError(f"{type(self).__name__}: expected hx to be a tuple (h_0, c_0)")
            h0 = self._state(None if hx is None else hx[0], batched, N, real, "hidden[0]", x)
            c0 = self._state(None if hx is None else hx[1], batched, N, self.hidden_size, "hidden[1]", x)
        else:
            h0, c0 = self._state(hx, batched, N, real, "hidden", x), None
        y, hs, cs = self._layers(x, h0, c0, lengths)
        h_n = _C.stack(hs, 0)
        c_n = _C.stack(cs, 0) if lstm else None
        if packed:
            y = type(input)(layout.pack(y), input.batch_sizes, input.sorted_indices, input.unsorted_indices)
        elif not batched:
            y, h_n = y.squeeze(1), h_n.squeeze(1)
            c_n = c_n.squeeze(1) if lstm else None
        elif self.batch_first:
            y = y.transpose(0, 1)
        return y, h_n, c_n

    def _layers(self, x, h0, c0, lengths):
        D = 2 if self.bidirectional else 1
        w, per = self._flat_weights, len(self._flat_weights_names) // (self.num_layers * D)
        hs, cs = [], []
        for layer in range(self.num_layers):
            outs = []
            for d in range(D):
                k = layer * D + d
                ws = w[k * per:(k + 1) * per]
                w_ih, w_hh = ws[0], ws[1]
                b_ih, b_hh = (ws[2], ws[3]) if self.bias else (None, None)
                rev = d == 1
                if self.mode == "LSTM":
                    w_hr = ws[-1] if self.proj_size else None
                    y, h, c = _C.lstm_layer(x, h0[k], c0[k], w_ih, w_hh, b_ih, b_hh, w_hr, rev, lengths)
                    cs.append(c)
                else:
                    op = {"RNN_TANH": _C.rnn_tanh_layer, "RNN_RELU": _C.rnn_relu_layer, "GRU": _C.gru_layer}[self.mode]
                    y, h = op(x, h0[k], w_ih, w_hh, b_ih, b_hh, rev, lengths)
                outs.append(y)
                hs.append(h)
            x = outs[0] if D == 1 else _C.cat(outs, 2)
            if self.dropout and self.training and layer < self.num_layers - 1:
                x = F.dropout(x, self.dropout, True)
        return x, hs, cs


class RNN(RNNBase):
    """Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), or relu."""

    def __init__(self, input_size, hidden_size, num_layers=1, nonlinearity="tanh", bias=True, batch_first=False,
                 dropout=0.0, bidirectional=False, device=None, dtype=None):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"RNN: Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'.")
        self.nonlinearity = nonlinearity
        super().__init__("RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU", input_size, hidden_size, num_layers,
                         bias, batch_first, dropout, bidirectional, 0, device, dtype)

    def forward(self, input, hx=None):
        y, h, _ = self._run(input, hx)
        return y, h


class LSTM(RNNBase):
    """LSTM with gates i, f, g, o; proj_size > 0 projects h by weight_hr."""
    _gates = 4

    def __init__(self, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__("LSTM", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional,
                         proj_size, device, dtype)

    def forward(self, input, hx=None):
        y, h, c = self._run(input, hx)
        return y, (h, c)


class GRU(RNNBase):
    """GRU with gates r, z, n; n = tanh(W_in x + b_in + r * (W_hn h + b_hn))."""
    _gates = 3

    def __init__(self, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, device=None, dtype=None):
        super().__init__("GRU", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, 0,
                         device, dtype)

    def forward(self, input, hx=None):
        y, h, _ = self._run(input, hx)
        return y, h
