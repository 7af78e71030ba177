"""nnlite.nn: modules (layers, activations, losses), parameters, init and functional."""
from . import functional, init
from .activation import ELU, GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Softplus, Tanh
from .containers import ModuleDict, ModuleList, Sequential
from .conv import Conv2d, ConvTranspose2d
from .dropout import Dropout
from .flatten import Flatten
from .linear import Identity, Linear
from .loss import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, MSELoss, NLLLoss
from .module import LoadStateDictError, Module
from .normalization import BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm
from .parameter import Parameter
from .pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from .rnn import GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell
from .sparse import Embedding
from .attention import MultiheadAttention
from .transformer import (Transformer, TransformerDecoder, TransformerDecoderLayer, TransformerEncoder,
                          TransformerEncoderLayer)
from .upsampling import Dropout2d, Upsample, UpsamplingNearest2d
from . import utils  # noqa: E402  (clip_grad_norm_, clip_grad_value_)
from .compat_layers import *  # noqa: E402,F401,F403  (issue 12's layers; the list is compat_layers.__all__)
from .compat_layers import __all__ as _compat_all  # noqa: E402
from . import modules  # noqa: E402,F401  (torch.nn.modules.* import paths)
from . import parallel  # noqa: E402
from .parallel import DataParallel  # noqa: E402
from .sync_batchnorm import SyncBatchNorm  # noqa: E402

__all__ = [
    "functional", "init", "Module", "Parameter", "LoadStateDictError", "Sequential", "ModuleList", "ModuleDict",
    "Linear", "Identity", "Flatten", "Dropout", "ReLU", "LeakyReLU", "GELU", "ELU", "Softplus", "Sigmoid", "Tanh",
    "Softmax", "LogSoftmax", "MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss",
    "Conv2d", "ConvTranspose2d", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "BatchNorm1d", "BatchNorm2d",
    "LayerNorm", "GroupNorm", "Dropout2d", "Upsample", "UpsamplingNearest2d",
]
__all__.append("Embedding")
__all__ += ["RNNCell", "LSTMCell", "GRUCell"]
__all__ += ["RNN", "LSTM", "GRU"]
__all__ += ["MultiheadAttention", "TransformerEncoderLayer", "TransformerDecoderLayer", "TransformerEncoder",
            "TransformerDecoder", "Transformer"]
__all__ += _compat_all
__all__ += ["DataParallel", "SyncBatchNorm"]
