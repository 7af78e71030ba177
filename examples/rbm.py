"""A restricted Boltzmann machine (784 binary pixels, 64 binary hidden units)
on the MNIST subset that nnlite ships, trained by persistent contrastive
divergence with scikit-learn's BernoulliRBM settings (lr 0.05, batch 20).
Prints the held-out pseudo-log-likelihood after each epoch and can save a PNG
with the learnt filters (top rows) and samples of a Gibbs chain (bottom). Run:
python examples/rbm.py [--epochs N] [--limit N] [--png PATH]"""
import argparse
import time

import nnlite
from nnlite.data.datasets import MNIST
from nnlite.models import RBM


def binary_images(train, limit=None):
    """MNIST images as 0/1 rows [N, 784] (pixels above half grey)."""
    data = MNIST(train=train).data
    n = len(data) if limit is None else min(limit, len(data))
    return (data[:n].reshape(n, -1) > 127).float()


def picture(rbm, start, steps=1000):
    """[64 + 16, 1, 28, 28] in [0, 1]: the first 64 filters, then 16 chains after `steps` Gibbs steps."""
    w = rbm.weight.detach()[:64]
    lo, hi = w.min(1, keepdim=True)[0], w.max(1, keepdim=True)[0]
    filters = (w - lo) / (hi - lo + 1e-8)
    with nnlite.no_grad():
        samples = rbm.gibbs(start[:16], steps)
    return nnlite.cat([filters, samples]).reshape(-1, 1, 28, 28)


def main(epochs=10, limit=None, hidden=64, lr=0.05, batch_size=20, seed=0, png=None, verbose=True):
    nnlite.manual_seed(seed)
    gen = nnlite.Generator()
    gen.manual_seed(seed)
    train, test = binary_images(True, limit), binary_images(False, limit)
    rbm = RBM(784, hidden, persistent=True)
    plls = []
    start = time.perf_counter()

    def report(epoch):
        eval_gen = nnlite.Generator()
        eval_gen.manual_seed(1234)  # the same flipped pixels every epoch: the curve shows the model, not the draw
        plls.append(rbm.pseudo_log_likelihood(test, generator=eval_gen).mean().item())
        if verbose:
            print(f"epoch {epoch}/{epochs}: test pseudo-log-likelihood {plls[-1]:.2f} "
                  f"({time.perf_counter() - start:.2f} s)", flush=True)

    rbm.fit(train, epochs=epochs, batch_size=batch_size, lr=lr, generator=gen, callback=report)
    if png:
        from nnlite.utils import save_image

        save_image(picture(rbm, test), png, nrow=16, padding=1)
        if verbose:
            print(f"saved filters and samples to {png}")
    return plls


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--limit", type=int, default=None, help="use at most this many train and test images")
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--png", default=None, help="save a PNG of filters and Gibbs samples here")
    a = p.parse_args()
    main(epochs=a.epochs, limit=a.limit, hidden=a.hidden, seed=a.seed, png=a.png)
