"""nnlite.optim: optimizers (one C++ update per parameter group) and lr_scheduler."""
from . import lr_scheduler
from .adam import Adam, AdamW
from .adaptive import Adadelta, Adagrad, NAdam, RAdam, RMSprop
from .large_batch import LAMB, LARS
from .lbfgs import LBFGS
from .optimizer import Optimizer
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "Adagrad", "RMSprop", "Adadelta", "NAdam", "RAdam", "LBFGS",
           "LARS", "LAMB", "lr_scheduler"]
