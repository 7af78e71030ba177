"""Widrow and Hoff's ADALINE: a linear unit net = w^T x + b trained with the
LMS (delta) rule w += lr * (t - net) * x, one sample at a time, which descends
the mean squared error; it classifies with sign(net). Run:
python examples/adaline.py"""
import nnlite
from _synthetic import separable_blobs  # examples/ is on sys.path when a script runs


def mse(x, t, w, b):
    err = t - (nnlite.matmul(x, w) + b)
    return (err * err).mean().item()


def train(x, t, lr=0.001, epochs=15, seed=0):
    """LMS updates over shuffled samples. Returns (w, b, MSE before training
    and after each epoch)."""
    w = nnlite.zeros(x.shape[1])
    b = nnlite.zeros(1)
    gen = nnlite.Generator()
    gen.manual_seed(seed)
    history = [mse(x, t, w, b)]
    for _ in range(epochs):
        for i in nnlite.randperm(x.shape[0], generator=gen).tolist():
            xi = x[i]
            err = t[i] - (nnlite.matmul(xi, w) + b)  # the error of the linear output, not of the sign
            w.add_(lr * err * xi)
            b.add_(lr * err)
        history.append(mse(x, t, w, b))
    return w, b, history


def main(verbose=True):
    x, t = separable_blobs(n=200, seed=2)
    w, b, history = train(x, t)
    pred = nnlite.where(nnlite.matmul(x, w) + b >= 0, nnlite.ones(x.shape[0]), -nnlite.ones(x.shape[0]))
    acc = (pred == t).float().mean().item()
    if verbose:
        print(f"MSE per epoch: {[round(m, 4) for m in history]}; accuracy {acc:.3f}")
    return acc


if __name__ == "__main__":
    main()
