"""Logistic regression y = sigmoid(w^T x + b), trained by full-batch gradient
descent on the squared-error cost E = 1/(2n) * sum (y - t)^2, on a separable
two-class problem. Run: python examples/logistic_regression.py"""
import nnlite
from _synthetic import separable_blobs  # examples/ is on sys.path when a script runs


def train(x, t01, lr=2.0, steps=300):
    """Gradient descent on the squared error; targets t01 in {0, 1}.
    Returns (w, b, costs)."""
    w = nnlite.zeros(x.shape[1], requires_grad=True)
    b = nnlite.zeros(1, requires_grad=True)
    costs = []
    for _ in range(steps):
        y = nnlite.sigmoid(nnlite.matmul(x, w) + b)
        cost = ((y - t01) ** 2).sum() / (2 * x.shape[0])
        w.grad = None
        b.grad = None
        cost.backward()
        with nnlite.no_grad():
            w.sub_(lr * w.grad)
            b.sub_(lr * b.grad)
        costs.append(cost.item())
    return w.detach(), b.detach(), costs


def accuracy(x, t01, w, b):
    pred = (nnlite.matmul(x, w) + b) > 0
    return (pred == (t01 > 0.5)).float().mean().item()


def main(verbose=True):
    x, t = separable_blobs(n=400, seed=0)
    t01 = (t + 1) / 2  # {-1, +1} -> {0, 1}
    w, b, costs = train(x, t01)
    acc = accuracy(x, t01, w, b)
    if verbose:
        print(f"cost {costs[0]:.4f} -> {costs[-1]:.4f}; w = {w.tolist()}, b = {b.item():.3f}; accuracy {acc:.3f}")
    return acc


if __name__ == "__main__":
    main()
