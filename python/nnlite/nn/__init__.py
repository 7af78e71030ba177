"""nnlite.nn: modules (layers, activations, losses), parameters, init and functional."""
from . import functional, init
from .activation import ELU, GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Softplus, Tanh
from .containers import ModuleDict, ModuleList, Sequential
from .dropout import Dropout
from .flatten import Flatten
from .linear import Identity, Linear
from .loss import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, MSELoss, NLLLoss
from .module import LoadStateDictError, Module
from .parameter import Parameter

__all__ = [
    "functional", "init", "Module", "Parameter", "LoadStateDictError", "Sequential", "ModuleList", "ModuleDict",
    "Linear", "Identity", "Flatten", "Dropout", "ReLU", "LeakyReLU", "GELU", "ELU", "Softplus", "Sigmoid", "Tanh",
    "Softmax", "LogSoftmax", "MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss",
]
