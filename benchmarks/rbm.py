"""RBM row: training a binary RBM on binarised MNIST with nnlite.models.RBM.fit
against scikit-learn's BernoulliRBM.fit, same data, hidden units, learning
rate, batch size and epochs (2,000 images, 64 hidden, lr 0.05, batch 20, 5
epochs, persistent CD, float32 in both, NumPy's BLAS limited to nnlite's
thread count), timed interleaved. The row is left
out where scikit-learn is not installed. The "torch" column holds
scikit-learn's time (the reference library of this row).
"""
from __future__ import annotations

import numpy as np

from .common import interleaved

N, HIDDEN, LR, BATCH, EPOCHS = 2000, 64, 0.05, 20, 5


def binary_mnist(n: int, train: bool = True) -> np.ndarray:
    """The first n embedded MNIST images as 0/1 float32 rows [n, 784] (pixels above half grey)."""
    from nnlite.data.datasets import MNIST

    return (MNIST(train=train).data[:n].numpy().reshape(n, -1) > 127).astype(np.float32)


def fitters(nnlite, x: np.ndarray, seed: int = 0) -> dict:
    """{"nnlite": fit, "sklearn": fit}: each call trains a fresh model with the row's settings."""
    from sklearn.neural_network import BernoulliRBM
    from threadpoolctl import threadpool_limits

    xt = nnlite.tensor(x)

    def nn_fit():
        nnlite.manual_seed(seed)
        return nnlite.models.RBM(x.shape[1], HIDDEN, persistent=True).fit(xt, EPOCHS, BATCH, LR)

    def sk_fit():
        # NumPy's BLAS gets nnlite's thread count: the row compares like with like.
        with threadpool_limits(nnlite.get_num_threads()):
            return BernoulliRBM(n_components=HIDDEN, learning_rate=LR, batch_size=BATCH, n_iter=EPOCHS,
                                random_state=seed).fit(x)

    return {"nnlite": nn_fit, "sklearn": sk_fit}


def all_rows(nnlite, torch, quick=False):
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return []
    t = interleaved(fitters(nnlite, binary_mnist(N // 4 if quick else N)), repeats=3 if quick else 7, warmup=1)
    return [{"row": "rbm training (vs sklearn)", "shape": f"{N // 4 if quick else N}x784, {HIDDEN} hidden, "
             f"batch {BATCH}, {EPOCHS} epochs", "unit": "ms", "nnlite": t["nnlite"] * 1e3, "torch": t["sklearn"] * 1e3}]
