"""nnlite.nn.utils: helpers of torch.nn.utils (gradient clipping; ``rnn``:
packing and padding variable-length sequences)."""
from . import rnn
from .clip_grad import clip_grad_norm_, clip_grad_value_

__all__ = ["clip_grad_norm_", "clip_grad_value_", "rnn"]
