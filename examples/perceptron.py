"""Rosenblatt's perceptron: y = sign(w^T x + b); for each misclassified sample
w += lr * t * x and b += lr * t, until an epoch makes no mistake. On linearly
separable data this converges (Novikoff's theorem). Run:
python examples/perceptron.py"""
import nnlite
from _synthetic import separable_blobs  # examples/ is on sys.path when a script runs


def predict(x, w, b):
    return nnlite.where(nnlite.matmul(x, w) + b >= 0, nnlite.ones(x.shape[0]), -nnlite.ones(x.shape[0]))


def train(x, t, lr=1.0, max_epochs=100, seed=0):
    """Online perceptron rule, one sample at a time in a shuffled order.
    Returns (w, b, mistakes per epoch)."""
    w = nnlite.zeros(x.shape[1])
    b = nnlite.zeros(1)
    gen = nnlite.Generator()
    gen.manual_seed(seed)
    mistakes = []
    for _ in range(max_epochs):
        errors = 0
        for i in nnlite.randperm(x.shape[0], generator=gen).tolist():
            xi, ti = x[i], t[i]
            # The rule: update only when sign(w.x + b) disagrees with t.
            if (ti * (nnlite.matmul(xi, w) + b)).item() <= 0:
                w.add_(lr * ti * xi)
                b.add_(lr * ti)
                errors += 1
        mistakes.append(errors)
        if errors == 0:
            break
    return w, b, mistakes


def main(verbose=True):
    x, t = separable_blobs(n=300, margin=0.1, seed=1)
    w, b, mistakes = train(x, t)
    acc = (predict(x, w, b) == t).float().mean().item()
    if verbose:
        print(f"mistakes per epoch: {mistakes}; converged after {len(mistakes)} epochs; accuracy {acc:.3f}")
    return acc


if __name__ == "__main__":
    main()
